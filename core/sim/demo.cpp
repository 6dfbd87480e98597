#include "sim/demo.h"

#include "boot/artifactstore.h"
#include "engine/servicehost.h"
#include "inventory/machineregistry.h"
#include "sim/fleetsimulator.h"
#include "talos/configrenderer.h"
#include "talos/machineconfig.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTimer>
#include <QUdpSocket>

#include <sys/resource.h>

namespace Nbc::Sim {

namespace {

const QHostAddress kConsoleAddress(QHostAddress::LocalHost);

bool writeFile(const QString &path, const QByteArray &bytes, QString *error,
               QFileDevice::Permissions permissions = QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                                      | QFileDevice::ReadGroup | QFileDevice::ReadOther)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size()) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    file.setPermissions(permissions);
    return true;
}

// Bytes that look like a file of that size; seeded, so every demo is the same.
QByteArray filler(qint64 size, quint32 seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator rng(seed);
    rng.fillRange(reinterpret_cast<quint32 *>(bytes.data()), size_t(size / 4));
    return bytes;
}

// What ArtifactStore checks of a kernel (Linux boot protocol, Documentation/x86/boot.rst):
// the 0xAA55 boot signature at 0x1FE and "HdrS" at 0x202.
QByteArray syntheticKernel(qint64 size)
{
    QByteArray bytes = filler(qMax<qint64>(size, 4096), 0x6b65726e);
    bytes[0x1fe] = char(0x55);
    bytes[0x1ff] = char(0xaa);
    bytes.replace(0x202, 4, "HdrS");
    return bytes;
}

// An xz stream's magic (tukaani xz file format 2.1.1.1) in front of filler.
QByteArray syntheticInitramfs(qint64 size)
{
    QByteArray bytes = filler(qMax<qint64>(size, 4096), 0x696e6974);
    bytes.replace(0, 6, QByteArray::fromHex("fd377a585a00"));
    return bytes;
}

} // namespace

bool pickFreePorts(const QHostAddress &address, Ports *ports, QString *error)
{
    // Every socket stays open until all ports are had, so no two are the same.
    QList<QObject *> holders;
    auto udp = [&](quint16 port = 0) -> quint16 {
        auto *socket = new QUdpSocket;
        holders.append(socket);
        return socket->bind(address, port) ? socket->localPort() : 0;
    };
    auto tcp = [&]() -> quint16 {
        auto *server = new QTcpServer;
        holders.append(server);
        return server->listen(address, 0) ? server->serverPort() : 0;
    };
    ports->dhcp = udp();
    ports->proxy = udp();
    ports->tftp = udp();
    ports->http = tcp();
    ports->logs = 0;
    for (int attempt = 0; attempt < 20 && !ports->logs; ++attempt) {
        const quint16 port = tcp();
        if (port && udp(port))
            ports->logs = port;
    }
    qDeleteAll(holders);
    if (!ports->dhcp || !ports->proxy || !ports->tftp || !ports->http || !ports->logs) {
        *error = QStringLiteral("no free ports on %1").arg(address.toString());
        return false;
    }
    return true;
}

std::unique_ptr<DemoEnvironment> DemoEnvironment::create(const Settings &settings, QString *error)
{
    std::unique_ptr<DemoEnvironment> env(new DemoEnvironment);
    env->m_settings = settings;
    if (!env->prepare(error))
        return nullptr;
    return env;
}

QString DemoEnvironment::workspaceDir() const
{
    return m_dir.filePath(QStringLiteral("workspace"));
}

SessionOverrides DemoEnvironment::overrides() const
{
    SessionOverrides o;
    o.serverAddress = kConsoleAddress.toString();
    o.mode = DhcpMode::Proxy;
    o.ports = PortOverrides::from(m_ports);
    return o;
}

QByteArray DemoEnvironment::workerConfig()
{
    // Dummy secrets: base64 of text that says what it is, never a usable key.
    const QByteArray ca = QByteArray("-----BEGIN CERTIFICATE-----\nDEMO MATERIAL, NOT A CERTIFICATE\n"
                                     "-----END CERTIFICATE-----\n").toBase64();
    return QByteArray("version: v1alpha1\n"
                      "debug: false\n"
                      "persist: true\n"
                      "machine:\n"
                      "    type: worker\n"
                      "    token: d3m0aa.0123456789abcdef\n"
                      "    ca:\n"
                      "        crt: ") + ca + "\n"
                      "        key: \"\"\n"
                      "    certSANs: []\n"
                      "    kubelet:\n"
                      "        image: ghcr.io/siderolabs/kubelet:v1.32.0\n"
                      "    install:\n"
                      "        disk: /dev/sda\n"
                      "        image: ghcr.io/siderolabs/installer:v1.9.5\n"
                      "        wipe: false\n"
                      "cluster:\n"
                      "    id: ZGVtby1jbHVzdGVyLWlkLW5vdC1hLXNlY3JldC0wMDA=\n"
                      "    secret: ZGVtby1jbHVzdGVyLXNlY3JldC1ub3QtYS1zZWNyZXQ=\n"
                      "    controlPlane:\n"
                      "        endpoint: https://demo-cluster.invalid:6443\n"
                      "    clusterName: demo\n"
                      "    network:\n"
                      "        dnsDomain: cluster.local\n"
                      "        podSubnets:\n"
                      "            - 10.244.0.0/16\n"
                      "        serviceSubnets:\n"
                      "            - 10.96.0.0/12\n"
                      "    token: d3m0bb.fedcba9876543210\n"
                      "    ca:\n"
                      "        crt: " + ca + "\n"
                      "        key: \"\"\n";
}

