#include "sim/preflight.h"

#include "engine/servicehost.h"
#include "inventory/machineregistry.h"
#include "session/consolesession.h"
#include "sim/demo.h"
#include "sim/fleetsimulator.h"

#include <QTimer>

namespace Nbc::Sim {

namespace {

const QHostAddress kLoopback(QStringLiteral("127.0.0.1"));

} // namespace

Preflight::Preflight(QObject *parent)
    : QObject(parent)
    , m_timeout(new QTimer(this))
{
    m_timeout->setSingleShot(true);
    m_timeout->setInterval(kTimeoutMs);
    connect(m_timeout, &QTimer::timeout, this, &Preflight::finish);
}

Preflight::~Preflight()
{
    stop();
}

bool Preflight::start(const Workspace &workspace, const QString &configPath, QString *error)
{
    if (m_running) {
        *error = tr("a pre-flight check is running already");
        return false;
    }
    if (!m_dir.isValid()) {
        *error = tr("cannot create a temporary folder: %1").arg(m_dir.errorString());
        return false;
    }
    WorkspaceSettings s = workspace.settings();
    if (s.artifacts.isEmpty()) {
        *error = tr("no Talos kernel and initramfs are set up: add an artefact set first");
        return false;
    }
    // The workspace's own files, by absolute path; everything else of the run is private.
    for (ArtifactSet &set : s.artifacts) {
        set.kernelPath = workspace.absolutePath(set.kernelPath);
        set.initramfsPath = workspace.absolutePath(set.initramfsPath);
        if (!set.cmdlinePath.isEmpty())
            set.cmdlinePath = workspace.absolutePath(set.cmdlinePath);
    }
    s.ipxeBios = s.ipxeBios.isEmpty() ? QString() : workspace.absolutePath(s.ipxeBios);
    s.ipxeUefi = s.ipxeUefi.isEmpty() ? QString() : workspace.absolutePath(s.ipxeUefi);
    s.tftpRoot.clear();
    s.httpRoot.clear();
    Ports ports;
    if (!pickFreePorts(kLoopback, &ports, error))
        return false;
    s.ports = ports;
    s.interfaceName.clear();
    s.serverAddress = kLoopback.toString();
    s.mode = DhcpMode::Proxy;
    s.unassigned = UnassignedPolicy::Wait;
    s.afterInstall = AfterInstallPolicy::Exit;
    // The values of a real machine with this config (its disk, its patches): a config
    // that leaves the disk to each machine is then checked as they will get it.
    MachineIntent like;
    for (const MachineIntent &m : workspace.settings().machines) {
        if (!configPath.isEmpty() && m.configPath == configPath) {
            like = m;
            break;
        }
    }

    FleetOptions fleet;
    fleet.count = 2;
    fleet.seed = 7;
    fleet.serverAddress = kLoopback;
    fleet.ports = ports;
    fleet.staggerMs = 0;
    fleet.bytesPerSecond = 0;
    fleet.logDelaysScale = 0.01;
    fleet.uefiIndexes = {1};   // one of each firmware: both iPXE binaries are fetched
    fleet.machineTimeoutMs = kTimeoutMs - 5000;
    const QList<MachinePlan> plans = planFleet(fleet);
    s.machines.clear();
    m_withConfig = !configPath.isEmpty();
    for (const MachinePlan &plan : plans) {
        MachineIntent intent;
        intent.mac = plan.mac;
        intent.hostname = QStringLiteral("preflight-%1").arg(plan.index + 1);
        intent.configPath = m_withConfig ? workspace.absolutePath(configPath) : QString();
        intent.installDisk = like.installDisk;
        intent.artifacts = like.artifacts;
        for (const QString &patch : std::as_const(like.patches))
            intent.patches << workspace.absolutePath(patch);
        s.machines.append(intent);
    }
    const QString dir = m_dir.filePath(QStringLiteral("workspace"));
    Workspace copy = Workspace::open(dir);
    if (!copy.ok()) {
        *error = copy.error().toString();
        return false;
    }
    copy.settings() = s;
    if (!copy.save(error))
        return false;

    m_session = new ConsoleSession(this);
    SessionOverrides overrides;
    overrides.serverAddress = kLoopback.toString();
    overrides.mode = DhcpMode::Proxy;
    overrides.ports = PortOverrides::from(ports);
    if (!m_session->open(dir, overrides)) {
        *error = m_session->error();
        delete m_session;
        return false;
    }
    m_simulator = new FleetSimulator(fleet, this);
    // Done when every machine got where it should or stopped for good: checked a few
    // times a second (what they sent passes the engines' threads into the registry), and
    // a few seconds more once the simulated machines themselves are done.
    m_poll = new QTimer(this);
    m_poll->setInterval(250);
    connect(m_poll, &QTimer::timeout, this, [this] {
        if (settled() || (m_simulatorDone && ++m_graceTicks >= 12))
            finish();
    });
    connect(m_simulator, &FleetSimulator::allFinished, this, [this] { m_simulatorDone = true; });
    connect(m_session->services(), &ServiceHost::statusChanged, this, &Preflight::onEngineStatus);
    m_running = true;
    m_fleetStarted = false;
    m_simulatorDone = false;
    m_graceTicks = 0;
    m_timeout->start();
    m_session->startServices();
    return true;
}

void Preflight::onEngineStatus()
{
    if (!m_running || m_fleetStarted || !m_session)
        return;
    const QList<EngineStatus> statuses = m_session->engineStatuses();
    for (const EngineStatus &status : statuses) {
        if (status.state == EngineStatus::State::Failed) {
            m_fleetStarted = true;   // nothing to start: report the engine
            QTimer::singleShot(0, this, &Preflight::finish);
            return;
        }
    }
    if (statuses.size() < m_session->services()->engines().size())
        return;
    for (const EngineStatus &status : statuses) {
        if (status.state != EngineStatus::State::Running)
            return;
    }
    m_fleetStarted = true;
    m_simulator->start();
    m_poll->start();
}

bool Preflight::settled() const
{
    if (!m_simulator || !m_session)
        return false;
    for (const MachinePlan &plan : m_simulator->plans()) {
        const Machine *m = m_session->registry()->machine(plan.mac);
        const Stage want = m_withConfig ? Stage::Joined : Stage::Waiting;
        if (!m || (m->stage != want && m->stage != Stage::Failed))
            return false;
    }
    return true;
}

void Preflight::finish()
{
    if (!m_running)
        return;
    m_running = false;
    m_timeout->stop();
    if (m_poll)
        m_poll->stop();
    QStringList report;
    bool ok = true;
    for (const EngineStatus &status : m_session->engineStatuses()) {
        if (status.state == EngineStatus::State::Failed) {
            ok = false;
            report << tr("The %1 service cannot start: %2").arg(status.engine, status.error);
        }
    }
    if (m_simulator) {
        for (const MachinePlan &plan : m_simulator->plans()) {
            const Machine *m = m_session->registry()->machine(plan.mac);
            const QString firmware = plan.firmware == Firmware::Uefi ? tr("UEFI") : tr("BIOS");
            const Stage stage = m ? m->stage : Stage::Discovered;
            const bool good = m_withConfig ? stage == Stage::Joined : stage == Stage::Waiting;
            ok = ok && good;
            QString line = tr("%1 machine: %2").arg(firmware, m ? stageName(stage) : tr("never seen"));
            if (!good) {
                const QString why = m && m->stage == Stage::Failed && !m->failure.isEmpty() ? m->failure
                                    : m && !m->hint.isEmpty()                             ? m->hint
                                                                                          : m_simulator->results().value(plan.mac);
                if (!why.isEmpty())
                    line += QStringLiteral(" — ") + why;
            }
            report << line;
        }
        m_simulator->stop();
    }
    if (m_session) {
        m_session->stopServices();
        m_session->services()->shutdown();
    }
    Q_EMIT finished(ok, report);
}

void Preflight::stop()
{
    if (m_simulator)
        m_simulator->stop();
    if (m_running)
        finish();
}

} // namespace Nbc::Sim
