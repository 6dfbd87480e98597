#include "engine/tftpserver.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QNetworkInterface>
#include <QSocketNotifier>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcTftp, "nbc.tftp")

namespace Nbc {

using Tftp::ErrorCode;
using Tftp::Packet;
using Tftp::Session;

namespace {

// Requests handled per wake-up of the well-known port.
constexpr int kBatch = 64;
// Bursts of requests (a rack powered on at once) must not be dropped by the kernel.
constexpr int kListenReceiveBuffer = 1 << 20;
// Receive buffer: a byte more than any valid datagram, so oversize ones are noticed.
constexpr size_t kBufferSize = size_t(Tftp::kMaxDatagramSize) + 1;

// What a requested name is, for the registry: an iPXE binary or a file of the extra root.
ArtifactKind artifactOfName(const QString &name)
{
    return isIpxeBinaryName(name) ? ArtifactKind::IpxeBinary : ArtifactKind::Other;
}

FailureCode refusalCode(const QString &reason)
{
    if (reason == QLatin1String("not-found"))
        return FailureCode::NotFound;
    if (reason == QLatin1String("write-request") || reason == QLatin1String("unsupported-mode"))
        return FailureCode::Refused;
    return FailureCode::Forbidden;
}

FailureCode transferFailureCode(const QString &reason)
{
    if (reason == QLatin1String("timeout"))
        return FailureCode::TimedOut;
    if (reason == QLatin1String("read-error"))
        return FailureCode::Unreadable;
    return FailureCode::Interrupted;
}

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

// Names come off the wire: printable in logs and events, and short.
QString printable(const QByteArray &raw)
{
    QString out;
    for (const char c : raw.left(120)) {
        const uchar u = uchar(c);
        if (u < 0x20 || u >= 0x7f || c == '\\')
            out += QStringLiteral("\\x") + QString::number(u, 16).rightJustified(2, u'0');
        else
            out += QLatin1Char(c);
    }
    if (raw.size() > 120)
        out += QStringLiteral("...");
    return out;
}

bool toSockaddr(const QHostAddress &address, quint16 port, sockaddr_storage *storage, socklen_t *length)
{
    std::memset(storage, 0, sizeof(*storage));
    if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        auto *in6 = reinterpret_cast<sockaddr_in6 *>(storage);
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(port);
        const Q_IPV6ADDR bytes = address.toIPv6Address();
        std::memcpy(&in6->sin6_addr, bytes.c, 16);
        // Link-local addresses need their interface; QHostAddress names it or numbers it.
        bool numeric = false;
        const uint scope = address.scopeId().toUInt(&numeric);
        in6->sin6_scope_id = numeric ? scope : uint(QNetworkInterface::interfaceIndexFromName(address.scopeId()));
        *length = sizeof(sockaddr_in6);
        return true;
    }
    bool ok = false;
    const quint32 ip = address.toIPv4Address(&ok);
    if (!ok)
        return false;
    auto *in4 = reinterpret_cast<sockaddr_in *>(storage);
    in4->sin_family = AF_INET;
    in4->sin_port = htons(port);
    in4->sin_addr.s_addr = htonl(ip);
    *length = sizeof(sockaddr_in);
    return true;
}

quint16 portOf(const sockaddr_storage &storage)
{
    if (storage.ss_family == AF_INET6)
        return ntohs(reinterpret_cast<const sockaddr_in6 *>(&storage)->sin6_port);
    return ntohs(reinterpret_cast<const sockaddr_in *>(&storage)->sin_port);
}

// MTU - IP - UDP - TFTP header: the largest block that is never fragmented (RFC 2348
// section "Rationale"; dnsmasq clamps the same way).
quint16 blockSizeLimit(const BootSnapshot &snapshot, const QHostAddress &address)
{
    int mtu = 0;
    if (!snapshot.interfaceName.isEmpty()) {
        mtu = QNetworkInterface::interfaceFromName(snapshot.interfaceName).maximumTransmissionUnit();
    } else if (!address.isNull() && address != QHostAddress(QHostAddress::AnyIPv4)
               && address != QHostAddress(QHostAddress::AnyIPv6)) {
        const QList<QNetworkInterface> interfaces = QNetworkInterface::allInterfaces();
        for (const QNetworkInterface &interface : interfaces) {
            const QList<QNetworkAddressEntry> entries = interface.addressEntries();
            for (const QNetworkAddressEntry &entry : entries) {
                if (entry.ip().isEqual(address))
                    mtu = interface.maximumTransmissionUnit();
            }
        }
    }
    if (mtu <= 0)
        return 1468;  // Ethernet
    const int headers = (address.protocol() == QAbstractSocket::IPv6Protocol ? 40 : 20) + 8 + 4;
    return quint16(std::clamp<int>(mtu - headers, 512, int(Tftp::kMaxBlockSize)));
}

struct OpenedFile {
    int fd = -1;
    qint64 size = -1;
    QString refusal;
};

// Open first, then check what was opened (dnsmasq's order): a regular file, and for files
// under a root, still the very path that was resolved, so a name swapped for a symlink
// between resolving and opening is caught.
OpenedFile openChecked(const QString &path, bool mustStayAtPath)
{
    OpenedFile result;
    int flags = O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK;  // O_NONBLOCK: a FIFO cannot hang us
    if (mustStayAtPath)
        flags |= O_NOFOLLOW;
    const QByteArray encoded = QFile::encodeName(path);
    const int fd = ::open(encoded.constData(), flags);
    if (fd < 0) {
        result.refusal = errno == ENOENT ? QStringLiteral("not-found") : QStringLiteral("open-failed");
        return result;
    }
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        ::close(fd);
        result.refusal = QStringLiteral("not-a-file");
        return result;
    }
    if (mustStayAtPath) {
        char link[4096];
        const QByteArray proc = "/proc/self/fd/" + QByteArray::number(fd);
        const ssize_t n = ::readlink(proc.constData(), link, sizeof(link) - 1);
        if (n > 0 && QByteArray(link, n) != encoded) {
            ::close(fd);
            result.refusal = QStringLiteral("symlink-escape");
            return result;
        }
    }
    result.fd = fd;
    result.size = qint64(info.st_size);
    return result;
}

