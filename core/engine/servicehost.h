#pragma once

#include "boot/bootsnapshot.h"
#include "engine/engine.h"

#include <QList>
#include <QObject>

class QThread;

namespace Nbc {

// Owns the engines and their threads: each engine lives in its own named QThread and is
// reached only through queued calls. Lives on the main thread.
class ServiceHost : public QObject
{
    Q_OBJECT
public:
    explicit ServiceHost(QObject *parent = nullptr);
    ~ServiceHost() override;

    // Takes ownership; the engine is moved to a new thread named after it.
    void addEngine(Engine *engine);
    QList<Engine *> engines() const { return m_engines; }
    bool isRunning() const { return m_running; }
    BootSnapshot snapshot() const { return m_snapshot; }

public Q_SLOTS:
    void setSnapshot(const Nbc::BootSnapshot &snapshot);
    // Engine::markInstalled on every engine (and in snapshot()).
    void markInstalled(const QString &mac);
    void start();
    void stop();
    // Stops the engines and waits for their threads to end.
    void shutdown();

Q_SIGNALS:
    void machineEvent(const Nbc::MachineEvent &event);
    void statusChanged(const Nbc::EngineStatus &status);

private:
    QList<Engine *> m_engines;
    QList<QThread *> m_threads;
    BootSnapshot m_snapshot;
    bool m_running = false;
};

void registerMetaTypes();

} // namespace Nbc
