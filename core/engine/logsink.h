#pragma once

#include "engine/engine.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>

#include <chrono>

#include <optional>

class QTcpServer;
class QTimer;
class QTcpSocket;
class QUdpSocket;

namespace Nbc {

// Receives Talos JSON-lines logs (talos.logging.kernel=, KmsgLogConfig,
// machine.logging.destinations) on TCP and UDP. Lines carry no machine id: the sender's
// address is reported and the registry matches it to a machine (reference §3.1).
class LogSink : public Engine
{
    Q_OBJECT
public:
    LogSink();
    ~LogSink() override;

    static constexpr int kMaxLineBytes = 64 * 1024;

    // What one sender may hold. Talos keeps one TCP connection per log destination and
    // writes short lines; anything far beyond that is a neighbour taking others' share.
    struct Limits {
        int maxConnections = 2048;
        int maxPerAddress = 8;                       // more from one address are closed at once
        std::chrono::milliseconds idleTimeout{300000};   // no byte for this long: closed
        // A line must end within this time of its first byte: a sender that drips an
        // endless line keeps neither its slot nor its buffer.
        std::chrono::milliseconds lineTimeout{30000};
    };
    // Before start().
    void setLimits(const Limits &limits) { m_limits = limits; }
    // Open TCP connections; call in the engine's thread.
    Q_INVOKABLE int openConnections() const { return int(m_connections.size()); }

    // One JSON line as Talos sends it, by either transport (reference §8.1), as the Log
    // event the registry gets; nothing, with *dropReason set, for a line that is not one.
    static std::optional<MachineEvent> eventFromLine(const QByteArray &line, const QHostAddress &peer, bool tcp,
                                                     QString *dropReason);

public Q_SLOTS:
    void start() override;
    void stop() override;

private:
    void onNewConnection();
    void sweep();
    void closeConnection(QTcpSocket *socket, const QString &reason);
    void onTcpReadyRead(QTcpSocket *socket);
    void onUdpReadyRead();
    // tcp: the line came over a TCP connection, whose peer address a sender cannot
    // simply make up (a UDP datagram's can be).
    void handleLine(const QByteArray &line, const QHostAddress &peer, bool tcp);

    struct Connection {
        QHostAddress peer;
        QByteArray buffer;
        qint64 lastByteMs = 0;
        qint64 lineStartMs = -1;   // when the unfinished line in `buffer` began; -1: none
    };
    Limits m_limits;
    QTcpServer *m_tcp = nullptr;
    QUdpSocket *m_udp = nullptr;
    QTimer *m_sweepTimer = nullptr;
    QElapsedTimer m_clock;
    QHash<QTcpSocket *, Connection> m_connections;
    QHash<QHostAddress, int> m_perAddress;
};

} // namespace Nbc
