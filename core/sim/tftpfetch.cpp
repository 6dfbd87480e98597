#include "sim/tftpfetch.h"

#include "protocol/tftp/tftppacket.h"

#include <QNetworkDatagram>
#include <QTimer>
#include <QUdpSocket>

namespace Nbc::Sim {

namespace {

constexpr int kRetransmitMs = 1000;
constexpr int kMaxRetries = 5;
constexpr QByteArrayView kBlockSize = "1468";   // what PXE ROMs ask for on Ethernet

} // namespace

TftpFetch::TftpFetch(const QHostAddress &source, const QHostAddress &server, quint16 port,
                     const QByteArray &fileName, QObject *parent)
    : QObject(parent)
    , m_source(source)
    , m_server(server)
    , m_port(port)
    , m_fileName(fileName)
{
}

TftpFetch::~TftpFetch() = default;

void TftpFetch::start()
{
    m_socket = new QUdpSocket(this);
    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &TftpFetch::onTimeout);
    if (!m_socket->bind(m_source, 0)) {
        QTimer::singleShot(0, this, [this] { finish(false, QStringLiteral("bind: ") + m_socket->errorString()); });
        return;
    }
    connect(m_socket, &QUdpSocket::readyRead, this, &TftpFetch::onReadyRead);
    const Tftp::OptionList options = {{"blksize", kBlockSize.toByteArray()}, {"tsize", "0"}};
    send(Tftp::Packet::readRequest(m_fileName, Tftp::Mode::Octet, options).toBytes());
}

void TftpFetch::send(const QByteArray &datagram)
{
    m_last = datagram;
    m_socket->writeDatagram(datagram, m_server, m_peerPort ? m_peerPort : m_port);
    m_timer->start(kRetransmitMs);
}

void TftpFetch::onTimeout()
{
    if (m_done)
        return;
    if (++m_retries > kMaxRetries)
        return finish(false, QStringLiteral("timeout after %1 bytes").arg(m_bytes));
    m_socket->writeDatagram(m_last, m_server, m_peerPort ? m_peerPort : m_port);
    m_timer->start(kRetransmitMs);
}

void TftpFetch::onReadyRead()
{
    while (!m_done && m_socket->hasPendingDatagrams()) {
        const QNetworkDatagram datagram = m_socket->receiveDatagram();
        bool isV4 = false;
        if (datagram.senderAddress().toIPv4Address(&isV4) != m_server.toIPv4Address() || !isV4)
            continue;
        const quint16 from = quint16(datagram.senderPort());
        if (m_peerPort && from != m_peerPort) {
            // RFC 1350 4: a packet from another transfer identifier is not ours.
            m_socket->writeDatagram(Tftp::Packet::error(Tftp::ErrorCode::UnknownTransferId, "unknown transfer id").toBytes(),
                                    m_server, from);
            continue;
        }
        const Tftp::ParseResult parsed = Tftp::Packet::parse(datagram.data());
        if (!parsed.ok())
            continue;
        const Tftp::Packet &packet = parsed.packet;
        m_peerPort = from;
        switch (packet.opcode) {
        case Tftp::Opcode::OptionAck: {
            if (m_bytes > 0 || m_expected != 1)
                break;   // a repeated OACK: our ACK 0 is re-sent by the timer if lost
            const QByteArray blksize = packet.option("blksize");
            if (!blksize.isNull())
                m_blockSize = quint16(qBound(8, blksize.toInt(), int(Tftp::kMaxBlockSize)));
            const QByteArray tsize = packet.option("tsize");
            if (!tsize.isNull())
                m_tsize = tsize.toLongLong();
            m_retries = 0;
            send(Tftp::Packet::ack(0).toBytes());
            break;
        }
        case Tftp::Opcode::Data:
            if (packet.block == m_expected) {
                m_retries = 0;
                m_bytes += packet.data.size();
                send(Tftp::Packet::ack(packet.block).toBytes());
                ++m_expected;   // wraps at 65536 like the 16-bit block number
                if (packet.data.size() < m_blockSize) {
                    if (m_tsize >= 0 && m_tsize != m_bytes)
                        return finish(false, QStringLiteral("got %1 bytes, tsize said %2").arg(m_bytes).arg(m_tsize));
                    return finish(true, {});
                }
            } else if (quint16(packet.block + 1) == m_expected) {
                // The server did not get our ACK and sent the block again: acknowledge it again.
                m_socket->writeDatagram(Tftp::Packet::ack(packet.block).toBytes(), m_server, m_peerPort);
            }
            break;
        case Tftp::Opcode::Error:
            return finish(false, QStringLiteral("TFTP error %1: %2").arg(int(packet.errorCode))
                                     .arg(QString::fromUtf8(packet.errorMessage)));
        default:
            break;
        }
    }
}

void TftpFetch::finish(bool ok, const QString &error)
{
    if (m_done)
        return;
    m_done = true;
    if (m_timer)
        m_timer->stop();
    if (m_socket)
        m_socket->close();
    Q_EMIT finished(ok, error);
}

} // namespace Nbc::Sim
