#include "doctor/dhcpprobe.h"

#include "doctor/bindpermission.h"
#include "protocol/dhcp/dhcppacket.h"

#include <QCoreApplication>
#include <QNetworkInterface>
#include <QRandomGenerator>
#include <QSocketNotifier>
#include <QTimer>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace Nbc::Doctor {

namespace {

constexpr int kMaxDatagram = 65536;

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

QByteArray macBytes(const QString &mac)
{
    QByteArray hex = mac.toLatin1();
    hex.replace(':', QByteArray());
    const QByteArray bytes = QByteArray::fromHex(hex);
    return bytes.size() == 6 ? bytes : QByteArray();
}

// What a BIOS PXE ROM sends (PXE 2.1 2.2.1), so that proxy DHCP servers, which answer
// only "PXEClient", show themselves too.
Dhcp::Packet makeDiscover(quint32 xid, const QByteArray &chaddr)
{
    Dhcp::Packet p;
    p.op = Dhcp::Packet::kBootRequest;
    p.xid = xid;
    p.flags = 0x8000;   // broadcast the reply: we have no address to unicast to
    p.chaddr = chaddr;
    p.hlen = quint8(chaddr.size());
    p.setMessageType(Dhcp::MessageType::Discover);
    p.setOption(Dhcp::OptionCode::ParameterRequestList,
                QByteArray::fromHex("01"      // subnet mask
                                    "03"      // router
                                    "2b"      // 43 vendor (PXE) options
                                    "3c"      // 60 vendor class
                                    "42"      // 66 TFTP server name
                                    "43"));   // 67 boot file name
    p.setOption(Dhcp::OptionCode::MaxMessageSize, QByteArray::fromHex("05dc"));   // 1500
    p.setOption(Dhcp::OptionCode::VendorClass, QByteArrayLiteral("PXEClient:Arch:00000:UNDI:002001"));
    p.setOption(Dhcp::OptionCode::ClientArch, QByteArray::fromHex("0000"));       // BIOS x86
    p.setOption(Dhcp::OptionCode::ClientNdi, QByteArray::fromHex("010201"));      // UNDI 2.1
    return p;
}

} // namespace

DhcpProbe::DhcpProbe(QObject *parent)
    : QObject(parent)
    , m_resend(new QTimer(this))
    , m_deadline(new QTimer(this))
{
    m_resend->setSingleShot(true);
    m_deadline->setSingleShot(true);
    connect(m_resend, &QTimer::timeout, this, &DhcpProbe::send);
    connect(m_deadline, &QTimer::timeout, this, [this] {
        close();
        Q_EMIT finished();
    });
}

DhcpProbe::~DhcpProbe()
{
    close();
}

bool DhcpProbe::fail(Failure failure, const QString &message, QString *error)
{
    close();
    m_failure = failure;
    m_error = message;
    if (error)
        *error = message;
    return false;
}

