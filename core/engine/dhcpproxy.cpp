#include "engine/dhcpproxy.h"

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

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

// 0.0.0.0 means "not known yet" on the wire; in an event it is no address at all.
QHostAddress peerAddress(quint32 address)
{
    return address ? QHostAddress(address) : QHostAddress();
}

QHostAddress listenAddress(const BootSnapshot &s)
{
    if (!s.interfaceName.isEmpty())
        return QHostAddress(QHostAddress::AnyIPv4);
    return s.bindAddress.isNull() ? s.serverAddress : s.bindAddress;
}

} // namespace

DhcpProxy::DhcpProxy(QObject *parent)
    : Engine(QStringLiteral("dhcp-proxy"), parent)
{
    m_listeners[0].port = Boot::DhcpPort::Dhcp;
    m_listeners[1].port = Boot::DhcpPort::Proxy;
}

DhcpProxy::~DhcpProxy()
{
    closeListeners();
}

void DhcpProxy::setSnapshot(const BootSnapshot &snapshot)
{
    const BootSnapshot &old = this->snapshot();
    const bool rebind = old.interfaceName != snapshot.interfaceName || old.dhcpPort != snapshot.dhcpPort
        || old.proxyPort != snapshot.proxyPort || old.bindAddress != snapshot.bindAddress
        || old.serverAddress != snapshot.serverAddress;
    Engine::setSnapshot(snapshot);
    if (m_running && rebind) {
        stop();
        start();
    }
}

void DhcpProxy::start()
{
    if (m_running)
        return;
    m_listeners[0].number = snapshot().dhcpPort;
    m_listeners[1].number = snapshot().proxyPort;
    for (Listener &listener : m_listeners) {
        QString error;
        if (!openListener(listener, &error)) {
            const int failedErrno = errno;
            closeListeners();
            setFailed(tr("Cannot listen for DHCP on UDP port %1: %2").arg(listener.number).arg(error),
                      bindFix(listener.number, errnoText(failedErrno)));
            return;
        }
    }
    m_buffer.resize(kMaxUdpPayload);
    m_running = true;
    const BootSnapshot &s = snapshot();
    QString where = QStringLiteral("%1:%2+%3").arg(listenAddress(s).toString()).arg(s.dhcpPort).arg(s.proxyPort);
    if (!s.interfaceName.isEmpty())
        where += QStringLiteral(" on ") + s.interfaceName;
    setRunning(where);
}

void DhcpProxy::stop()
{
    if (!m_running)
        return;
    closeListeners();
    m_running = false;
    setStopped();
}

void DhcpProxy::closeListeners()
{
    for (Listener &listener : m_listeners) {
        delete listener.notifier;
        listener.notifier = nullptr;
        if (listener.fd >= 0)
            ::close(listener.fd);
        listener.fd = -1;
    }
}

// Leaves errno set to the failing call's error when it returns false.
bool DhcpProxy::openListener(Listener &listener, QString *error)
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
        // switch at once must not offer boot files to the office.
        const QByteArray name = s.interfaceName.toLocal8Bit();
        if (::setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, name.constData(), socklen_t(name.size())) < 0)
            return fail(QStringLiteral("SO_BINDTODEVICE %1").arg(s.interfaceName));
    }
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(listener.number);
    addr.sin_addr.s_addr = htonl(listenAddress(s).toIPv4Address());
    if (::bind(fd, reinterpret_cast<const sockaddr *>(&addr), sizeof addr) < 0)
        return fail(QStringLiteral("%1:%2").arg(listenAddress(s).toString()).arg(listener.number));

    listener.notifier = new QSocketNotifier(fd, QSocketNotifier::Read, this);
    connect(listener.notifier, &QSocketNotifier::activated, this, [this, &listener] { readPending(listener); });
    return true;
}

void DhcpProxy::readPending(Listener &listener)
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
        int ifindex = 0;
        for (cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
            if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_PKTINFO) {
                in_pktinfo info;
                std::memcpy(&info, CMSG_DATA(c), sizeof info);
                ifindex = info.ipi_ifindex;
            }
        }
        handleDatagram(listener, QByteArray(m_buffer.constData(), n), ntohl(from.sin_addr.s_addr),
                       ntohs(from.sin_port), ifindex);
    }
}