int socketFamily(const QHostAddress &address)
{
    return address.protocol() == QAbstractSocket::IPv6Protocol ? AF_INET6 : AF_INET;
}

} // namespace

struct TftpServer::Peer {
    sockaddr_storage address {};
    socklen_t length = 0;
    QHostAddress host;
    quint16 port = 0;

    QByteArray key() const { return QByteArray(reinterpret_cast<const char *>(&address), int(length)); }
};

TftpServer::TftpServer(QObject *parent)
    : Engine(QStringLiteral("tftp"), parent)
{
}

TftpServer::~TftpServer()
{
    closeAll(false);
    if (m_listenSocket >= 0)
        ::close(m_listenSocket);
}

void TftpServer::setSessionConfig(const Tftp::SessionConfig &config)
{
    m_sessionConfig = config;
}

void TftpServer::setMaxTransfers(int maximum)
{
    m_maxTransfers = std::max(1, maximum);
}

void TftpServer::setMaxTransfersPerAddress(int maximum)
{
    m_maxPerAddress = std::max(1, maximum);
}

int TftpServer::activeTransfers() const
{
    return int(m_transfers.size());
}

void TftpServer::start()
{
    if (m_listenSocket >= 0)
        return;
    const QHostAddress address = snapshot().listenAddress();
    const quint16 port = snapshot().ports.tftp;
    sockaddr_storage storage {};
    socklen_t length = 0;
    if (!toSockaddr(address, port, &storage, &length)) {
        setFailed(tr("TFTP cannot listen on %1: not an IP address.").arg(address.toString()),
                  bindFix(port, BindError::Other));
        return;
    }
    const int fd = ::socket(socketFamily(address), SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        const int error = errno;
        setFailed(tr("TFTP cannot open a UDP socket: %1").arg(errnoText(error)), bindFix(port, bindErrorFromErrno(error)));
        return;
    }
    const int receiveBuffer = kListenReceiveBuffer;
    ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &receiveBuffer, sizeof(receiveBuffer));
    if (::bind(fd, reinterpret_cast<const sockaddr *>(&storage), length) != 0) {
        const int error = errno;
        ::close(fd);
        setFailed(tr("TFTP cannot listen on %1 port %2: %3").arg(address.toString()).arg(port).arg(errnoText(error)),
                  bindFix(port, bindErrorFromErrno(error)));
        return;
    }
    sockaddr_storage bound {};
    socklen_t boundLength = sizeof(bound);
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&bound), &boundLength);
    m_listenSocket = fd;
    m_boundAddress = address;
    m_boundPort = portOf(bound);
    m_maxBlockSize = blockSizeLimit(snapshot(), address);
    m_buffer.resize(kBufferSize);
    m_clock.start();

    m_listenNotifier = new QSocketNotifier(qintptr(fd), QSocketNotifier::Read, this);
    connect(m_listenNotifier, &QSocketNotifier::activated, this, &TftpServer::readRequests);
    const int threads = TftpTransferPool::defaultThreadCount();
    m_pool = std::make_unique<TftpTransferPool>(threads, m_clock, [this] {
        QMetaObject::invokeMethod(this, &TftpServer::takeReports, Qt::QueuedConnection);
    });

    const QString shown = address.protocol() == QAbstractSocket::IPv6Protocol
                              ? QStringLiteral("[%1]:%2").arg(address.toString()).arg(m_boundPort)
                              : QStringLiteral("%1:%2").arg(address.toString()).arg(m_boundPort);
    qCInfo(lcTftp) << "listening on" << shown << "max blksize" << m_maxBlockSize << "threads" << threads;
    setRunning(shown);
}

