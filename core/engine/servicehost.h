#pragma once

#include "boot/bootsnapshot.h"
#include "engine/engine.h"

#include <QList>
#include <QObject>

#include <mutex>

class QThread;
class QTimer;

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
    void takeEvent(const MachineEvent &event);   // in an engine's thread
    void deliverEvents();                        // in this object's thread

    QList<Engine *> m_engines;
    QList<QThread *> m_threads;
    // Events on their way from the engines' threads: one wake-up of this thread for a
    // burst, not one posted event per packet (the engines' threads wait for nothing).
    // While events flow they are delivered every kDeliveryIntervalMs.
    static constexpr int kDeliveryIntervalMs = 2;
    std::mutex m_inboxMutex;
    QList<MachineEvent> m_inbox;
    bool m_delivering = false;            // guarded by m_inboxMutex
    QTimer *m_deliveryTimer = nullptr;
    BootSnapshot m_snapshot;
    bool m_running = false;
};

void registerMetaTypes();

} // namespace Nbc
