#include "engine/engine.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTimer>

#include <algorithm>
#include <cerrno>

namespace Nbc {

QString engineStateName(EngineStatus::State state)
{
    switch (state) {
    case EngineStatus::State::Stopped: return QStringLiteral("stopped");
    case EngineStatus::State::Running: return QStringLiteral("running");
    case EngineStatus::State::Failed: return QStringLiteral("failed");
    }
    return {};
}

Engine::Engine(const QString &name, QObject *parent)
    : QObject(parent)
{
    m_status.engine = name;
    setObjectName(name);
}

Engine::~Engine() = default;

void Engine::setSnapshot(const BootSnapshot &snapshot)
{
    m_snapshot = snapshot;
}

void Engine::markInstalled(const QString &mac)
{
    m_snapshot.markInstalled(mac);
}

void Engine::learnAddress(const QString &, const QHostAddress &)
{
}

void Engine::count(const QString &key, quint64 n)
{
    m_status.counters[key] += n;
    schedulePublish();
}

void Engine::refuseSource(const QString &reason, const QHostAddress &address)
{
    drop(reason);
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    const QHostAddress who = isV4 ? QHostAddress(v4) : address;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QList<Refusal> &list = m_status.refusals;
    for (Refusal &refusal : list) {
        if (refusal.address == who && refusal.reason == reason) {
            ++refusal.count;
            refusal.lastMs = now;
            return;
        }
    }
    if (list.size() >= EngineStatus::kMaxRefusals) {
        const auto oldest = std::min_element(list.begin(), list.end(), [](const Refusal &a, const Refusal &b) {
            return a.lastMs < b.lastMs;
        });
        list.erase(oldest);
    }
    list.append({who, reason, 1, now});
}

bool Engine::reportAllowed()
{
    const qint64 second = QDateTime::currentMSecsSinceEpoch() / 1000;
    if (second != m_reportSecond) {
        m_reportSecond = second;
        m_reportsThisSecond = 0;
    }
    return ++m_reportsThisSecond <= kReportsPerSecond;
}

void Engine::setRunning(const QString &address, bool idle)
{
    m_status.state = EngineStatus::State::Running;
    m_status.idle = idle;
    m_status.address = address;
    m_status.error.clear();
    m_status.fix.clear();
    publishStatus();
}

void Engine::setStopped()
{
    m_status.state = EngineStatus::State::Stopped;
    publishStatus();
}

void Engine::setFailed(const QString &error, const QString &fix)
{
    m_status.state = EngineStatus::State::Failed;
    m_status.error = error;
    m_status.fix = fix;
    publishStatus();
}

void Engine::publishStatus()
{
    if (m_publishTimer)
        m_publishTimer->stop();
    Q_EMIT statusChanged(m_status);
}

void Engine::schedulePublish()
{
    if (!m_publishTimer) {
        // Created lazily so it lives in the engine's thread, like its sockets.
        m_publishTimer = new QTimer(this);
        m_publishTimer->setSingleShot(true);
        m_publishTimer->setInterval(500);
        connect(m_publishTimer, &QTimer::timeout, this, &Engine::publishStatus);
    }
    if (!m_publishTimer->isActive())
        m_publishTimer->start();
}

Engine::BindError Engine::bindErrorFromErrno(int error)
{
    switch (error) {
    case EACCES:
    case EPERM: return BindError::Denied;
    case EADDRINUSE: return BindError::InUse;
    default: return BindError::Other;
    }
}

Engine::BindError Engine::bindErrorFromSocket(QAbstractSocket::SocketError error)
{
    switch (error) {
    case QAbstractSocket::SocketAccessError: return BindError::Denied;
    case QAbstractSocket::AddressInUseError: return BindError::InUse;
    default: return BindError::Other;
    }
}

QString Engine::bindFix(int port, BindError error, Transport transport)
{
    const QString binary = QCoreApplication::applicationFilePath();
    if (port < 1024 && error == BindError::Denied) {
        return QCoreApplication::translate("Engine",
                   "Port %1 is privileged. Run as root, or allow this program to bind it once with: "
                   "sudo setcap 'cap_net_bind_service,cap_net_raw=+ep' %2")
            .arg(port).arg(binary);
    }
    if (error == BindError::InUse) {
        return QCoreApplication::translate("Engine",
                   "Another program already uses port %1 (often dnsmasq or another PXE server). "
                   "Find it with: sudo ss -%2lpn 'sport = :%1' ; stop it, or choose another port.")
            .arg(port)
            .arg(transport == Transport::Tcp ? QLatin1Char('t') : QLatin1Char('u'));
    }
    return QCoreApplication::translate("Engine", "Check the interface and address in the settings.");
}

} // namespace Nbc