void TftpServer::stop()
{
    closeAll(true);
    delete m_listenNotifier;
    m_listenNotifier = nullptr;
    if (m_listenSocket >= 0) {
        ::close(m_listenSocket);
        m_listenSocket = -1;
    }
    setStopped();
}

void TftpServer::setSnapshot(const BootSnapshot &next)
{
    const QHostAddress before = snapshot().listenAddress();
    const quint16 portBefore = snapshot().ports.tftp;
    const QString interfaceBefore = snapshot().interfaceName;
    Engine::setSnapshot(next);
    // Transfers keep the file they opened; only a new address or port needs a new socket.
    if (m_listenSocket >= 0
        && (snapshot().listenAddress() != before || next.ports.tftp != portBefore || next.interfaceName != interfaceBefore)) {
        stop();
        start();
    }
}

void TftpServer::learnAddress(const QString &mac, const QHostAddress &address)
{
    m_addresses.learn(mac, address);
}

void TftpServer::readRequests()
{
    for (int i = 0; i < kBatch; ++i) {
        Peer peer;
        peer.length = sizeof(peer.address);
        const ssize_t n = ::recvfrom(m_listenSocket, m_buffer.data(), m_buffer.size(), MSG_TRUNC,
                                     reinterpret_cast<sockaddr *>(&peer.address), &peer.length);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            break;  // EAGAIN: drained
        }
        count(QStringLiteral("received"));
        if (size_t(n) > m_buffer.size()) {
            drop(QStringLiteral("malformed"));
            continue;
        }
        peer.host = QHostAddress(reinterpret_cast<const sockaddr *>(&peer.address));
        peer.port = portOf(peer.address);
        handleRequest(QByteArrayView(m_buffer.data(), n), peer);
    }
}