bool DhcpProbe::start(const QString &interfaceName, int timeoutMs, QString *error)
{
    if (isRunning()) {
        // Not fail(): that would close the probe that is running.
        if (error)
            *error = tr("The DHCP probe is already running.");
        return false;
    }
    m_answers.clear();
    m_failure = Failure::None;
    m_error.clear();
    m_malformed = m_ignored = m_sent = 0;
    m_interface = interfaceName;

    const QNetworkInterface iface = QNetworkInterface::interfaceFromName(interfaceName);
    if (interfaceName.isEmpty() || !iface.isValid())
        return fail(Failure::NoInterface,
                    tr("There is no network interface '%1'. Check the name with: ip link").arg(interfaceName), error);
    m_mac = iface.hardwareAddress().toLower();
    m_chaddr = macBytes(m_mac);
    if (m_chaddr.isEmpty()) {
        // A tun device or similar has no MAC: a locally administered one stands in.
        const quint64 random = QRandomGenerator::system()->generate64();
        m_chaddr = QByteArray(reinterpret_cast<const char *>(&random), 6);
        m_chaddr[0] = char((quint8(m_chaddr[0]) & 0xfe) | 0x02);   // unicast, locally administered
        m_mac = QString::fromLatin1(m_chaddr.toHex(':'));
    }
    m_localAddresses.clear();
    const QList<QHostAddress> local = QNetworkInterface::allAddresses();
    for (const QHostAddress &a : local) {
        if (a.protocol() == QAbstractSocket::IPv4Protocol)
            m_localAddresses << a.toIPv4Address();
    }

    m_fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (m_fd < 0)
        return fail(Failure::SocketError, tr("Cannot open a UDP socket: %1").arg(errnoText(errno)), error);
    const int one = 1;
    // A DHCP client of the interface (dhclient, NetworkManager) may hold port 68 already;
    // broadcasts reach every socket sharing it.
    ::setsockopt(m_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    ::setsockopt(m_fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
    ::setsockopt(m_fd, SOL_SOCKET, SO_BROADCAST, &one, sizeof one);
    const QByteArray device = interfaceName.toLocal8Bit();
    if (::setsockopt(m_fd, SOL_SOCKET, SO_BINDTODEVICE, device.constData(), socklen_t(device.size())) < 0) {
        const int e = errno;
        if (e == EPERM || e == EACCES)
            return fail(Failure::NoPermission,
                        tr("Listening on one interface only needs root or CAP_NET_RAW. Run the doctor as root, "
                           "or allow this program once with: %1")
                            .arg(BindPermission::terminalCommand(QCoreApplication::applicationFilePath())),
                        error);
        if (e == ENODEV)
            return fail(Failure::NoInterface,
                        tr("There is no network interface '%1'. Check the name with: ip link").arg(interfaceName), error);
        return fail(Failure::SocketError, tr("Cannot bind to interface %1: %2").arg(interfaceName, errnoText(e)), error);
    }
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(kClientPort);
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    if (::bind(m_fd, reinterpret_cast<const sockaddr *>(&addr), sizeof addr) < 0) {
        const int e = errno;
        if (e == EACCES || e == EPERM)
            return fail(Failure::NoPermission,
                        tr("Asking who answers DHCP needs UDP port 68, which only root or a program with "
                           "CAP_NET_BIND_SERVICE may use. Run the doctor as root, or allow this program once with: %1")
                            .arg(BindPermission::terminalCommand(QCoreApplication::applicationFilePath())),
                        error);
        if (e == EADDRINUSE)
            return fail(Failure::PortInUse,
                        tr("UDP port 68 is held by a program that does not share it (a DHCP client?). "
                           "Stop it for a moment and run the doctor again."),
                        error);
        return fail(Failure::SocketError, tr("Cannot listen on UDP port 68: %1").arg(errnoText(e)), error);
    }

    m_xid = QRandomGenerator::system()->generate();
    const Dhcp::Result<QByteArray> built = makeDiscover(m_xid, m_chaddr).build();
    if (!built)
        return fail(Failure::SocketError, tr("Cannot build a DHCP request."), error);
    m_discover = built.value();

    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(kServerPort);
    to.sin_addr.s_addr = htonl(INADDR_BROADCAST);
    if (::sendto(m_fd, m_discover.constData(), size_t(m_discover.size()), 0, reinterpret_cast<const sockaddr *>(&to),
                 sizeof to) < 0) {
        const int e = errno;
        return fail(Failure::SocketError,
                    tr("Cannot send a DHCP request on %1: %2. Is the interface up?").arg(interfaceName, errnoText(e)),
                    error);
    }
    ++m_sent;

    m_notifier = new QSocketNotifier(m_fd, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &DhcpProbe::readPending);
    // One more DISCOVER a second later, as a ROM would: the first may be lost while a
    // switch port is still coming up (spanning tree).
    if (timeoutMs > kResendMs)
        m_resend->start(kResendMs);
    m_deadline->start(qMax(0, timeoutMs));
    return true;
}

void DhcpProbe::send()
{
    if (m_fd < 0)
        return;
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(kServerPort);
    to.sin_addr.s_addr = htonl(INADDR_BROADCAST);
    if (::sendto(m_fd, m_discover.constData(), size_t(m_discover.size()), 0, reinterpret_cast<const sockaddr *>(&to),
                 sizeof to) >= 0)
        ++m_sent;
}

void DhcpProbe::readPending()
{
    QByteArray buffer(kMaxDatagram, Qt::Uninitialized);
    // Bounded per wake-up: a flood on port 68 must not hold the event loop.
    for (int i = 0; i < 256 && m_fd >= 0; ++i) {
        sockaddr_in from{};
        socklen_t fromLength = sizeof from;
        const ssize_t n = ::recvfrom(m_fd, buffer.data(), size_t(buffer.size()), MSG_TRUNC,
                                     reinterpret_cast<sockaddr *>(&from), &fromLength);
        if (n < 0)
            return;   // EAGAIN: nothing more; anything else: the next wake-up tells
        if (n > buffer.size()) {
            ++m_malformed;
            continue;
        }
        const Dhcp::Result<Dhcp::Packet> parsed = Dhcp::Packet::parse(QByteArray(buffer.constData(), n));
        if (!parsed) {
            ++m_malformed;
            continue;
        }
        const Dhcp::Packet &reply = parsed.value();
        if (reply.op != Dhcp::Packet::kBootReply || reply.xid != m_xid || reply.chaddr != m_chaddr
            || reply.messageType() != Dhcp::MessageType::Offer) {
            ++m_ignored;
            continue;
        }
        DhcpAnswer answer = DhcpAnswer::fromPacket(reply, QHostAddress(ntohl(from.sin_addr.s_addr)));
        answer.fromThisHost = m_localAddresses.contains(answer.server.toIPv4Address());
        // The same server answers each of our two DISCOVERs.
        if (m_answers.contains(answer))
            continue;
        m_answers.append(answer);
        Q_EMIT answerReceived(answer);
    }
}

void DhcpProbe::cancel()
{
    if (!isRunning())
        return;
    close();
    Q_EMIT finished();
}

void DhcpProbe::close()
{
    m_resend->stop();
    m_deadline->stop();
    delete m_notifier;
    m_notifier = nullptr;
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
}

} // namespace Nbc::Doctor
