#include "sim/dhcpexchange.h"

#include <QNetworkDatagram>
#include <QTimer>
#include <QUdpSocket>

namespace Nbc::Sim {

DhcpExchange::DhcpExchange(const QHostAddress &source, const QHostAddress &server, quint16 port,
                           const Dhcp::Packet &request, Dhcp::MessageType expected, int tries, QObject *parent)
    : QObject(parent)
    , m_source(source)
    , m_server(server)
    , m_port(port)
    , m_request(request)
    , m_expected(expected)
    , m_tries(qMax(1, tries))
{
}

DhcpExchange::~DhcpExchange() = default;

void DhcpExchange::start()
{
    m_socket = new QUdpSocket(this);
    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &DhcpExchange::transmit);
    const Dhcp::Result<QByteArray> built = m_request.build();
    if (!built || !m_socket->bind(m_source, 0)) {
        QTimer::singleShot(0, this, [this] { finish(std::nullopt); });
        return;
    }
    m_bytes = built.value();
    connect(m_socket, &QUdpSocket::readyRead, this, &DhcpExchange::onReadyRead);
    transmit();
}

void DhcpExchange::transmit()
{
    if (m_done)
        return;
    if (m_sent >= m_tries)
        return finish(std::nullopt);
    m_socket->writeDatagram(m_bytes, m_server, m_port);
    // PXE 2.1 waits 4, 8, 16, 32 s; a simulated wire loses nothing but a busy
    // server's queue, so a quicker doubling from 1 s is enough.
    m_timer->start(1000 << qMin(m_sent, 4));
    ++m_sent;
}

void DhcpExchange::onReadyRead()
{
    while (!m_done && m_socket->hasPendingDatagrams()) {
        const QNetworkDatagram datagram = m_socket->receiveDatagram();
        const Dhcp::Result<Dhcp::Packet> parsed = Dhcp::Packet::parse(datagram.data());
        if (!parsed)
            continue;
        const Dhcp::Packet &reply = parsed.value();
        if (reply.op != Dhcp::Packet::kBootReply || reply.xid != m_request.xid
            || reply.chaddr != m_request.chaddr || reply.messageType() != m_expected)
            continue;
        finish(reply);
    }
}

void DhcpExchange::finish(const std::optional<Dhcp::Packet> &reply)
{
    if (m_done)
        return;
    m_done = true;
    if (m_timer)
        m_timer->stop();
    if (m_socket)
        m_socket->close();
    Q_EMIT finished(reply);
}

} // namespace Nbc::Sim
