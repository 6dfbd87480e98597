#include "engine/dhcpengine.h"

#include <QSocketNotifier>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace Nbc {

namespace {

constexpr int kReceiveBuffer = 4 * 1024 * 1024;   // absorbs a burst of firmware DISCOVERs
constexpr int kMaxDatagramsPerWakeup = 256;       // then yield to the event loop
constexpr int kMaxUdpPayload = 65536;
constexpr quint32 kBroadcast = 0xffffffff;

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

quint16 portNumber(const BootSnapshot &s, Boot::DhcpPort port)
{
    return port == Boot::DhcpPort::Dhcp ? s.ports.dhcp : s.ports.proxy;
}

} // namespace

QHostAddress peerAddress(quint32 address)
{
    return address ? QHostAddress(address) : QHostAddress();
}

DhcpEngine::DhcpEngine(const QString &name, QObject *parent)
    : Engine(name, parent)
{
}

DhcpEngine::~DhcpEngine()
{
    closeListeners();
}

bool DhcpEngine::prepare(QString *, QString *)
{
    return true;
}

bool DhcpEngine::needsRestart(const BootSnapshot &old, const BootSnapshot &next) const
{
    return old.interfaceName != next.interfaceName || old.ports.dhcp != next.ports.dhcp
        || old.ports.proxy != next.ports.proxy || old.bindAddress != next.bindAddress
        || old.serverAddress != next.serverAddress;
}

void DhcpEngine::setSnapshot(const BootSnapshot &snapshot)
{
    const BootSnapshot &old = this->snapshot();
    const bool restart = needsRestart(old, snapshot) || portsFor(old) != portsFor(snapshot);
    Engine::setSnapshot(snapshot);
    if (!m_wanted || !restart)
        return;
    release();
    start();
}

void DhcpEngine::release()
{
    if (m_listening) {
        closeListeners();
        finish();
    }
    m_listening = false;
    m_idle = false;
}

void DhcpEngine::start()
{
    m_wanted = true;
    if (m_listening || m_idle)
        return;
    const BootSnapshot &s = snapshot();
    const QList<Boot::DhcpPort> ports = portsFor(s);
    if (ports.isEmpty()) {
        // Nothing to listen on in this mode, but ready: a snapshot with the other mode
        // binds at once. Shown as running so that "all services up" stays true.
        m_idle = true;
        setRunning(tr("not used in %1 mode").arg(s.mode == DhcpMode::Full ? QStringLiteral("dhcp")
                                                                          : QStringLiteral("proxy")),
                   true);
        return;
    }
    QString error, fix;
    if (!prepare(&error, &fix)) {
        setFailed(error, fix);
        return;
    }
    m_listenerCount = int(std::min<qsizetype>(ports.size(), qsizetype(m_listeners.size())));
    for (int i = 0; i < m_listenerCount; ++i) {
        Listener &listener = m_listeners[size_t(i)];
        listener.port = ports[i];
        listener.number = portNumber(s, ports[i]);
        if (!openListener(listener, &error)) {
            const int failedErrno = errno;
            closeListeners();
            finish();
            setFailed(tr("Cannot listen for DHCP on UDP port %1: %2").arg(listener.number).arg(error),
                      bindFix(listener.number, bindErrorFromErrno(failedErrno)));
            return;
        }
    }
    m_buffer.resize(kMaxUdpPayload);
    m_listening = true;
    QStringList numbers;
    for (int i = 0; i < m_listenerCount; ++i)
        numbers << QString::number(m_listeners[size_t(i)].number);
    QString where = s.dhcpListenAddress().toString() + QLatin1Char(':') + numbers.join(QLatin1Char('+'));
    if (!s.interfaceName.isEmpty())
        where += QStringLiteral(" on ") + s.interfaceName;
    const QString extra = describe();
    if (!extra.isEmpty())
        where += QStringLiteral(", ") + extra;
    setRunning(where);
}

void DhcpEngine::stop()
{
    m_wanted = false;
    if (!m_listening && !m_idle)
        return;
    release();
    setStopped();
}

