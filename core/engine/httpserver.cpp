#include "engine/httpserver.h"

#include "engine/httpconnection.h"

#include "boot/httproute.h"
#include "protocol/http/httprange.h"
#include "protocol/http/httprequestparser.h"
#include "protocol/http/httpresponsehead.h"

#include <QDateTime>
#include <QFile>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTimer>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <functional>

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef Q_OS_LINUX
#include <sys/sendfile.h>
#endif

namespace Nbc {

namespace {

// Hands accepted descriptors to the engine instead of wrapping them in QTcpSockets: the
// engine needs the raw socket for sendfile(2) and full control of when it reads.
class Listener : public QTcpServer
{
public:
    Listener(std::function<void(qintptr)> onAccept, QObject *parent)
        : QTcpServer(parent)
        , m_onAccept(std::move(onAccept))
    {
    }

protected:
    void incomingConnection(qintptr descriptor) override { m_onAccept(descriptor); }

private:
    std::function<void(qintptr)> m_onAccept;
};

QHostAddress peerAddress(int fd)
{
    sockaddr_storage storage {};
    socklen_t length = sizeof storage;
    if (::getpeername(fd, reinterpret_cast<sockaddr *>(&storage), &length) != 0)
        return {};
    QHostAddress address(reinterpret_cast<const sockaddr *>(&storage));
    bool mapped = false;
    const quint32 v4 = address.toIPv4Address(&mapped);
    return mapped ? QHostAddress(v4) : address;
}

} // namespace

HttpServer::HttpServer(QObject *parent)
    : Engine(QStringLiteral("http"), parent)
    // Transfer ids start high so they never collide with another engine's in a registry
    // that keys transfers by id alone.
    , m_lastTransferId(quint64(3) << 56)
{
    m_clock.start();
}

HttpServer::~HttpServer()
{
    closeAll(QStringLiteral("server-stopped"));
}

void HttpServer::start()
{
    if (m_listener)
        return;
    // sendfile(2) has no MSG_NOSIGNAL: a client that vanishes must not kill the process.
    struct sigaction current {};
    if (::sigaction(SIGPIPE, nullptr, &current) == 0 && current.sa_handler == SIG_DFL)
        ::signal(SIGPIPE, SIG_IGN);
    if (!listen())
        return;
    if (!m_sweepTimer) {
        m_sweepTimer = new QTimer(this);
        connect(m_sweepTimer, &QTimer::timeout, this, &HttpServer::sweep);
    }
    const qint64 shortest = std::min({qint64(m_limits.headerTimeout.count()), qint64(m_limits.sendStallTimeout.count()),
                                      qint64(m_limits.lingerTimeout.count()), qint64(m_limits.minRateWindow.count())});
    m_sweepTimer->start(int(std::clamp<qint64>(shortest / 4, 20, 1000)));
}

bool HttpServer::listen()
{
    const BootSnapshot &snap = snapshot();
    QHostAddress address = snap.listenAddress();
    if (address.isNull())
        address = QHostAddress::Any;
    auto *listener = new Listener([this](qintptr descriptor) { accept(descriptor); }, this);
    listener->setListenBacklogSize(1024);
    if (!listener->listen(address, snap.ports.http)) {
        const QString detail = listener->errorString();
        const BindError bindError = bindErrorFromSocket(listener->serverError());
        delete listener;
        setFailed(tr("The HTTP server cannot listen on %1 port %2: %3")
                      .arg(address.toString()).arg(snap.ports.http).arg(detail),
                  bindFix(snap.ports.http, bindError, Transport::Tcp));
        return false;
    }
    connect(listener, &QTcpServer::acceptError, this, [this, listener](QAbstractSocket::SocketError) {
        // Out of descriptors: Qt stops accepting; try again shortly rather than never.
        drop(QStringLiteral("accept-failed"));
        listener->pauseAccepting();
        QTimer::singleShot(100, listener, [listener] { listener->resumeAccepting(); });
    });
    m_listener = listener;
    m_boundAddress = snap.listenAddress();
    m_boundPort = snap.ports.http;
    setRunning(QStringLiteral("%1:%2").arg(listener->serverAddress().toString()).arg(listener->serverPort()));
    return true;
}

void HttpServer::stop()
{
    if (m_sweepTimer)
        m_sweepTimer->stop();
    const bool wasRunning = m_listener != nullptr;
    delete m_listener;
    m_listener = nullptr;
    closeAll(QStringLiteral("server-stopped"));
    if (wasRunning)
        setStopped();
}

void HttpServer::setSnapshot(const BootSnapshot &snapshot)
{
    Engine::setSnapshot(snapshot);
    if (!m_listener)
        return;
    const QHostAddress address = snapshot.listenAddress();
    if (address == m_boundAddress && snapshot.ports.http == m_boundPort)
        return;
    // A new address or port: listen there; connections already open finish normally.
    delete m_listener;
    m_listener = nullptr;
    listen();
}

void HttpServer::learnAddress(const QString &mac, const QHostAddress &address)
{
    m_addresses.learn(mac, address);
}

void HttpServer::accept(qintptr descriptor)
{
    const int fd = int(descriptor);
    if (m_connections.size() >= m_limits.maxConnections) {
        // One best-effort write; the client learns why instead of seeing a reset.
        static const QByteArray busy = Http::errorResponse(503, false);
        [[maybe_unused]] const ssize_t n = ::send(fd, busy.constData(), size_t(busy.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
        ::close(fd);
        drop(QStringLiteral("too-many-connections"));
        return;
    }
    const QHostAddress peer = peerAddress(fd);
    if (m_perAddress.value(peer) >= m_limits.maxPerAddress) {
        static const QByteArray busy = Http::errorResponse(503, false);
        [[maybe_unused]] const ssize_t n = ::send(fd, busy.constData(), size_t(busy.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
        ::close(fd);
        refuseSource(QStringLiteral("per-address-limit"), peer);
        return;
    }
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0 || ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) != 0) {
        ::close(fd);
        drop(QStringLiteral("socket-setup"));
        return;
    }
    // Responses are written whole (MSG_MORE joins a head to its file); Nagle would only
    // delay the last segment of each small script or config.
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    auto *connection = new HttpConnection(this, fd, peer, m_zeroCopy);
    m_connections.insert(connection);
    ++m_perAddress[peer];
    m_open.store(int(m_connections.size()));
    count(QStringLiteral("connections"));
    connection->pump();
}

void HttpServer::sweep()
{
    const qint64 now = nowMs();
    // A copy: checking may close (and forget) connections.
    const QSet<HttpConnection *> connections = m_connections;
    for (HttpConnection *connection : connections)
        connection->checkTimeouts(now);
}

void HttpServer::closeAll(const QString &reason)
{
    const QSet<HttpConnection *> connections = m_connections;
    for (HttpConnection *connection : connections) {
        connection->fail(reason);
        delete connection;
    }
    m_connections.clear();
    m_perAddress.clear();
    m_open.store(0);
}

void HttpServer::forget(HttpConnection *connection)
{
    if (m_connections.remove(connection)) {
        if (auto it = m_perAddress.find(connection->peer()); it != m_perAddress.end() && --it.value() <= 0)
            m_perAddress.erase(it);
    }
    m_open.store(int(m_connections.size()));
}

QByteArray HttpServer::dateHeader()
{
    const qint64 second = qint64(std::time(nullptr));
    if (second != m_dateSecond) {
        m_dateSecond = second;
        m_date = Http::httpDate(QDateTime::currentDateTimeUtc());
    }
    return m_date;
}

} // namespace Nbc