bool DemoEnvironment::prepare(QString *error)
{
    if (!m_dir.isValid()) {
        *error = QStringLiteral("cannot create a temporary folder: %1").arg(m_dir.errorString());
        return false;
    }
    const QString root = workspaceDir();
    Workspace workspace = Workspace::open(root);
    if (!workspace.ok()) {
        *error = workspace.error().toString();
        return false;
    }
    QDir(root).mkpath(QStringLiteral("artifacts"));
    QDir(root).mkpath(QStringLiteral("configs"));

    const QString kernel = QStringLiteral("artifacts/vmlinuz-demo");
    const QString initramfs = QStringLiteral("artifacts/initramfs-demo.xz");
    if (!writeFile(workspace.absolutePath(kernel), syntheticKernel(m_settings.kernelBytes), error)
        || !writeFile(workspace.absolutePath(initramfs), syntheticInitramfs(m_settings.initramfsBytes), error)
        || !writeFile(workspace.absolutePath(QStringLiteral("artifacts/undionly.kpxe")), filler(72 * 1024, 1), error)
        || !writeFile(workspace.absolutePath(QStringLiteral("artifacts/ipxe.efi")), filler(160 * 1024, 2), error))
        return false;
    for (const auto &[path, kind] : {std::pair{kernel, ArtifactKind::Kernel},
                                     std::pair{initramfs, ArtifactKind::Initramfs}}) {
        const Boot::ArtifactCheck check = Boot::ArtifactStore::inspect(workspace.absolutePath(path), kind);
        if (!check.ok) {
            *error = check.error;
            return false;
        }
    }

    // The config must be one the console serves: valid, and renderable per machine.
    const QByteArray config = workerConfig();
    const Talos::MachineConfig parsed = Talos::MachineConfig::parse(config, QStringLiteral("demo-worker.yaml"));
    if (!parsed.valid()) {
        *error = QStringLiteral("the demo config is refused: ") + parsed.errorMessages().join(QLatin1String("; "));
        return false;
    }
    Talos::RenderInput sample;
    sample.hostname = QStringLiteral("demo-001");
    sample.logSinkHost = kConsoleAddress.toString();
    sample.logSinkPort = 4050;
    const Talos::RenderResult rendered = Talos::ConfigRenderer::render(config, sample, QStringLiteral("demo-worker.yaml"));
    if (!rendered.ok()) {
        *error = QStringLiteral("the demo config cannot be rendered: ") + rendered.errorText(QStringLiteral("demo-worker.yaml"));
        return false;
    }
    if (!writeFile(workspace.absolutePath(configPath()), config, error,
                   QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return false;

    // A config that cannot be served: the endpoint line is missing.
    QByteArray broken = config;
    broken.replace("        endpoint: https://demo-cluster.invalid:6443\n", "");
    if (m_settings.faults
        && !writeFile(workspace.absolutePath(brokenConfigPath()), broken, error,
                      QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return false;

    if (!pickFreePorts(kConsoleAddress, &m_ports, error))
        return false;

    m_fleet.count = m_settings.count;
    m_fleet.seed = m_settings.seed;
    m_fleet.serverAddress = kConsoleAddress;
    m_fleet.ports = m_ports;
    m_fleet.staggerMs = 200;
    m_fleet.bytesPerSecond = 3 * 1024 * 1024;
    m_fleet.logDelaysScale = 0.2;
    const QList<int> brokenIndexes = m_settings.faults ? QList<int>{3, 11, 27, 35} : QList<int>{};
    if (m_settings.faults) {
        m_fleet.stallIndexes = {5, 18, 31};
        m_fleet.hangIndexes = {7, 23};
        m_fleet.stallHoldMs = 10 * 60 * 1000;   // the connection stays open, as a dead NIC's would
    }

    WorkspaceSettings &s = workspace.settings();
    s.interfaceName.clear();
    s.serverAddress = kConsoleAddress.toString();
    s.mode = DhcpMode::Proxy;
    s.ports = m_ports;
    s.ipxeBios = QStringLiteral("artifacts/undionly.kpxe");
    s.ipxeUefi = QStringLiteral("artifacts/ipxe.efi");
    ArtifactSet set;
    set.name = QStringLiteral("demo");
    set.kernelPath = kernel;
    set.initramfsPath = initramfs;
    set.talosVersion = QStringLiteral("1.9");
    set.extraKernelArgs = QStringLiteral("console=ttyS0");
    s.artifacts.clear();
    s.artifacts.insert(set.name, set);
    s.defaultArtifacts = set.name;
    s.unassigned = UnassignedPolicy::Wait;
    s.afterInstall = AfterInstallPolicy::Exit;
    s.machines.clear();
    const QList<MachinePlan> plans = planFleet(m_fleet);
    for (const MachinePlan &plan : plans) {
        MachineIntent intent;
        intent.mac = plan.mac;
        intent.hostname = QStringLiteral("demo-%1").arg(plan.index + 1, 3, 10, QLatin1Char('0'));
        const bool late = m_settings.lateEvery > 0 && plans.size() > 1
            && plan.index % m_settings.lateEvery == m_settings.lateEvery - 1;
        if (late)
            m_lateMacs.append(plan.mac);
        else
            intent.configPath = brokenIndexes.contains(plan.index) ? brokenConfigPath() : configPath();
        s.machines.append(intent);
    }
    QString saveError;
    if (!workspace.save(&saveError)) {
        *error = saveError;
        return false;
    }
    return true;
}

DemoDriver::DemoDriver(std::unique_ptr<DemoEnvironment> environment, ConsoleSession *session, QObject *parent)
    : QObject(parent)
    , m_environment(std::move(environment))
    , m_session(session)
{
    m_simulator = new FleetSimulator(m_environment->fleetOptions(), this);
}

DemoDriver::~DemoDriver()
{
    stop();
    // The session still has the demo workspace open (its inventory is written when it
    // closes): the folder goes when the session does, or it would be written again.
    if (m_session) {
        DemoEnvironment *environment = m_environment.release();
        connect(m_session, &QObject::destroyed, [environment] { delete environment; });
    }
}

void DemoDriver::start()
{
    if (m_environment->faults()) {
        // Faults show up in seconds: a stall after 12 s, a stage's deadline after 20.
        MachineRegistry *registry = m_session->registry();
        registry->setStallSeconds(12);
        for (Stage stage : {Stage::Discovered, Stage::FirmwareFiles, Stage::LoadingIpxe, Stage::Ipxe, Stage::Kernel, Stage::Config})
            registry->setStageDeadline(stage, 20);
    }
    connect(m_session->services(), &ServiceHost::statusChanged, this, &DemoDriver::onStatus);
    // First sight of a simulated MAC: the table shows it as simulated.
    connect(m_session->registry(), &MachineRegistry::machineAdded, this, [this](const QString &mac) {
        if (m_simulator->isSimulated(mac))
            m_session->registry()->markSimulated(mac);
    });
    connect(m_session->registry(), &MachineRegistry::stageChanged, this,
            [this](const QString &mac, Stage stage) { onStageChanged(mac, stage); });
}

void DemoDriver::onStatus(const EngineStatus &status)
{
    if (status.state == EngineStatus::State::Failed) {
        Q_EMIT failed(status.engine + QStringLiteral(": ") + status.error);
        return;
    }
    if (status.state != EngineStatus::State::Running || m_fleetStarted)
        return;
    m_running.insert(status.engine);
    if (m_running.size() < m_session->services()->engines().size())
        return;
    m_fleetStarted = true;
    m_simulator->start();
    Q_EMIT fleetStarted();
}

void DemoDriver::onStageChanged(const QString &mac, Stage stage)
{
    // A late machine is assigned a while after it is seen waiting, so the table shows
    // it waiting first and then booting, whenever it was powered on.
    if (stage != Stage::Waiting || !m_environment->lateMacs().contains(mac) || m_lateScheduled.contains(mac))
        return;
    m_lateScheduled.insert(mac);
    QTimer::singleShot(m_environment->lateAssignMs(), this, [this, mac] {
        QString error;
        if (!m_session->assign({mac}, m_environment->configPath(), &error))
            Q_EMIT failed(error);
        else
            Q_EMIT lateAssigned(mac);
    });
}

void DemoDriver::stop()
{
    if (m_simulator)
        m_simulator->stop();
}

DemoDriver *openDemo(ConsoleSession *session, int count, QObject *parent, QString *error, bool faults)
{
    raiseOpenFileLimit();
    DemoEnvironment::Settings settings;
    settings.count = count;
    settings.faults = faults;
    std::unique_ptr<DemoEnvironment> environment = DemoEnvironment::create(settings, error);
    if (!environment)
        return nullptr;
    if (!session->open(environment->workspaceDir(), environment->overrides())) {
        *error = session->error();
        return nullptr;
    }
    auto *driver = new DemoDriver(std::move(environment), session, parent);
    driver->start();
    return driver;
}

void raiseOpenFileLimit()
{
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
}

} // namespace Nbc::Sim