void DhcpEngine::closeListeners()
{
    for (Listener &listener : m_listeners) {
        delete listener.notifier;
        listener.notifier = nullptr;
        if (listener.fd >= 0)
            ::close(listener.fd);
        listener.fd = -1;
    }
    m_listenerCount = 0;
}

// Leaves errno set to the failing call's error when it returns false.
bool DhcpEngine::openListener(Listener &listener, QString *error)
{
    const BootSnapshot &s = snapshot();
    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        *error = errnoText(errno);
        return false;
    }
    listener.fd = fd;
    const int one = 1;
    const auto fail = [error](const QString &what) {
        const int saved = errno;
        *error = what + QStringLiteral(": ") + errnoText(saved);
        errno = saved;
        return false;
    };
    if (::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0)
        return fail(QStringLiteral("SO_REUSEADDR"));
    // DISCOVERs go to 255.255.255.255 and so do our replies to clients without an address.
    if (::setsockopt(fd, SOL_SOCKET, SO_BROADCAST, &one, sizeof one) < 0)
        return fail(QStringLiteral("SO_BROADCAST"));
    // The interface a broadcast came in on: the reply must leave on the same one.
    if (::setsockopt(fd, IPPROTO_IP, IP_PKTINFO, &one, sizeof one) < 0)
        return fail(QStringLiteral("IP_PKTINFO"));
    // Best effort: the kernel caps it at net.core.rmem_max without CAP_NET_ADMIN.
    const int rcvbuf = kReceiveBuffer;
    if (::setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof rcvbuf) < 0)
        ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
    if (!s.interfaceName.isEmpty()) {
        // Answer only on the chosen interface: a laptop on the office LAN and the rack
        // switch at once must not offer boot files (or addresses) to the office.
        const QByteArray name = s.interfaceName.toLocal8Bit();
        if (::setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, name.constData(), socklen_t(name.size())) < 0)
            return fail(QStringLiteral("SO_BINDTODEVICE %1").arg(s.interfaceName));
    }
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(listener.number);
    addr.sin_addr.s_addr = htonl(s.dhcpListenAddress().toIPv4Address());
    if (::bind(fd, reinterpret_cast<const sockaddr *>(&addr), sizeof addr) < 0)
        return fail(QStringLiteral("%1:%2").arg(s.dhcpListenAddress().toString()).arg(listener.number));

    listener.notifier = new QSocketNotifier(fd, QSocketNotifier::Read, this);
    connect(listener.notifier, &QSocketNotifier::activated, this, [this, &listener] { readPending(listener); });
    return true;
}

void DhcpEngine::readPending(Listener &listener)
{
    for (int i = 0; i < kMaxDatagramsPerWakeup && listener.fd >= 0; ++i) {
        sockaddr_in from{};
        iovec iov{m_buffer.data(), size_t(m_buffer.size())};
        alignas(cmsghdr) char control[CMSG_SPACE(sizeof(in_pktinfo))];
        msghdr msg{};
        msg.msg_name = &from;
        msg.msg_namelen = sizeof from;
        msg.msg_iov = &iov;
        msg.msg_iovlen = 1;
        msg.msg_control = control;
        msg.msg_controllen = sizeof control;
        const ssize_t n = ::recvmsg(listener.fd, &msg, 0);
        if (n < 0) {
            if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
                drop(QStringLiteral("receive-error"));
            return;
        }
        count(QStringLiteral("received"));
        if (msg.msg_flags & MSG_TRUNC) {
            drop(QStringLiteral("too-large"));
            continue;
        }
        Datagram datagram;
        for (cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
            if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_PKTINFO) {
                in_pktinfo info;
                std::memcpy(&info, CMSG_DATA(c), sizeof info);
                datagram.ifindex = info.ipi_ifindex;
            }
        }
        datagram.bytes = QByteArray(m_buffer.constData(), n);
        datagram.fromAddress = ntohl(from.sin_addr.s_addr);
        datagram.fromPort = ntohs(from.sin_port);
        handleDatagram(listener, datagram);
    }
}

