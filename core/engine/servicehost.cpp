#include "engine/servicehost.h"

#include <QMetaObject>
#include <QThread>
#include <QTimer>

namespace Nbc {

void registerMetaTypes()
{
    qRegisterMetaType<Nbc::MachineEvent>();
    qRegisterMetaType<Nbc::EngineStatus>();
    qRegisterMetaType<Nbc::BootSnapshot>();
    qRegisterMetaType<QHostAddress>();
}

ServiceHost::ServiceHost(QObject *parent)
    : QObject(parent)
{
    registerMetaTypes();
}

ServiceHost::~ServiceHost()
{
    shutdown();
}

void ServiceHost::addEngine(Engine *engine)
{
    auto *thread = new QThread(this);
    thread->setObjectName(QStringLiteral("nbc-") + engine->name());
    engine->moveToThread(thread);
    connect(thread, &QThread::finished, engine, &QObject::deleteLater);
    connect(engine, &Engine::machineEvent, engine, [this](const MachineEvent &event) { takeEvent(event); },
            Qt::DirectConnection);
    connect(engine, &Engine::statusChanged, this, &ServiceHost::statusChanged, Qt::QueuedConnection);
    // What one engine's DHCP exchange shows of a machine's address reaches every engine,
    // thread to thread, as a value (the HTTP engine binds configs to it).
    for (Engine *other : std::as_const(m_engines)) {
        connect(engine, &Engine::addressLearned, other, &Engine::learnAddress, Qt::QueuedConnection);
        connect(other, &Engine::addressLearned, engine, &Engine::learnAddress, Qt::QueuedConnection);
    }
    m_engines.append(engine);
    m_threads.append(thread);
    thread->start();
    QMetaObject::invokeMethod(engine, "setSnapshot", Qt::QueuedConnection,
                              Q_ARG(Nbc::BootSnapshot, m_snapshot));
}

void ServiceHost::takeEvent(const MachineEvent &event)
{
    bool wake = false;
    {
        const std::lock_guard lock(m_inboxMutex);
        m_inbox.append(event);
        wake = !m_delivering;
        m_delivering = true;
    }
    // Only the first event of a burst wakes this thread; the rest are collected while it
    // delivers, every kDeliveryIntervalMs, until a pass finds nothing new.
    if (wake)
        QMetaObject::invokeMethod(this, &ServiceHost::deliverEvents, Qt::QueuedConnection);
}

void ServiceHost::deliverEvents()
{
    // A few hundred at a time: after a burst the window's timers and input get their turn
    // between batches.
    constexpr qsizetype kBatch = 512;
    QList<MachineEvent> events;
    {
        const std::lock_guard lock(m_inboxMutex);
        if (m_inbox.isEmpty()) {
            m_delivering = false;
            return;
        }
        if (m_inbox.size() <= kBatch) {
            events.swap(m_inbox);
        } else {
            events = m_inbox.first(kBatch);
            m_inbox.remove(0, kBatch);
        }
    }
    if (!m_deliveryTimer) {
        m_deliveryTimer = new QTimer(this);
        m_deliveryTimer->setSingleShot(true);
        m_deliveryTimer->setTimerType(Qt::PreciseTimer);
        m_deliveryTimer->setInterval(kDeliveryIntervalMs);
        connect(m_deliveryTimer, &QTimer::timeout, this, &ServiceHost::deliverEvents);
    }
    m_deliveryTimer->start();
    for (const MachineEvent &event : std::as_const(events))
        Q_EMIT machineEvent(event);
}

void ServiceHost::setSnapshot(const BootSnapshot &snapshot)
{
    m_snapshot = snapshot;
    for (Engine *engine : std::as_const(m_engines)) {
        QMetaObject::invokeMethod(engine, "setSnapshot", Qt::QueuedConnection,
                                  Q_ARG(Nbc::BootSnapshot, snapshot));
    }
}

void ServiceHost::markInstalled(const QString &mac)
{
    m_snapshot.markInstalled(mac);
    for (Engine *engine : std::as_const(m_engines))
        QMetaObject::invokeMethod(engine, [engine, mac] { engine->markInstalled(mac); }, Qt::QueuedConnection);
}

void ServiceHost::start()
{
    m_running = true;
    for (Engine *engine : std::as_const(m_engines))
        QMetaObject::invokeMethod(engine, "start", Qt::QueuedConnection);
}

void ServiceHost::stop()
{
    m_running = false;
    for (Engine *engine : std::as_const(m_engines))
        QMetaObject::invokeMethod(engine, "stop", Qt::QueuedConnection);
}

void ServiceHost::shutdown()
{
    if (m_threads.isEmpty())
        return;
    for (Engine *engine : std::as_const(m_engines))
        QMetaObject::invokeMethod(engine, "stop", Qt::BlockingQueuedConnection);
    for (QThread *thread : std::as_const(m_threads)) {
        thread->quit();
        thread->wait();
    }
    m_running = false;
    m_engines.clear();
    qDeleteAll(m_threads);
    m_threads.clear();
}

} // namespace Nbc
