#include "firstrunwizard.h"

#include "artifactpicker.h"
#include "wizardpages.h"

#include "boot/artifactstore.h"
#include "model/bootfiles.h"
#include "inventory/workspace.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QCoreApplication>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Nbc::Ui {

namespace {

QLabel *note(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    return label;
}

// "10.77.0.1/24" → "10.77.0.100-10.77.0.199" for a /24 (the same for wider nets: the range
// stays inside the interface's own /24).
QString rangeFor(const QString &cidr)
{
    const QString address = cidr.section(u'/', 0, 0);
    const QStringList parts = address.split(u'.');
    if (parts.size() != 4)
        return {};
    const QString prefix = parts.mid(0, 3).join(u'.');
    return prefix + QStringLiteral(".100-") + prefix + QStringLiteral(".199");
}

} // namespace

// ------------------------------------------------------------------------------ Network

NetworkPage::NetworkPage(QWidget *parent)
    : QWizardPage(parent)
{
    setTitle(tr("Network"));
    setSubTitle(tr("Choose the interface the machines are plugged into. A wired interface with a cable in "
                   "is best: machines cannot network-boot over Wi-Fi."));
    auto *layout = new QVBoxLayout(this);
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("interfaceList"));
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({tr("Interface"), tr("Kind"), tr("Addresses"), tr("Link"), tr("Notes")});
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(true);
    layout->addWidget(m_list, 1);
    auto *refreshButton = new QPushButton(tr("&Refresh"), this);
    auto *row = new QHBoxLayout;
    row->addStretch();
    row->addWidget(refreshButton);
    layout->addLayout(row);
    connect(refreshButton, &QPushButton::clicked, this, &NetworkPage::refresh);
    connect(m_list, &QTreeWidget::currentItemChanged, this, &QWizardPage::completeChanged);
    refresh();
}

void NetworkPage::refresh()
{
    const QString before = interfaceName();
    m_interfaces = Doctor::listInterfaces();
    m_list->clear();
    QTreeWidgetItem *select = nullptr;
    for (const Doctor::InterfaceInfo &info : std::as_const(m_interfaces)) {
        QStringList notes;
        if (info.recommended)
            notes << tr("recommended");
        for (Doctor::InterfaceFlag flag : info.flags)
            notes << Doctor::flagText(flag);
        const QString link = !info.up ? tr("down") : info.carrier ? tr("cable connected") : tr("no cable");
        auto *item = new QTreeWidgetItem(m_list, {info.name, Doctor::interfaceKindName(info.kind),
                                                  info.ipv4.isEmpty() ? tr("none") : info.ipv4.join(QStringLiteral(", ")),
                                                  link, notes.join(QStringLiteral("; "))});
        item->setData(0, Qt::UserRole, info.name);
        if (info.recommended) {
            QFont bold = item->font(0);
            bold.setBold(true);
            item->setFont(0, bold);
        }
        if (info.name == before || (before.isEmpty() && info.recommended))
            select = item;
    }
    if (select)
        m_list->setCurrentItem(select);
    Q_EMIT completeChanged();
}

bool NetworkPage::isComplete() const
{
    return m_list->currentItem() != nullptr;
}

QString NetworkPage::interfaceName() const
{
    const QTreeWidgetItem *item = m_list->currentItem();
    return item ? item->data(0, Qt::UserRole).toString() : QString();
}

Doctor::InterfaceInfo NetworkPage::interface() const
{
    const QString name = interfaceName();
    for (const Doctor::InterfaceInfo &info : m_interfaces) {
        if (info.name == name)
            return info;
    }
    return {};
}

// ------------------------------------------------------------------------------- Doctor

