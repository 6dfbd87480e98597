#include "doctordialog.h"

#include "doctor/interfaceinfo.h"
#include "doctor/networkdoctor.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Nbc::Ui {

DoctorDialog::DoctorDialog(const QString &interfaceName, const Ports &ports, QWidget *parent)
    : QDialog(parent)
    , m_ports(ports)
{
    setObjectName(QStringLiteral("doctorDialog"));
    setWindowTitle(tr("Network doctor"));
    auto *layout = new QVBoxLayout(this);
    auto *row = new QHBoxLayout;
    m_interface = new QComboBox(this);
    m_interface->setObjectName(QStringLiteral("doctorInterface"));
    for (const Doctor::InterfaceInfo &info : Doctor::listInterfaces())
        m_interface->addItem(info.describe(), info.name);
    const int at = m_interface->findData(interfaceName);
    if (at >= 0)
        m_interface->setCurrentIndex(at);
    auto *label = new QLabel(tr("&Interface:"), this);
    label->setBuddy(m_interface);
    m_run = new QPushButton(tr("&Check"), this);
    m_run->setObjectName(QStringLiteral("doctorRun"));
    row->addWidget(label);
    row->addWidget(m_interface, 1);
    row->addWidget(m_run);
    layout->addLayout(row);
    m_text = new QPlainTextEdit(this);
    m_text->setObjectName(QStringLiteral("doctorReport"));
    m_text->setReadOnly(true);
    layout->addWidget(m_text, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_run, &QPushButton::clicked, this, &DoctorDialog::run);
    m_doctor = new Doctor::NetworkDoctor(this);
    connect(m_doctor, &Doctor::NetworkDoctor::finished, this, &DoctorDialog::showReport);
    resize(820, 560);
}

void DoctorDialog::run()
{
    const QString name = m_interface->currentData().toString();
    if (name.isEmpty())
        return;
    m_run->setEnabled(false);
    m_text->setPlainText(tr("Asking %1 for DHCP servers (a few seconds)…").arg(name));
    m_doctor->run(name, m_ports, m_timeoutMs);
}

void DoctorDialog::showReport(const Doctor::DoctorReport &report)
{
    m_run->setEnabled(true);
    m_text->setPlainText(report.toText());
    Q_EMIT reportReady(m_text->toPlainText());
}

} // namespace Nbc::Ui
