#include "engine/dhcpserver.h"

#include <QDateTime>
#include <QDir>
#include <QNetworkInterface>
#include <QTimer>
#include <QtEndian>

namespace Nbc {

namespace {

using Dhcp::LeaseAnswer;
using Dhcp::MessageType;
using Dhcp::OptionCode;

constexpr int kSaveDelayMs = 1000;   // leases.json is written at most once a second

QByteArray u32(quint32 value)
{
    QByteArray data(4, '\0');
    qToBigEndian(value, data.data());
    return data;
}

quint32 ipv4(const QHostAddress &address)
{
    bool ok = false;
    const quint32 v4 = address.toIPv4Address(&ok);
    return ok ? v4 : 0;
}

} // namespace

DhcpServer::DhcpServer(QObject *parent)
    : DhcpEngine(QStringLiteral("dhcp-server"), parent)
{
}

DhcpServer::~DhcpServer()
{
    save();
}

QList<Boot::DhcpPort> DhcpServer::portsFor(const BootSnapshot &snapshot) const
{
    if (snapshot.mode == DhcpMode::Full)
        return {Boot::DhcpPort::Dhcp};
    return {};
}

bool DhcpServer::needsRestart(const BootSnapshot &old, const BootSnapshot &next) const
{
    return DhcpEngine::needsRestart(old, next) || old.dhcpRange != next.dhcpRange || old.netmask != next.netmask
        || old.workspaceDir != next.workspaceDir;
}

QString DhcpServer::describe() const
{
    return m_pool ? tr("leases %1").arg(m_pool->settings().range.toString()) : QString();
}

bool DhcpServer::prepare(QString *error, QString *fix)
{
    const BootSnapshot &s = snapshot();
    m_server = ipv4(s.serverAddress);
    m_ownMac = s.interfaceName.isEmpty()
        ? QString()
        : normalizeMac(QNetworkInterface::interfaceFromName(s.interfaceName).hardwareAddress());
    m_otherServers.clear();
    const quint32 netmask = ipv4(s.netmask);
    if (m_server == 0) {
        *error = tr("Full DHCP mode needs an IPv4 address of this computer to serve from.");
        *fix = tr("Give the interface an address, for example: sudo ip addr add 10.77.0.1/24 dev %1")
                   .arg(s.interfaceName.isEmpty() ? QStringLiteral("eth1") : s.interfaceName);
        return false;
    }
    const QString suggestion = Dhcp::suggestedRange(m_server, netmask);
    const QString rangeFix = tr("Set the addresses to hand out in netboot.yaml under network:, inside the "
                                "interface's subnet and without this computer's address, for example: "
                                "dhcpRange: %1").arg(suggestion);
    if (netmask == 0) {
        *error = tr("Full DHCP mode cannot tell the subnet of %1: no interface has that address.")
                     .arg(s.serverAddress.toString());
        *fix = tr("Serve on the interface that has the address (--interface NAME).");
        return false;
    }
    if (s.dhcpRange.trimmed().isEmpty()) {
        *error = tr("Full DHCP mode needs a range of addresses to hand out (network: dhcpRange:).");
        *fix = rangeFix;
        return false;
    }
    QString why;
    const std::optional<Dhcp::AddressRange> range = Dhcp::AddressRange::parse(s.dhcpRange, &why);
    if (range)
        why = Dhcp::checkRange(*range, m_server, netmask);
    if (!why.isEmpty()) {
        *error = tr("The DHCP range cannot be used: %1.").arg(why);
        *fix = rangeFix;
        return false;
    }

    Dhcp::LeasePool::Settings settings;
    settings.range = *range;
    settings.serverAddress = m_server;
    settings.netmask = netmask;
    m_pool = std::make_unique<Dhcp::LeasePool>(settings);
    m_file.reset();
    if (!s.workspaceDir.isEmpty()) {
        m_file.emplace(QDir(s.workspaceDir).filePath(leaseFileName()));
        QString warning;
        if (!m_file->load(*m_pool, &warning))
            count(QStringLiteral("lease-file:set-aside"));
        if (!warning.isEmpty())
            qWarning("%s", qPrintable(warning));
    }
    m_savedRevision = m_pool->revision();
    rememberDurable();
    if (!m_saveTimer) {
        m_saveTimer = new QTimer(this);
        m_saveTimer->setSingleShot(true);
        m_saveTimer->setInterval(kSaveDelayMs);
        connect(m_saveTimer, &QTimer::timeout, this, &DhcpServer::save);
    }
    return true;
}

void DhcpServer::finish()
{
    if (m_saveTimer)
        m_saveTimer->stop();
    save();
    m_pool.reset();
    m_file.reset();
}

void DhcpServer::scheduleSave()
{
    if (m_pool && m_file && m_pool->revision() != m_savedRevision && m_saveTimer && !m_saveTimer->isActive())
        m_saveTimer->start();
}

void DhcpServer::save()
{
    if (!m_pool || !m_file || m_pool->revision() == m_savedRevision)
        return;
    QString error;
    if (m_file->save(*m_pool, &error)) {
        m_savedRevision = m_pool->revision();
        rememberDurable();
    } else {
        count(QStringLiteral("lease-file:write-error"));
        qWarning("%s", qPrintable(error));
    }
}

void DhcpServer::rememberDurable()
{
    m_durable.clear();
    for (const Dhcp::Lease &lease : m_pool->leases()) {
        if (!lease.mac.isEmpty() && lease.state == Dhcp::LeaseState::Bound)
            m_durable.insert(lease.mac, lease.address);
    }
}

void DhcpServer::emitEvent(EventKind kind, const Boot::BootDecision &boot, quint32 peer, const QString &detail,
                           const LeaseAnswer *lease)
{
    // Only boot clients become machines (as in proxy mode); the network's other devices
    // get addresses and are counted, not reported.
    if (boot.reason == QLatin1String("not-pxe") || (kind == EventKind::DhcpIgnored && !reportAllowed()))
        return;
    MachineEvent event = makeEvent(kind, boot.facts.mac, peerAddress(peer), detail);
    event.facts = boot.facts.eventFacts();
    if (lease && lease->address) {
        event.facts.insert(QStringLiteral("lease"), Dhcp::ipv4ToString(lease->address));
        event.facts.insert(QStringLiteral("leaseSeconds"), lease->leaseSeconds);
    }
    if (kind == EventKind::DhcpIgnored || (lease && lease->kind == LeaseAnswer::Kind::Nak))
        event.facts.insert(QStringLiteral("reason"), lease ? lease->reason : detail);
    Q_EMIT machineEvent(event);
}

Dhcp::Packet DhcpServer::makeLeaseReply(const Dhcp::Packet &request, MessageType type, const LeaseAnswer &answer,
                                        const Boot::BootDecision &boot) const
{
    const BootSnapshot &s = snapshot();
    Dhcp::Packet reply = request.makeReply(type);
    reply.yiaddr = answer.address;
    reply.setAddressOption(OptionCode::ServerId, m_server);
    if (answer.leaseSeconds > 0) {
        // RFC 2131 4.4.5: renew at half the lease, rebind at seven eighths.
        const quint32 lease = quint32(std::min<qint64>(answer.leaseSeconds, 0xfffffffe));
        reply.setOption(OptionCode::LeaseTime, u32(lease));
        reply.setOption(OptionCode::RenewalTime, u32(lease / 2));
        reply.setOption(OptionCode::RebindingTime, u32(quint32(quint64(lease) * 7 / 8)));
    }
    reply.setAddressOption(OptionCode::SubnetMask, ipv4(s.netmask));
    // An isolated network has no router: offering one would send the machines' traffic
    // (and their DNS timeouts) into nowhere.
    if (const quint32 router = ipv4(s.router))
        reply.setAddressOption(OptionCode::Router, router);
    if (!boot.bootFile.isEmpty())
        Boot::addBootInfo(reply, request, boot, m_server);
    return reply;
}

void DhcpServer::handleDatagram(Listener &listener, const Datagram &datagram)
{
    const std::optional<Dhcp::Packet> parsed = parseRequest(datagram);
    if (!parsed || !m_pool)
        return;
    const Dhcp::Packet &request = *parsed;
    const Boot::BootDecision boot = Boot::decideBootFile(request, Boot::DhcpPort::Dhcp, snapshot());
    if (!boot.facts.messageType) {
        drop(QStringLiteral("bootp"));
        return;
    }
    if (boot.facts.mac.isEmpty()) {
        drop(QStringLiteral("not-ethernet"));   // leases are kept per MAC address
        return;
    }
    const QString &mac = boot.facts.mac;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    // The rogue-DHCP probe (RogueGuard) asks from the interface's own MAC: not a client,
    // and not a drop worth a person's attention either.
    if (!m_ownMac.isEmpty() && mac == m_ownMac) {
        count(QStringLiteral("own-probe"));
        return;
    }
    // Another server serves this segment: leave its clients to it. A machine we booted
    // keeps its lease: Talos asks for its address again without PXE, and its config is
    // served only to the address our lease gave it.
    if (snapshot().pxeClientsOnly && boot.reason == QLatin1String("not-pxe")) {
        const std::optional<Dhcp::Lease> lease = m_pool->leaseFor(mac);
        if (!lease || lease->state != Dhcp::LeaseState::Bound) {
            drop(QStringLiteral("pxe-only"));
            return;
        }
    }
    switch (*boot.facts.messageType) {
    case MessageType::Discover:
        answerDiscover(listener, datagram, request, boot);
        break;
    case MessageType::Request:
        answerRequest(listener, datagram, request, boot);
        break;
    case MessageType::Inform:
        answerInform(listener, datagram, request, boot);
        break;
    case MessageType::Decline:
        // RFC 2131 4.3.3: the client saw the address in use (ARP); keep it from everyone.
        if (m_pool->decline(mac, request.requestedAddress().value_or(0), now))
            count(QStringLiteral("declined"));
        else
            drop(QStringLiteral("decline-not-leased"));
        break;
    case MessageType::Release:
        if (m_pool->release(mac, request.ciaddr, now))
            count(QStringLiteral("released"));
        else
            drop(QStringLiteral("release-not-leased"));
        break;
    default:
        drop(QStringLiteral("unexpected-message"));
        break;
    }
    scheduleSave();
}

void DhcpServer::answerDiscover(Listener &listener, const Datagram &datagram, const Dhcp::Packet &request,
                                const Boot::BootDecision &boot)
{
    emitEvent(EventKind::DhcpDiscover, boot, datagram.fromAddress, {});
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const LeaseAnswer answer = m_pool->discover(boot.facts.mac, request.requestedAddress().value_or(0), now);
    if (answer.kind != LeaseAnswer::Kind::Offer) {
        drop(answer.reason);
        emitEvent(EventKind::DhcpIgnored, boot, 0,
                  tr("no free address in the DHCP range %1").arg(m_pool->settings().range.toString()), &answer);
        return;
    }
    const Dhcp::Packet reply = makeLeaseReply(request, MessageType::Offer, answer, boot);
    if (sendReply(listener, datagram, request, reply))
        emitEvent(EventKind::DhcpOffer, boot, answer.address, boot.bootFile, &answer);
}

void DhcpServer::answerRequest(Listener &listener, const Datagram &datagram, const Dhcp::Packet &request,
                               const Boot::BootDecision &boot)
{
    const QString &mac = boot.facts.mac;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    // SELECTING with another server's id: the client took that server's offer (RFC 2131
    // 4.3.2); ours is free again.
    if (const auto serverId = request.serverId(); serverId && *serverId != m_server) {
        m_pool->releaseOffer(mac, now);
        drop(QStringLiteral("for-other-server"));
        noteOtherServer(*serverId, QStringLiteral("request"));
        return;
    }
    const LeaseAnswer answer = m_pool->request(mac, boot.facts.requestedAddress, now);
    switch (answer.kind) {
    case LeaseAnswer::Kind::Ack: {
        // The leased address: how the registry learns the machine's IP in full mode.
        emitEvent(EventKind::DhcpRequest, boot, answer.address, {}, &answer);
        Q_EMIT addressLearned(mac, QHostAddress(answer.address));
        // A new binding is on disk before the client can use it; a renewal of a known one
        // is written with the next batch.
        if (m_file && m_durable.value(mac) != answer.address) {
            if (m_saveTimer)
                m_saveTimer->stop();
            save();
        }
        const Dhcp::Packet reply = makeLeaseReply(request, MessageType::Ack, answer, boot);
        if (sendReply(listener, datagram, request, reply))
            emitEvent(EventKind::DhcpAck, boot, answer.address, boot.bootFile, &answer);
        return;
    }
    case LeaseAnswer::Kind::Nak: {
        // RFC 2131 4.3.2: the client's idea of its address is wrong; it starts over with a DISCOVER.
        count(QStringLiteral("nak:") + answer.reason);
        emitEvent(EventKind::DhcpRequest, boot, 0, {}, &answer);
        Dhcp::Packet nak = request.makeReply(MessageType::Nak);
        nak.setAddressOption(OptionCode::ServerId, m_server);
        sendReply(listener, datagram, request, nak);
        return;
    }
    case LeaseAnswer::Kind::Offer:
    case LeaseAnswer::Kind::None:
        drop(answer.reason);
        return;
    }
}

void DhcpServer::replyFromOtherServer(const Dhcp::Packet &reply, const Datagram &datagram)
{
    const std::optional<quint32> serverId = reply.serverId();
    noteOtherServer(serverId && *serverId ? *serverId : datagram.fromAddress, QStringLiteral("reply"));
}

void DhcpServer::noteOtherServer(quint32 server, const QString &evidence)
{
    if (server == 0 || server == m_server || server == 0xffffffff)
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const auto it = m_otherServers.constFind(server);
    if (it != m_otherServers.cend() && now - *it < kOtherServerReportMs)
        return;
    if (m_otherServers.size() >= 256)
        m_otherServers.clear();   // bounded: forged server ids are many, real servers few
    m_otherServers.insert(server, now);
    Q_EMIT otherServerSeen(QHostAddress(server), evidence);
}

// RFC 2131 3.4: a client with an address of its own asks for the other parameters (and
// for iPXE, the boot information): an ACK without an address or lease time.
void DhcpServer::answerInform(Listener &listener, const Datagram &datagram, const Dhcp::Packet &request,
                              const Boot::BootDecision &boot)
{
    LeaseAnswer none;
    none.kind = LeaseAnswer::Kind::Ack;
    const Dhcp::Packet reply = makeLeaseReply(request, MessageType::Ack, none, boot);
    if (sendReply(listener, datagram, request, reply))
        emitEvent(EventKind::DhcpAck, boot, request.ciaddr, boot.bootFile);
}

} // namespace Nbc