void TftpServer::handleRequest(QByteArrayView datagram, const Peer &peer)
{
    if (peer.port == 0) {
        drop(QStringLiteral("bad-source"));
        return;
    }
    const Tftp::ParseResult parsed = Packet::parse(datagram);
    if (!parsed.ok()) {
        // Garbage is not answered: an answer would make us a reflector.
        drop(QStringLiteral("malformed"));
        return;
    }
    const Packet &request = parsed.packet;
    const QString name = printable(request.fileName);
    if (request.opcode == Tftp::Opcode::WriteRequest) {
        refuse(peer, quint16(ErrorCode::AccessViolation), "read-only server",
               QStringLiteral("write-request"), name);
        return;
    }
    if (request.opcode != Tftp::Opcode::ReadRequest) {
        drop(QStringLiteral("unexpected-opcode"));
        return;
    }
    if (request.mode == Tftp::Mode::Mail) {
        refuse(peer, quint16(ErrorCode::IllegalOperation), "mail mode not supported",
               QStringLiteral("unsupported-mode"), name);
        return;
    }
    // A client that retransmits its RRQ before our first answer arrives already has a
    // transfer; a second one would send every block twice.
    if (m_transferByPeer.contains(peer.key())) {
        drop(QStringLiteral("duplicate-request"));
        return;
    }
    // Over the limit the request is dropped, not refused: firmware retransmits its RRQ
    // after a few seconds and may find a free slot then, while an ERROR would end its boot.
    if (int(m_transfers.size()) >= m_maxTransfers) {
        drop(QStringLiteral("busy"));
        return;
    }
    // One machine reads one file at a time; a neighbour asking for hundreds at once would
    // take the slots of a pallet of machines.
    if (m_transfersByHost.value(peer.host) >= m_maxPerAddress) {
        refuseSource(QStringLiteral("per-address-limit"), peer.host);
        return;
    }
    startTransfer(request, peer, QString::fromUtf8(request.fileName));
}

void TftpServer::startTransfer(const Packet &request, const Peer &peer, const QString &requested)
{
    const QString name = printable(request.fileName);
    const SafePathResult resolved = Boot::resolveTftpName(snapshot(), requested, m_addresses.macAt(peer.host));
    if (!resolved.ok()) {
        const bool missing = resolved.refusal == QLatin1String("not-found");
        refuse(peer, quint16(missing ? ErrorCode::FileNotFound : ErrorCode::AccessViolation),
               missing ? "file not found" : "access violation", resolved.refusal, name);
        return;
    }
    // Files of a served folder must still be that very path when opened; the iPXE
    // binaries are the user's choice, links and all.
    auto inside = [&resolved](const QString &root) {
        return !root.isEmpty() && resolved.path.startsWith(QFileInfo(root).canonicalFilePath() + u'/');
    };
    const bool underRoot = inside(snapshot().tftpRoot) || inside(snapshot().piBootFolder());
    OpenedFile opened = openChecked(resolved.path, underRoot);
    if (opened.fd < 0) {
        const bool missing = opened.refusal == QLatin1String("not-found");
        refuse(peer, quint16(missing ? ErrorCode::FileNotFound : ErrorCode::AccessViolation),
               missing ? "file not found" : "access violation", opened.refusal, name);
        return;
    }

    Tftp::SessionConfig config = m_sessionConfig;
    config.limits.maxBlockSize = m_maxBlockSize;
    auto transfer = std::make_unique<TftpTransfer>(opened.fd, opened.size, config);

    // RFC 1350 section 4: the server answers from a new port, its transfer identifier.
    // The socket is connected to the client, so the kernel drops strays from other ports.
    sockaddr_storage local {};
    socklen_t localLength = 0;
    toSockaddr(m_boundAddress, 0, &local, &localLength);
    const int fd = ::socket(peer.address.ss_family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0 || ::bind(fd, reinterpret_cast<const sockaddr *>(&local), localLength) != 0
        || ::connect(fd, reinterpret_cast<const sockaddr *>(&peer.address), peer.length) != 0) {
        qCWarning(lcTftp) << "cannot open a transfer socket:" << errnoText(errno);
        if (fd >= 0)
            ::close(fd);
        drop(QStringLiteral("socket"));
        return;
    }

    const qint64 now = m_clock.elapsed();
    TftpTransfer *t = transfer.get();
    t->socket = fd;
    t->id = (quint64('t') << 56) | ++m_transferCounter;  // 't': apart from other engines' ids
    t->lastEventAt = now;
    Active active;
    active.peer = peer.host;
    active.peerKey = peer.key();
    active.name = name;
    active.path = resolved.path;
    active.startedAt = now;
    active.size = opened.size;
    m_transferByPeer.insert(active.peerKey, t->id);
    ++m_transfersByHost[active.peer];
    m_transfers.emplace(t->id, active);

    t->session.start(request, now);
    count(QStringLiteral("started"));
    const Tftp::Negotiation &negotiation = t->session.negotiation();
    MachineEvent event = makeEvent(EventKind::TftpStart, QString(), active.peer, name);
    event.artifact = artifactOfName(name);
    event.bytes = 0;
    event.total = opened.size;
    event.transferId = t->id;
    event.facts.insert(QStringLiteral("path"), resolved.path);
    event.facts.insert(QStringLiteral("blksize"), int(negotiation.blockSize));
    event.facts.insert(QStringLiteral("windowsize"), int(negotiation.windowSize));
    event.facts.insert(QStringLiteral("port"), int(peer.port));
    Q_EMIT machineEvent(event);

    // The first answer goes from here; a worker takes the rest.
    t->flush(m_buffer.data(), qsizetype(m_buffer.size()));
    if (t->session.isFinished())
        finish(std::move(transfer));
    else
        m_pool->adopt(std::move(transfer));
}

