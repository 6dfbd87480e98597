#pragma once

#include "inventory/workspace.h"

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTemporaryDir>

class QTimer;

namespace Nbc {
class ConsoleSession;
}

namespace Nbc::Sim {

class FleetSimulator;

// "Will the pallet boot?" before it is powered on: two simulated machines (BIOS and UEFI)
// boot through the real engines against the workspace's own artefacts, iPXE binaries and
// a config, on loopback and free ports, in a private session (the user's inventory and
// files are only read). finished() says how far each got and, where one stopped, why, in
// the words the window would use.
class Preflight : public QObject
{
    Q_OBJECT
public:
    explicit Preflight(QObject *parent = nullptr);
    ~Preflight() override;

    // configPath as the workspace stores it ("configs/worker.yaml"); empty: boot without a
    // config (the machines then wait, which shows that everything up to iPXE works).
    // False with *error set when it cannot start (no artefact set, no free ports ...).
    bool start(const Workspace &workspace, const QString &configPath, QString *error);
    void stop();
    bool isRunning() const { return m_running; }
    static constexpr int kTimeoutMs = 60000;

Q_SIGNALS:
    // ok: every machine joined (or, without a config, waits in iPXE as it should).
    void finished(bool ok, const QStringList &report);

private:
    void onEngineStatus();
    void finish();
    bool settled() const;

    QTemporaryDir m_dir;
    QPointer<ConsoleSession> m_session;
    QPointer<FleetSimulator> m_simulator;
    QTimer *m_timeout = nullptr;
    QTimer *m_poll = nullptr;
    bool m_simulatorDone = false;
    int m_graceTicks = 0;
    bool m_withConfig = false;
    bool m_running = false;
    bool m_fleetStarted = false;
};

} // namespace Nbc::Sim
