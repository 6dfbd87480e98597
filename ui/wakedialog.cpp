#include "wakedialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Nbc::Ui {

namespace {

const QString kBatchSizeKey = QStringLiteral("wake/batchSize");
const QString kTimeoutKey = QStringLiteral("wake/batchTimeoutSeconds");
constexpr int kMaxBatchSize = 1000;
constexpr int kMaxTimeoutSeconds = 3600;

} // namespace

int WakeDialog::savedBatchSize()
{
    const int n = QSettings().value(kBatchSizeKey, WakeScheduler::kDefaultBatchSize).toInt();
    return qBound(1, n, kMaxBatchSize);
}

int WakeDialog::savedBatchTimeoutSeconds()
{
    const int s = QSettings().value(kTimeoutKey, WakeScheduler::kDefaultBatchTimeoutSeconds).toInt();
    return qBound(5, s, kMaxTimeoutSeconds);
}

WakeDialog::WakeDialog(WakeScheduler *scheduler, QWidget *parent)
    : QDialog(parent)
    , m_scheduler(scheduler)
{
    setObjectName(QStringLiteral("wakeDialog"));
    setWindowTitle(tr("Wake-on-LAN"));
    // Wide enough for "Waking 200 machines: batch 12 of 20, 110 woken" on one line.
    setMinimumWidth(fontMetrics().averageCharWidth() * 56);
    auto *layout = new QVBoxLayout(this);
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("wakeProgressText"));
    m_text->setWordWrap(true);
    layout->addWidget(m_text);
    m_bar = new QProgressBar(this);
    m_bar->setObjectName(QStringLiteral("wakeProgressBar"));
    m_bar->setFormat(tr("%v of %m sent"));
    layout->addWidget(m_bar);
    auto *intro = new QLabel(tr("The next machines are woken when these have their kernel and initramfs (or went "
                                "further, wait for a config or failed), or when a batch takes too long."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *form = new QFormLayout;
    m_batchSize = new QSpinBox(this);
    m_batchSize->setObjectName(QStringLiteral("wakeBatchSize"));
    m_batchSize->setRange(1, kMaxBatchSize);
    m_batchSize->setValue(scheduler->batchSize());
    m_timeout = new QSpinBox(this);
    m_timeout->setObjectName(QStringLiteral("wakeBatchTimeout"));
    m_timeout->setRange(5, kMaxTimeoutSeconds);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setValue(qMax(5, scheduler->batchTimeoutMs() / 1000));
    form->addRow(tr("&Machines at a time:"), m_batchSize);
    form->addRow(tr("Next batch after at &most:"), m_timeout);
    layout->addLayout(form);
    auto *buttons = new QDialogButtonBox(this);
    m_cancel = buttons->addButton(tr("&Cancel the rest"), QDialogButtonBox::RejectRole);
    m_cancel->setObjectName(QStringLiteral("wakeCancel"));
    QPushButton *close = buttons->addButton(QDialogButtonBox::Close);
    close->setObjectName(QStringLiteral("wakeClose"));
    layout->addWidget(buttons);

    connect(m_batchSize, &QSpinBox::valueChanged, this, [this](int n) {
        m_scheduler->setBatchSize(n);
        QSettings().setValue(kBatchSizeKey, n);
    });
    connect(m_timeout, &QSpinBox::valueChanged, this, [this](int seconds) {
        m_scheduler->setBatchTimeoutMs(seconds * 1000);
        QSettings().setValue(kTimeoutKey, seconds);
    });
    connect(m_cancel, &QPushButton::clicked, m_scheduler, &WakeScheduler::cancel);
    connect(close, &QPushButton::clicked, this, &QDialog::close);
    connect(m_scheduler, &WakeScheduler::progressChanged, this, &WakeDialog::showProgress);
    showProgress(m_scheduler->progress());
}

QString WakeDialog::text() const
{
    return m_text->text();
}

void WakeDialog::showProgress(const WakeScheduler::Progress &progress)
{
    m_text->setText(WakeScheduler::describe(progress));
    m_bar->setRange(0, qMax(1, progress.total));
    m_bar->setValue(progress.sent + progress.failed);
    m_cancel->setEnabled(progress.running);
}

} // namespace Nbc::Ui