void TftpServer::refuse(const Peer &peer, quint16 errorCode, const QByteArray &message,
                        const QString &reason, const QString &name)
{
    // Another Pi's boot folder asked for: the window names who asked.
    if (reason == QLatin1String("other-pi"))
        refuseSource(reason, peer.host);
    else
        drop(reason);
    // The error comes from a fresh port like any answer (RFC 1350 section 4): clients
    // lock on to the port of the first reply and some ignore anything from port 69.
    const QByteArray packet = Packet::error(ErrorCode(errorCode), message).toBytes();
    sockaddr_storage local {};
    socklen_t localLength = 0;
    toSockaddr(m_boundAddress, 0, &local, &localLength);
    const int fd = ::socket(peer.address.ss_family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd >= 0) {
        if (::bind(fd, reinterpret_cast<const sockaddr *>(&local), localLength) == 0) {
            ::sendto(fd, packet.constData(), size_t(packet.size()), 0,
                     reinterpret_cast<const sockaddr *>(&peer.address), peer.length);
        }
        ::close(fd);
    }
    if (!allowReport())
        return;
    qCInfo(lcTftp).noquote() << "refused" << reason << "from" << peer.host.toString() << "for" << name;
    MachineEvent event = makeEvent(EventKind::TftpFailed, QString(), peer.host,
                                   tr("%1: refused (%2)").arg(name, reason));
    event.facts.insert(QStringLiteral("reason"), reason);
    event.facts.insert(QStringLiteral("file"), name);
    event.failure = refusalCode(reason);
    event.artifact = artifactOfName(name);
    Q_EMIT machineEvent(event);
}

bool TftpServer::allowReport()
{
    const qint64 now = m_clock.isValid() ? m_clock.elapsed() : 0;
    if (now - m_reportWindowStart >= 1000) {
        m_reportWindowStart = now;
        m_reportsInWindow = 0;
    }
    // Engine::kReportsPerSecond: a flood of bad requests must not flood the log or the
    // registry; they are still counted.
    return ++m_reportsInWindow <= kReportsPerSecond;
}

void TftpServer::takeReports()
{
    if (!m_pool)
        return;
    TftpReport report = m_pool->take();
    apply(report);
}

void TftpServer::apply(TftpReport &report)
{
    if (report.duplicateAcks)
        count(QStringLiteral("duplicate-ack"), report.duplicateAcks);
    if (report.staleAcks)
        count(QStringLiteral("stale-ack"), report.staleAcks);
    if (report.unexpected)
        count(QStringLiteral("dropped:unexpected-opcode"), report.unexpected);
    if (report.malformed)
        count(QStringLiteral("dropped:malformed"), report.malformed);
    for (const TftpReport::Progress &progress : report.progress) {
        const auto it = m_transfers.find(progress.id);
        if (it == m_transfers.end())
            continue;   // ended since: its last figures come with the end
        const Active &active = it->second;
        MachineEvent event = makeEvent(EventKind::TftpProgress, QString(), active.peer, active.name);
        event.artifact = artifactOfName(active.name);
        event.bytes = progress.bytes;
        event.total = active.size;
        event.rate = progress.rate;
        event.transferId = progress.id;
        Q_EMIT machineEvent(event);
    }
    for (std::unique_ptr<TftpTransfer> &transfer : report.finished)
        finish(std::move(transfer));
}

