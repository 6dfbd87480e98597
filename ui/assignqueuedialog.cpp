#include "assignqueuedialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Nbc::Ui {

AssignQueueDialog::AssignQueueDialog(const QStringList &configIds, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("assignQueueDialog"));
    setWindowTitle(tr("Assign by power-on order"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Power the machines on one by one, in the order they stand on the shelf: each one the "
                                "console sees for the first time, and that has no config yet, takes the next name."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *form = new QFormLayout;
    m_config = new QComboBox(this);
    m_config->setObjectName(QStringLiteral("queueConfig"));
    for (const QString &id : configIds)
        m_config->addItem(id.section(u'/', -1), id);
    m_pattern = new QLineEdit(QStringLiteral("worker-{n:02}"), this);
    m_pattern->setObjectName(QStringLiteral("queuePattern"));
    m_pattern->setToolTip(tr("{n} is the number; {n:02} pads it to two digits (worker-01, worker-02, …)"));
    m_first = new QSpinBox(this);
    m_first->setObjectName(QStringLiteral("queueFirst"));
    m_first->setRange(0, 99999);
    m_first->setValue(1);
    m_count = new QSpinBox(this);
    m_count->setObjectName(QStringLiteral("queueCount"));
    m_count->setRange(1, 5000);
    m_count->setValue(10);
    form->addRow(tr("&Config:"), m_config);
    form->addRow(tr("&Hostnames:"), m_pattern);
    form->addRow(tr("&First number:"), m_first);
    form->addRow(tr("&Machines:"), m_count);
    layout->addLayout(form);
    m_preview = new QLabel(this);
    m_preview->setObjectName(QStringLiteral("queuePreview"));
    m_preview->setWordWrap(true);
    layout->addWidget(m_preview);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Start the queue"));
    buttons->button(QDialogButtonBox::Ok)->setEnabled(!configIds.isEmpty());
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    connect(m_pattern, &QLineEdit::textChanged, this, &AssignQueueDialog::updatePreview);
    connect(m_first, &QSpinBox::valueChanged, this, &AssignQueueDialog::updatePreview);
    connect(m_count, &QSpinBox::valueChanged, this, &AssignQueueDialog::updatePreview);
    updatePreview();
}

QList<ConsoleSession::QueueEntry> AssignQueueDialog::entries() const
{
    return ConsoleSession::queueFromPattern(m_config->currentData().toString(), m_pattern->text().trimmed(),
                                            m_first->value(), m_count->value());
}

QString AssignQueueDialog::preview() const
{
    return m_preview->text();
}

void AssignQueueDialog::updatePreview()
{
    const QList<ConsoleSession::QueueEntry> all = entries();
    QStringList names;
    for (const ConsoleSession::QueueEntry &e : all.mid(0, 4))
        names << e.hostname;
    if (all.size() > 4)
        names << QStringLiteral("…") << all.last().hostname;
    m_preview->setText(tr("Names: %1").arg(names.join(QStringLiteral(", "))));
}

} // namespace Nbc::Ui
