#pragma once

#include "engine/engine.h"

#include <QHash>

#include <optional>

class QTcpServer;
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
    static constexpr int kMaxConnections = 2048;

    // One JSON line as Talos sends it, by either transport (reference §8.1), as the Log
    // event the registry gets; nothing, with *dropReason set, for a line that is not one.
    static std::optional<MachineEvent> eventFromLine(const QByteArray &line, const QHostAddress &peer, bool tcp,
                                                     QString *dropReason);

public Q_SLOTS:
    void start() override;
    void stop() override;

private:
    void onNewConnection();
    void onTcpReadyRead(QTcpSocket *socket);
    void onUdpReadyRead();
    // tcp: the line came over a TCP connection, whose peer address a sender cannot
    // simply make up (a UDP datagram's can be).
    void handleLine(const QByteArray &line, const QHostAddress &peer, bool tcp);

    struct Connection {
        QByteArray buffer;
        bool discarding = false;   // inside an over-long line: skip to its end
    };
    QTcpServer *m_tcp = nullptr;
    QUdpSocket *m_udp = nullptr;
    QHash<QTcpSocket *, Connection> m_connections;
};

} // namespace Nbc