void TftpServer::finish(std::unique_ptr<TftpTransfer> transfer)
{
    const auto it = m_transfers.find(transfer->id);
    if (it == m_transfers.end())
        return;
    const Active t = std::move(it->second);
    m_transfers.erase(it);
    m_transferByPeer.remove(t.peerKey);
    if (auto host = m_transfersByHost.find(t.peer); host != m_transfersByHost.end() && --host.value() <= 0)
        m_transfersByHost.erase(host);
    const Session &session = transfer->session;
    const qint64 elapsed = std::max<qint64>(m_clock.elapsed() - t.startedAt, 1);
    const qint64 bytes = session.bytesAcknowledged();

    MachineEvent event;
    switch (session.state()) {
    case Session::State::Done:
        count(QStringLiteral("served"));
        event = makeEvent(EventKind::TftpDone, QString(), t.peer, t.name);
        event.facts.insert(QStringLiteral("outcome"), QStringLiteral("done"));
        break;
    case Session::State::ClientEnded:
        count(QStringLiteral("client-ended"));
        event = makeEvent(EventKind::TftpDone, QString(), t.peer, t.name);
        event.facts.insert(QStringLiteral("outcome"), QStringLiteral("client-ended"));
        event.facts.insert(QStringLiteral("errorCode"), int(session.clientErrorCode()));
        event.facts.insert(QStringLiteral("errorMessage"), printable(session.clientErrorMessage()));
        event.failure = FailureCode::ClientEnded;
        break;
    default: {
        const QString reason = session.failure().isEmpty() ? QStringLiteral("failed") : session.failure();
        count(QStringLiteral("failed:") + reason);
        QString why;
        if (reason == QLatin1String("unanswered"))
            why = tr("%1: the first answer and its repeat were never acknowledged (a machine that asks "
                     "again is served; a forged request is not answered further)").arg(t.name);
        else if (reason == QLatin1String("timeout"))
            why = tr("%1: no acknowledgement for %2 s, the machine stopped answering")
                      .arg(t.name).arg(m_sessionConfig.deadlineMs / 1000.0);
        else if (reason == QLatin1String("client-gone"))
            why = tr("%1: the machine closed its port during the transfer").arg(t.name);
        else if (reason == QLatin1String("read-error"))
            why = tr("%1: the file could not be read (%2)").arg(t.name, t.path);
        else
            why = tr("%1: transfer ended (%2)").arg(t.name, reason);
        event = makeEvent(EventKind::TftpFailed, QString(), t.peer, why);
        event.facts.insert(QStringLiteral("outcome"), reason);
        event.failure = transferFailureCode(reason);
        qCInfo(lcTftp).noquote() << "transfer to" << t.peer.toString() << "failed:" << why;
        break;
    }
    }
    event.artifact = artifactOfName(t.name);
    event.bytes = bytes;
    event.total = session.fileSize();
    event.rate = bytes * 1000 / elapsed;
    event.transferId = transfer->id;
    event.facts.insert(QStringLiteral("retransmissions"), qulonglong(session.retransmissions()));
    Q_EMIT machineEvent(event);
}

void TftpServer::closeAll(bool report)
{
    if (m_pool) {
        // The workers stop first; what they reported and what they still held is then
        // this thread's alone.
        std::vector<std::unique_ptr<TftpTransfer>> left = m_pool->stop();
        TftpReport last = m_pool->take();
        m_pool.reset();
        if (report) {
            apply(last);
            for (std::unique_ptr<TftpTransfer> &transfer : left) {
                transfer->session.abort(QStringLiteral("stopped"));
                finish(std::move(transfer));
            }
        }
    }
    m_transfers.clear();
    m_transferByPeer.clear();
    m_transfersByHost.clear();
}

} // namespace Nbc