std::optional<Dhcp::Packet> DhcpEngine::parseRequest(const Datagram &datagram)
{
    Dhcp::Result<Dhcp::Packet> parsed = Dhcp::Packet::parse(datagram.bytes);
    if (!parsed) {
        // Garbage is counted, not reported per packet: a flood must not flood the registry.
        drop(Dhcp::errorCodeName(parsed.error().code));
        return std::nullopt;
    }
    for (const Dhcp::Error &issue : parsed.value().issues)
        count(QStringLiteral("malformed-option:") + Dhcp::errorCodeName(issue.code));
    if (parsed.value().op != Dhcp::Packet::kBootRequest) {
        replyFromOtherServer(parsed.value(), datagram);
        drop(QStringLiteral("not-request"));   // another server's reply, seen on 67
        return std::nullopt;
    }
    return std::move(parsed.value());
}

std::optional<quint32> DhcpEngine::sendReply(Listener &listener, const Datagram &datagram,
                                             const Dhcp::Packet &request, const Dhcp::Packet &reply)
{
    // Answer no larger than the client can take (option 57 counts the IP and UDP headers).
    int maxSize = Dhcp::Packet::kDefaultMaxSize;
    if (const auto clientMax = request.maxMessageSize())
        maxSize = qBound(int(Dhcp::Packet::kDefaultMaxSize), int(*clientMax) - 28, 1472);
    const Dhcp::Result<QByteArray> bytes = reply.build(maxSize);
    if (!bytes) {
        drop(Dhcp::errorCodeName(bytes.error().code));
        return std::nullopt;
    }

    // Where the reply goes (RFC 2131 4.1, PXE 2.1 2.2.6):
    //  - relayed: to the relay agent on the server port;
    //  - a NAK without a relay: broadcast, the client's address is what is wrong;
    //  - 4011, or a client that has an address: unicast to it and the port it used
    //    (OVMF asks from 4011, iPXE from 68);
    //  - otherwise broadcast to the client port on the interface it came in on. (A unicast
    //    to yiaddr would need an ARP entry made by hand; every client takes the broadcast.)
    const BootSnapshot &s = snapshot();
    quint32 to = kBroadcast;
    quint16 toPort = s.dhcpClientPort;
    if (request.giaddr != 0) {
        to = request.giaddr;
        toPort = s.ports.dhcp;
    } else if (reply.messageType() == Dhcp::MessageType::Nak) {
        // broadcast
    } else if (request.ciaddr != 0) {
        to = request.ciaddr;
        toPort = datagram.fromPort;
    } else if (listener.port == Boot::DhcpPort::Proxy && datagram.fromAddress != 0) {
        to = datagram.fromAddress;
        toPort = datagram.fromPort;
    }
    if (!send(listener, bytes.value(), to, toPort, datagram.ifindex)) {
        drop(QStringLiteral("send-error"));
        return std::nullopt;
    }
    count(QStringLiteral("served"));
    return to;
}

bool DhcpEngine::send(Listener &listener, const QByteArray &bytes, quint32 toAddress, quint16 toPort, int ifindex)
{
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(toPort);
    to.sin_addr.s_addr = htonl(toAddress);
    iovec iov{const_cast<char *>(bytes.constData()), size_t(bytes.size())};
    msghdr msg{};
    msg.msg_name = &to;
    msg.msg_namelen = sizeof to;
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(in_pktinfo))] = {};
    if (ifindex > 0) {
        // Out of the interface the request came in on; a limited broadcast would
        // otherwise follow the default route.
        msg.msg_control = control;
        msg.msg_controllen = sizeof control;
        cmsghdr *c = CMSG_FIRSTHDR(&msg);
        c->cmsg_level = IPPROTO_IP;
        c->cmsg_type = IP_PKTINFO;
        c->cmsg_len = CMSG_LEN(sizeof(in_pktinfo));
        in_pktinfo info{};
        info.ipi_ifindex = ifindex;
        bool isV4 = false;
        const quint32 server = snapshot().serverAddress.toIPv4Address(&isV4);
        if (isV4 && !snapshot().interfaceName.isEmpty())
            info.ipi_spec_dst.s_addr = htonl(server);   // source address: the one we announce in option 54
        std::memcpy(CMSG_DATA(c), &info, sizeof info);
    }
    const ssize_t n = ::sendmsg(listener.fd, &msg, MSG_DONTWAIT);
    return n == ssize_t(bytes.size());
}

} // namespace Nbc