DoctorPage::DoctorPage(FirstRunWizard *wizard)
    : QWizardPage(wizard)
    , m_wizard(wizard)
{
    setTitle(tr("Network doctor"));
    setSubTitle(tr("The console asks the network for DHCP servers, looks at who holds the ports it needs "
                   "and whether it may use them."));
    auto *layout = new QVBoxLayout(this);
    m_verdict = note(QString(), this);
    m_verdict->setObjectName(QStringLiteral("doctorVerdict"));
    layout->addWidget(m_verdict);
    m_text = new QPlainTextEdit(this);
    m_text->setObjectName(QStringLiteral("doctorReport"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    layout->addWidget(m_text, 1);

    auto *modeBox = new QGroupBox(tr("Mode"), this);
    auto *modeLayout = new QFormLayout(modeBox);
    m_proxy = new QRadioButton(tr("&Proxy DHCP: another DHCP server hands out addresses (a home or office LAN)"), modeBox);
    m_proxy->setObjectName(QStringLiteral("proxyMode"));
    m_full = new QRadioButton(tr("&Full DHCP: this console hands out addresses (an isolated switch)"), modeBox);
    m_full->setObjectName(QStringLiteral("fullMode"));
    m_range = new QLineEdit(modeBox);
    m_range->setObjectName(QStringLiteral("dhcpRange"));
    m_range->setPlaceholderText(QStringLiteral("10.77.0.100-10.77.0.199"));
    modeLayout->addRow(m_proxy);
    modeLayout->addRow(m_full);
    modeLayout->addRow(tr("Address &range:"), m_range);
    layout->addWidget(modeBox);
    connect(m_full, &QRadioButton::toggled, m_range, &QWidget::setEnabled);
    m_proxy->setChecked(true);
    m_range->setEnabled(false);

    auto *permBox = new QGroupBox(tr("Permission for ports 67 and 69"), this);
    auto *permLayout = new QVBoxLayout(permBox);
    m_permission = note(QString(), permBox);
    m_permission->setObjectName(QStringLiteral("permissionText"));
    permLayout->addWidget(m_permission);
    auto *permRow = new QHBoxLayout;
    m_grant = new QPushButton(tr("&Grant permission…"), permBox);
    m_grant->setObjectName(QStringLiteral("grantButton"));
    m_command = new QLineEdit(permBox);
    m_command->setObjectName(QStringLiteral("permissionCommand"));
    m_command->setReadOnly(true);
    m_command->setToolTip(tr("The same, in a terminal"));
    permRow->addWidget(m_grant);
    permRow->addWidget(m_command, 1);
    permLayout->addLayout(permRow);
    m_highPorts = new QCheckBox(tr("Try it out on &high ports instead (DHCP 1067, TFTP 1069): no real machine boots "
                                   "that way"), permBox);
    m_highPorts->setObjectName(QStringLiteral("highPorts"));
    permLayout->addWidget(m_highPorts);
    layout->addWidget(permBox);
    connect(m_grant, &QPushButton::clicked, this, &DoctorPage::grantPermission);

    m_again = new QPushButton(tr("Check &again"), this);
    m_again->setObjectName(QStringLiteral("doctorAgain"));
    auto *row = new QHBoxLayout;
    row->addStretch();
    row->addWidget(m_again);
    layout->addLayout(row);
    connect(m_again, &QPushButton::clicked, this, &DoctorPage::runDoctor);

    m_doctor = new Doctor::NetworkDoctor(this);
    connect(m_doctor, &Doctor::NetworkDoctor::finished, this, &DoctorPage::showReport);
}

void DoctorPage::initializePage()
{
    if (m_wizard->networkPage()->interfaceName() != m_checkedInterface)
        runDoctor();
}

void DoctorPage::runDoctor()
{
    if (m_running)
        return;
    m_checkedInterface = m_wizard->networkPage()->interfaceName();
    m_running = true;
    m_done = false;
    m_again->setEnabled(false);
    m_verdict->setText(tr("Asking %1 for DHCP servers (a few seconds)…").arg(m_checkedInterface));
    m_text->clear();
    Q_EMIT completeChanged();
    m_doctor->run(m_checkedInterface, m_wizard->ports(), m_wizard->probeTimeout());
}

void DoctorPage::showReport(const Doctor::DoctorReport &report)
{
    m_running = false;
    m_done = true;
    m_again->setEnabled(true);
    m_report = report;
    m_text->setPlainText(report.toText());
    const Doctor::Recommendation &r = report.recommendation;
    m_verdict->setText(r.why);
    (r.mode == DhcpMode::Full ? m_full : m_proxy)->setChecked(true);
    m_range->setText(r.dhcpRange.isEmpty() ? rangeFor(m_wizard->networkPage()->interface().ipv4.value(0)) : r.dhcpRange);
    const QString binary = QCoreApplication::applicationFilePath();
    m_permission->setText(report.permission.explain());
    const bool missing = !report.permission.allowed;
    m_grant->setVisible(missing);
    m_command->setVisible(missing);
    m_highPorts->setVisible(missing);
    m_command->setText(Doctor::BindPermission::terminalCommand(binary));
    Q_EMIT completeChanged();
}

void DoctorPage::grantPermission()
{
    const QString binary = QCoreApplication::applicationFilePath();
    const QStringList parts = QProcess::splitCommand(Doctor::BindPermission::grantCommand(binary));
    if (parts.isEmpty())
        return;
    m_grant->setEnabled(false);
    auto *process = new QProcess(this);
    connect(process, &QProcess::finished, this, [this, process](int code, QProcess::ExitStatus status) {
        process->deleteLater();
        m_grant->setEnabled(true);
        if (status == QProcess::NormalExit && code == 0)
            m_permission->setText(tr("Permission granted. Start Netboot Console again for it to take effect."));
        else
            m_permission->setText(tr("The permission was not granted. Run the command shown in a terminal."));
    });
    connect(process, &QProcess::errorOccurred, this, [this, process](QProcess::ProcessError e) {
        if (e != QProcess::FailedToStart)
            return;
        process->deleteLater();
        m_grant->setEnabled(true);
        m_permission->setText(tr("pkexec is not installed: run the command shown in a terminal."));
    });
    process->start(parts.first(), parts.mid(1));
}

bool DoctorPage::isComplete() const
{
    if (!m_done)
        return false;
    return m_proxy->isChecked() || !m_range->text().trimmed().isEmpty();
}

DhcpMode DoctorPage::mode() const
{
    return m_full->isChecked() ? DhcpMode::Full : DhcpMode::Proxy;
}

QString DoctorPage::dhcpRange() const
{
    return mode() == DhcpMode::Full ? m_range->text().trimmed() : QString();
}

bool DoctorPage::highPorts() const
{
    return m_highPorts->isVisible() && m_highPorts->isChecked();
}

// ---------------------------------------------------------------------------- Artefacts

ArtifactsPage::ArtifactsPage(FirstRunWizard *wizard)
    : QWizardPage(wizard)
{
    setTitle(tr("Talos"));
    setSubTitle(tr("The Talos kernel and initramfs the machines boot. Each file is checked before it is used."));
    auto *layout = new QVBoxLayout(this);
    m_picker = new ArtifactPicker(this);
    m_picker->setObjectName(QStringLiteral("artifactPicker"));
    layout->addWidget(m_picker, 1);
    connect(m_picker, &ArtifactPicker::readyChanged, this, &QWizardPage::completeChanged);
    connect(m_picker, &ArtifactPicker::busyChanged, this, &QWizardPage::completeChanged);

    auto *ipxe = new QGroupBox(tr("iPXE"), this);
    auto *form = new QFormLayout(ipxe);
    m_ipxeStatus = note(QString(), ipxe);
    m_ipxeStatus->setObjectName(QStringLiteral("ipxeStatus"));
    form->addRow(m_ipxeStatus);
    // Debian's ipxe package, or its sibling for the same firmware (snponly.efi, undionly.kkpxe).
    const WorkspaceSettings defaults;
    const QString bios = presentIpxeBinary(defaults.ipxeBios);
    const QString uefi = presentIpxeBinary(defaults.ipxeUefi);
    m_bios = new QLineEdit(bios.isEmpty() ? defaults.ipxeBios : bios, ipxe);
    m_bios->setObjectName(QStringLiteral("ipxeBios"));
    m_uefi = new QLineEdit(uefi.isEmpty() ? defaults.ipxeUefi : uefi, ipxe);
    m_uefi->setObjectName(QStringLiteral("ipxeUefi"));
    form->addRow(tr("BIOS (undionly.kpxe):"), m_bios);
    form->addRow(tr("UEFI (snponly.efi or ipxe.efi):"), m_uefi);
    layout->addWidget(ipxe);
    connect(m_bios, &QLineEdit::textChanged, this, &ArtifactsPage::updateIpxe);
    connect(m_uefi, &QLineEdit::textChanged, this, &ArtifactsPage::updateIpxe);
    updateIpxe();
}

void ArtifactsPage::updateIpxe()
{
    const bool bios = isIpxeBinaryPresent(ipxeBios());
    const bool uefi = isIpxeBinaryPresent(ipxeUefi());
    if (bios && uefi && ipxeBios().startsWith(QLatin1String("/usr/lib/ipxe/"))
        && ipxeUefi().startsWith(QLatin1String("/usr/lib/ipxe/")))
        m_ipxeStatus->setText(tr("From Debian's ipxe package."));
    else if (bios && uefi)
        m_ipxeStatus->setText(tr("Both iPXE binaries are there."));
    else
        m_ipxeStatus->setText(tr("Missing: %1. Install Debian's ipxe package (sudo apt install ipxe) or choose the files.")
                                  .arg(QStringList{bios ? QString() : ipxeBios(), uefi ? QString() : ipxeUefi()}
                                           .filter(QRegularExpression(QStringLiteral(".+")))
                                           .join(QStringLiteral(", "))));
    Q_EMIT completeChanged();
}

bool ArtifactsPage::isComplete() const
{
    return m_picker->isReady() && !m_picker->isBusy() && isIpxeBinaryPresent(ipxeBios())
        && isIpxeBinaryPresent(ipxeUefi());
}

QString ArtifactsPage::ipxeBios() const
{
    return m_bios->text().trimmed();
}

QString ArtifactsPage::ipxeUefi() const
{
    return m_uefi->text().trimmed();
}

// ------------------------------------------------------------------------------ Summary

SummaryPage::SummaryPage(FirstRunWizard *wizard)
    : QWizardPage(wizard)
    , m_wizard(wizard)
{
    setTitle(tr("Summary"));
    setSubTitle(tr("Nothing has been written yet. Finish writes this into the workspace and starts the services."));
    setButtonText(QWizard::FinishButton, tr("&Write and start"));
    auto *layout = new QVBoxLayout(this);
    m_text = note(QString(), this);
    m_text->setObjectName(QStringLiteral("summaryText"));
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_text);
    m_error = note(QString(), this);
    m_error->setObjectName(QStringLiteral("summaryError"));
    m_error->setStyleSheet(QStringLiteral("color: palette(bright-text); background: #b3261e; padding: 4px;"));
    m_error->hide();
    layout->addWidget(m_error);
    layout->addStretch();
}

void SummaryPage::initializePage()
{
    const SetupPlan plan = m_wizard->plan();
    QStringList lines;
    lines << tr("Workspace: %1").arg(m_wizard->workspaceDir());
    lines << tr("Interface: %1").arg(plan.interfaceName);
    lines << (plan.mode == DhcpMode::Full ? tr("Mode: full DHCP, addresses %1").arg(plan.dhcpRange)
                                          : tr("Mode: proxy DHCP next to the network's DHCP server"));
    if (plan.highPorts)
        lines << tr("Ports: DHCP 1067 and TFTP 1069, for a trial (real machines ask on 67 and 69)");
    lines << tr("Talos %1: %2 and %3, copied to artifacts/%4/")
                 .arg(plan.artifacts.talosVersion, plan.artifacts.kernelFile, plan.artifacts.initramfsFile,
                      Setup::setNameFor(plan.artifacts.talosVersion));
    lines << tr("iPXE: %1, %2").arg(plan.ipxeBios, plan.ipxeUefi);
    lines << (plan.configsFolder.isEmpty() ? tr("Machine configs: none yet (import or generate them later in the config library)")
                                           : tr("Machine configs: imported from %1").arg(plan.configsFolder));
    lines << (plan.unassigned == UnassignedPolicy::Maintenance
                  ? tr("Machines without a config: boot Talos in maintenance mode")
                  : tr("Machines without a config: wait in iPXE until you drop one on them"));
    m_text->setText(lines.join(u'\n'));
    m_error->hide();
}

bool SummaryPage::validatePage()
{
    QString error;
    if (m_wizard->applyPlan(&error))
        return true;
    m_error->setText(tr("Nothing was changed: %1").arg(error));
    m_error->show();
    return false;
}

// ------------------------------------------------------------------------------- Wizard

FirstRunWizard::FirstRunWizard(const QString &workspaceDir, const Ports &ports, Applier applier, QWidget *parent)
    : QWizard(parent)
    , m_workspaceDir(workspaceDir)
    , m_ports(ports)
    , m_applier(std::move(applier))
{
    setObjectName(QStringLiteral("firstRunWizard"));
    setWindowTitle(tr("Set up Netboot Console"));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setOption(QWizard::HaveHelpButton, false);
    m_network = new NetworkPage(this);
    m_doctor = new DoctorPage(this);
    auto *artifacts = new ArtifactsPage(this);
    m_picker = artifacts->picker();
    m_configs = new ConfigSourcePage(this);
    setPage(Network, m_network);
    setPage(Doctor, m_doctor);
    setPage(Artifacts, artifacts);
    setPage(Configs, m_configs);
    setPage(Summary, new SummaryPage(this));
    resize(900, 680);
}

FirstRunWizard::~FirstRunWizard() = default;

SetupPlan FirstRunWizard::plan() const
{
    SetupPlan plan;
    plan.interfaceName = m_network->interfaceName();
    plan.mode = m_doctor->mode();
    plan.dhcpRange = m_doctor->dhcpRange();
    plan.highPorts = m_doctor->highPorts();
    plan.artifacts = m_picker->choice();
    auto *artifacts = static_cast<ArtifactsPage *>(page(Artifacts));
    plan.ipxeBios = artifacts->ipxeBios();
    plan.ipxeUefi = artifacts->ipxeUefi();
    plan.configsFolder = m_configs->configsFolder();
    plan.unassigned = m_configs->unassigned();
    return plan;
}

bool FirstRunWizard::applyPlan(QString *error)
{
    m_result = m_applier ? m_applier(plan()) : SetupResult{};
    if (!m_result.ok && error)
        *error = m_result.error.isEmpty() ? tr("nothing could be written") : m_result.error;
    return m_result.ok;
}

} // namespace Nbc::Ui
