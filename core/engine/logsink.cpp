#include "engine/logsink.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkDatagram>
#include <QPair>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUdpSocket>

#include <algorithm>

namespace Nbc {

LogSink::LogSink()
    : Engine(QStringLiteral("logs"))
{
}

LogSink::~LogSink() = default;

void LogSink::start()
{
    if (m_tcp)
        return;
    const QHostAddress address = snapshot().listenAddress();
    const quint16 port = snapshot().ports.logs;
    m_tcp = new QTcpServer(this);
    m_tcp->setMaxPendingConnections(64);
    if (!m_tcp->listen(address, port)) {
        const QString detail = m_tcp->errorString();
        const BindError bindError = bindErrorFromSocket(m_tcp->serverError());
        delete m_tcp;
        m_tcp = nullptr;
        setFailed(tr("The log receiver cannot listen on TCP %1:%2: %3").arg(address.toString()).arg(port).arg(detail),
                  bindFix(port, bindError, Transport::Tcp));
        return;
    }
    m_udp = new QUdpSocket(this);
    // The TCP listener may have been given port 0 (tests): use the same port for UDP.
    const quint16 boundPort = m_tcp->serverPort();
    if (!m_udp->bind(address, boundPort)) {
        const QString detail = m_udp->errorString();
        const BindError bindError = bindErrorFromSocket(m_udp->error());
        delete m_udp;
        m_udp = nullptr;
        delete m_tcp;
        m_tcp = nullptr;
        setFailed(tr("The log receiver cannot listen on UDP %1:%2: %3").arg(address.toString()).arg(boundPort).arg(detail),
                  bindFix(boundPort, bindError));
        return;
    }
    m_udp->setReadBufferSize(0);
    m_clock.start();
    m_sweepTimer = new QTimer(this);
    const qint64 shortest = std::min(qint64(m_limits.idleTimeout.count()), qint64(m_limits.lineTimeout.count()));
    m_sweepTimer->start(int(std::clamp<qint64>(shortest / 4, 20, 1000)));
    connect(m_sweepTimer, &QTimer::timeout, this, &LogSink::sweep);
    connect(m_tcp, &QTcpServer::newConnection, this, &LogSink::onNewConnection);
    connect(m_udp, &QUdpSocket::readyRead, this, &LogSink::onUdpReadyRead);
    setRunning(QStringLiteral("%1:%2").arg(address.toString()).arg(boundPort));
}

void LogSink::stop()
{
    for (auto it = m_connections.begin(); it != m_connections.end(); ++it) {
        it.key()->disconnect(this);
        it.key()->abort();
        it.key()->deleteLater();
    }
    m_connections.clear();
    m_perAddress.clear();
    delete m_sweepTimer;
    m_sweepTimer = nullptr;
    delete m_tcp;
    m_tcp = nullptr;
    delete m_udp;
    m_udp = nullptr;
    setStopped();
}

void LogSink::onNewConnection()
{
    while (QTcpSocket *socket = m_tcp->nextPendingConnection()) {
        bool isV4 = false;
        const quint32 v4 = socket->peerAddress().toIPv4Address(&isV4);
        const QHostAddress peer = isV4 ? QHostAddress(v4) : socket->peerAddress();
        const bool full = m_connections.size() >= m_limits.maxConnections;
        if (full || m_perAddress.value(peer) >= m_limits.maxPerAddress) {
            if (full)
                drop(QStringLiteral("too-many-connections"));
            else
                refuseSource(QStringLiteral("per-address-limit"), peer);
            socket->abort();
            socket->deleteLater();
            continue;
        }
        count(QStringLiteral("connections"));
        Connection connection;
        connection.peer = peer;
        connection.lastByteMs = m_clock.elapsed();
        m_connections.insert(socket, connection);
        ++m_perAddress[peer];
        // Lines are taken out as they arrive; a bounded read buffer keeps a sender that
        // outruns us in its own TCP window rather than in our memory.
        socket->setReadBufferSize(kMaxLineBytes);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onTcpReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] { closeConnection(socket, QString()); });
    }
}

void LogSink::closeConnection(QTcpSocket *socket, const QString &reason)
{
    const auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    if (!reason.isEmpty())
        refuseSource(reason, it->peer);
    if (auto share = m_perAddress.find(it->peer); share != m_perAddress.end() && --share.value() <= 0)
        m_perAddress.erase(share);
    m_connections.erase(it);
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
}