void DhcpProxy::handleDatagram(Listener &listener, const QByteArray &bytes, quint32 fromAddress,
                               quint16 fromPort, int ifindex)
{
    const Dhcp::Result<Dhcp::Packet> parsed = Dhcp::Packet::parse(bytes);
    if (!parsed) {
        // Garbage is counted, not reported per packet: a flood must not flood the registry.
        drop(Dhcp::errorCodeName(parsed.error().code));
        return;
    }
    const Dhcp::Packet &request = parsed.value();
    for (const Dhcp::Error &issue : request.issues)
        count(QStringLiteral("malformed-option:") + Dhcp::errorCodeName(issue.code));
    if (request.op != Dhcp::Packet::kBootRequest) {
        drop(QStringLiteral("not-request"));   // another server's reply, seen on 67
        return;
    }

    const BootSnapshot &s = snapshot();
    const Boot::BootDecision decision = Boot::decideDhcp(request, listener.port, s);
    const Boot::ClientFacts &facts = decision.facts;
    const QVariantMap eventFacts = facts.eventFacts();
    const QHostAddress from = peerAddress(fromAddress);
    const bool pxe = decision.reason != QLatin1String("not-pxe") && decision.reason != QLatin1String("bootp");

    if (pxe && facts.messageType == Dhcp::MessageType::Discover) {
        MachineEvent event = makeEvent(EventKind::DhcpDiscover, facts.mac, from);
        event.facts = eventFacts;
        Q_EMIT machineEvent(event);
    } else if (pxe && facts.messageType == Dhcp::MessageType::Request) {
        // The address the client asked the site's DHCP server for (or already uses):
        // how the registry learns the machine's IP in proxy mode.
        MachineEvent event = makeEvent(EventKind::DhcpRequest, facts.mac, peerAddress(facts.requestedAddress));
        event.facts = eventFacts;
        Q_EMIT machineEvent(event);
    }

    if (!decision.reply) {
        drop(decision.reason);
        MachineEvent event = makeEvent(EventKind::DhcpIgnored, facts.mac, from, decision.detail);
        event.facts = eventFacts;
        event.facts.insert(QStringLiteral("reason"), decision.reason);
        Q_EMIT machineEvent(event);
        return;
    }

    // Answer no larger than the client can take (option 57 counts the IP and UDP headers).
    int maxSize = Dhcp::Packet::kDefaultMaxSize;
    if (const auto clientMax = request.maxMessageSize())
        maxSize = qBound(int(Dhcp::Packet::kDefaultMaxSize), int(*clientMax) - 28, 1472);
    const Dhcp::Result<QByteArray> bytesOut = decision.reply->build(maxSize);
    if (!bytesOut) {
        drop(Dhcp::errorCodeName(bytesOut.error().code));
        return;
    }

    // Where the reply goes (RFC 2131 4.1, PXE 2.1 2.2.6):
    //  - relayed: to the relay agent on the server port;
    //  - 4011, or a client that has an address: unicast to it and the port it used
    //    (OVMF asks from 4011, iPXE from 68);
    //  - otherwise broadcast to the client port on the interface it came in on.
    quint32 to = 0xffffffff;
    quint16 toPort = s.dhcpClientPort;
    if (request.giaddr != 0) {
        to = request.giaddr;
        toPort = s.dhcpPort;
    } else if (request.ciaddr != 0) {
        to = request.ciaddr;
        toPort = fromPort;
    } else if (listener.port == Boot::DhcpPort::Proxy && fromAddress != 0) {
        to = fromAddress;
        toPort = fromPort;
    }
    if (!sendReply(listener, bytesOut.value(), to, toPort, ifindex)) {
        drop(QStringLiteral("send-error"));
        return;
    }
    count(QStringLiteral("served"));
    const Dhcp::MessageType replyType = decision.reply->messageType().value_or(Dhcp::MessageType::Offer);
    MachineEvent event = makeEvent(replyType == Dhcp::MessageType::Offer ? EventKind::DhcpOffer : EventKind::DhcpAck,
                                   facts.mac, peerAddress(to == 0xffffffff ? facts.requestedAddress : to),
                                   decision.bootFile);
    event.facts = eventFacts;
    event.facts.insert(QStringLiteral("port"), listener.number);
    Q_EMIT machineEvent(event);
}

bool DhcpProxy::sendReply(Listener &listener, const QByteArray &bytes, quint32 toAddress, quint16 toPort,
                          int ifindex)
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
