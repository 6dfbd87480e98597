#include "engine/servicehost.h"

#include <QMetaObject>
#include <QThread>

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
    connect(engine, &Engine::machineEvent, this, &ServiceHost::machineEvent, Qt::QueuedConnection);
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
