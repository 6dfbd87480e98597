#pragma once

#include "protocol/dhcp/dhcppacket.h"

#include <QHostAddress>
#include <QObject>

#include <optional>

class QTimer;
class QUdpSocket;

namespace Nbc::Sim {

// One DHCP request and its answer, from a given source address: sent, re-sent on silence
// (1, 2, 4 ... seconds, like a PXE ROM but shorter), matched by transaction id and type.
class DhcpExchange : public QObject
{
    Q_OBJECT
public:
    DhcpExchange(const QHostAddress &source, const QHostAddress &server, quint16 port,
                 const Dhcp::Packet &request, Dhcp::MessageType expected, int tries, QObject *parent = nullptr);
    ~DhcpExchange() override;

    void start();
    int sent() const { return m_sent; }

Q_SIGNALS:
    // reply is empty when every try went unanswered (or the request could not be sent).
    void finished(const std::optional<Nbc::Dhcp::Packet> &reply);

private:
    void transmit();
    void onReadyRead();
    void finish(const std::optional<Dhcp::Packet> &reply);

    QHostAddress m_source;
    QHostAddress m_server;
    quint16 m_port;
    Dhcp::Packet m_request;
    QByteArray m_bytes;
    Dhcp::MessageType m_expected;
    int m_tries;
    int m_sent = 0;
    QUdpSocket *m_socket = nullptr;
    QTimer *m_timer = nullptr;
    bool m_done = false;
};

} // namespace Nbc::Sim
