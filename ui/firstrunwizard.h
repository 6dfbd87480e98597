#pragma once

#include "model/ports.h"
#include "session/setupplan.h"

#include <QWizard>

#include <functional>

namespace Nbc::Ui {

class ArtifactPicker;
class ConfigSourcePage;
class DoctorPage;
class NetworkPage;

// From an empty laptop to a booting machine: network, network doctor, Talos artefacts,
// machine configs, summary. Nothing is written before the summary is accepted; then the
// applier writes the plan (files first, netboot.yaml last) and the wizard closes.
class FirstRunWizard : public QWizard
{
    Q_OBJECT
public:
    enum PageId { Network, Doctor, Artifacts, Configs, Summary };
    using Applier = std::function<SetupResult(const SetupPlan &)>;

    FirstRunWizard(const QString &workspaceDir, const Ports &ports, Applier applier, QWidget *parent = nullptr);
    ~FirstRunWizard() override;

    SetupPlan plan() const;
    // What the last apply returned (after the wizard was accepted).
    const SetupResult &result() const { return m_result; }
    QString workspaceDir() const { return m_workspaceDir; }
    Ports ports() const { return m_ports; }
    // How long the doctor listens for DHCP servers (tests shorten it).
    void setProbeTimeout(int ms) { m_probeTimeoutMs = ms; }
    int probeTimeout() const { return m_probeTimeoutMs; }

    NetworkPage *networkPage() const { return m_network; }

    // Asks the applier; on failure says why and stays on the summary.
    bool applyPlan(QString *error);

private:
    QString m_workspaceDir;
    Ports m_ports;
    Applier m_applier;
    SetupResult m_result;
    int m_probeTimeoutMs = 6000;   // dnsmasq pings an address (up to 3 s) before offering it
    NetworkPage *m_network = nullptr;
    DoctorPage *m_doctor = nullptr;
    ArtifactPicker *m_picker = nullptr;
    ConfigSourcePage *m_configs = nullptr;
    friend class SummaryPage;
    friend class ArtifactsPage;
};

} // namespace Nbc::Ui
