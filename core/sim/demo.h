#pragma once

#include "session/consolesession.h"
#include "model/stage.h"
#include "sim/fleetplan.h"

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace Nbc::Sim {

class FleetSimulator;

// Unprivileged ports that are free on `address` right now, all different; the log port
// is free for both TCP and UDP.
bool pickFreePorts(const QHostAddress &address, Ports *ports, QString *error);

// A throw-away console for `--demo N`: a workspace in a temporary folder (never the
// user's), synthetic artefacts (a kernel with a bzImage header, an xz initramfs, stand-in
// iPXE binaries), a demo Talos worker config with dummy secrets, free unprivileged ports
// on 127.0.0.1, and the fleet that boots against it. Removed when destroyed.
class DemoEnvironment
{
public:
    struct Settings {
        int count = 10;
        quint32 seed = 1;
        qint64 kernelBytes = 12 * 1024 * 1024;
        qint64 initramfsBytes = 32 * 1024 * 1024;
        int lateEvery = 10;          // every lateEvery-th machine waits for its config
        int lateAssignMs = 6000;     // ... until the demo assigns it, this long after it waits
        // Faults to see and test the window's attention states: three downloads stall,
        // two machines hang in iPXE, four get a config that cannot be served (one cause).
        // Stalls and deadlines then come after seconds, not minutes.
        bool faults = false;
    };

    // Nullptr with *error set when the folder, the files or the ports cannot be had.
    static std::unique_ptr<DemoEnvironment> create(const Settings &settings, QString *error);

    QString workspaceDir() const;
    SessionOverrides overrides() const;
    // The fleet: realistic pace (a few MiB/s, Talos's delays shortened).
    FleetOptions fleetOptions() const { return m_fleet; }
    FleetOptions &fleetOptions() { return m_fleet; }
    // As the workspace stores it, relative to the workspace folder.
    QString configPath() const { return QStringLiteral("configs/demo-worker.yaml"); }
    QString brokenConfigPath() const { return QStringLiteral("configs/demo-broken.yaml"); }
    bool faults() const { return m_settings.faults; }
    QStringList lateMacs() const { return m_lateMacs; }
    int lateAssignMs() const { return m_settings.lateAssignMs; }

    // The demo worker config: a valid-looking Talos v1alpha1 document with dummy secrets.
    static QByteArray workerConfig();

private:
    DemoEnvironment() = default;
    bool prepare(QString *error);

    Settings m_settings;
    QTemporaryDir m_dir;
    FleetOptions m_fleet;
    Ports m_ports;
    QStringList m_lateMacs;
};

// Runs a demo against an opened ConsoleSession: starts the fleet once every engine
// reports Running, marks the simulated machines in the registry, and assigns each late
// machine its config a while after it is seen waiting (so "Waiting → boots" can be watched).
// Both `--headless --demo N` and the window use it:
//
//   auto env = DemoEnvironment::create(settings, &error);
//   session.open(env->workspaceDir(), env->overrides());
//   auto *demo = new DemoDriver(std::move(env), &session, parent);
//   demo->start();              // before startServices(): it listens for Running
//   session.startServices();
class DemoDriver : public QObject
{
    Q_OBJECT
public:
    DemoDriver(std::unique_ptr<DemoEnvironment> environment, ConsoleSession *session, QObject *parent = nullptr);
    ~DemoDriver() override;

    DemoEnvironment *environment() const { return m_environment.get(); }
    FleetSimulator *simulator() const { return m_simulator; }

    void start();
    void stop();

Q_SIGNALS:
    void fleetStarted();
    void lateAssigned(const QString &mac);
    void failed(const QString &message);

private:
    void onStatus(const Nbc::EngineStatus &status);
    void onStageChanged(const QString &mac, Nbc::Stage stage);

    std::unique_ptr<DemoEnvironment> m_environment;
    QPointer<ConsoleSession> m_session;
    FleetSimulator *m_simulator = nullptr;
    QSet<QString> m_running;
    QSet<QString> m_lateScheduled;
    bool m_fleetStarted = false;
};

// For the window (and --headless): makes a demo environment of `count` machines, opens
// `session` on it and starts the driver. Then call session->startServices(). Nullptr with
// *error set when the demo cannot be set up; the session is not opened then.
DemoDriver *openDemo(ConsoleSession *session, int count, QObject *parent, QString *error, bool faults = false);

// Raises the soft limit of open files to the hard one: a fleet of a thousand machines
// opens a few thousand sockets on both ends.
void raiseOpenFileLimit();

} // namespace Nbc::Sim