void LogSink::sweep()
{
    const qint64 now = m_clock.elapsed();
    QList<QPair<QTcpSocket *, QString>> expired;
    for (auto it = m_connections.cbegin(); it != m_connections.cend(); ++it) {
        if (now - it->lastByteMs >= m_limits.idleTimeout.count())
            expired.append({it.key(), QStringLiteral("idle")});
        else if (it->lineStartMs >= 0 && now - it->lineStartMs >= m_limits.lineTimeout.count())
            expired.append({it.key(), QStringLiteral("line-timeout")});
    }
    for (const auto &[socket, reason] : std::as_const(expired))
        closeConnection(socket, reason);
}

void LogSink::onTcpReadyRead(QTcpSocket *socket)
{
    auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    Connection &conn = it.value();
    const qint64 now = m_clock.elapsed();
    conn.lastByteMs = now;
    const QByteArray data = socket->readAll();
    qsizetype start = 0;
    while (start < data.size()) {
        const qsizetype newline = data.indexOf('\n', start);
        const qsizetype end = newline < 0 ? data.size() : newline;
        if (conn.buffer.size() + (end - start) > kMaxLineBytes) {
            // No Talos line comes near this: the sender is broken or hostile. What fits
            // is kept as one truncated message; the connection goes, and its buffer.
            conn.buffer.append(data.constData() + start, kMaxLineBytes - conn.buffer.size());
            handleLine(conn.buffer, conn.peer, true);
            closeConnection(socket, QStringLiteral("line-too-long"));
            return;
        }
        conn.buffer.append(data.constData() + start, end - start);
        if (newline < 0) {
            if (conn.lineStartMs < 0)
                conn.lineStartMs = now;
            break;
        }
        handleLine(conn.buffer, conn.peer, true);
        conn.buffer.clear();
        conn.lineStartMs = -1;
        start = newline + 1;
    }
}

void LogSink::onUdpReadyRead()
{
    while (m_udp && m_udp->hasPendingDatagrams()) {
        const QNetworkDatagram datagram = m_udp->receiveDatagram(kMaxLineBytes);
        // One message per datagram (Talos's UDP sender); tolerate a trailing newline.
        QByteArray line = datagram.data();
        while (line.endsWith('\n') || line.endsWith('\r'))
            line.chop(1);
        handleLine(line, datagram.senderAddress(), false);
    }
}

std::optional<MachineEvent> LogSink::eventFromLine(const QByteArray &line, const QHostAddress &peer, bool tcp,
                                                   QString *dropReason)
{
    if (line.trimmed().isEmpty()) {
        *dropReason = QStringLiteral("empty");
        return std::nullopt;
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        *dropReason = QStringLiteral("not-json");
        return std::nullopt;
    }
    const QJsonObject obj = doc.object();
    QString message = obj.value(QLatin1String("msg")).toString();
    if (message.isEmpty()) {
        *dropReason = QStringLiteral("no-msg");
        return std::nullopt;
    }
    while (message.endsWith(u'\n'))
        message.chop(1);
    MachineEvent event = makeEvent(EventKind::Log, {}, peer, message);
    // Map the IPv4-mapped IPv6 form back to IPv4 so it matches the DHCP-learnt address.
    bool isV4 = false;
    const quint32 v4 = peer.toIPv4Address(&isV4);
    if (isV4)
        event.peer = QHostAddress(v4);
    for (const char *key : {"talos-level", "talos-service", "talos-time", "facility", "priority"}) {
        const QJsonValue value = obj.value(QLatin1String(key));
        if (value.isString())
            event.facts.insert(QLatin1String(key), value.toString().left(256));
    }
    // A service-log record carries a controller's error as its own field (reference §8.1).
    const QJsonValue errorField = obj.value(QLatin1String("error"));
    if (errorField.isString())
        event.facts.insert(QStringLiteral("error"), errorField.toString().left(1024));
    // Only kernel-log copies are numbered.
    if (obj.value(QLatin1String("seq")).isDouble())
        event.facts.insert(QStringLiteral("seq"), obj.value(QLatin1String("seq")).toDouble());
    event.facts.insert(QStringLiteral("transport"), tcp ? QStringLiteral("tcp") : QStringLiteral("udp"));
    return event;
}

void LogSink::handleLine(const QByteArray &line, const QHostAddress &peer, bool tcp)
{
    count(QStringLiteral("received"));
    QString dropReason;
    const std::optional<MachineEvent> event = eventFromLine(line, peer, tcp, &dropReason);
    if (!event) {
        drop(dropReason);
        return;
    }
    count(QStringLiteral("served"));
    Q_EMIT machineEvent(*event);
}

} // namespace Nbc
