#include "engine/dhcpproxy.h"

namespace Nbc {

DhcpProxy::DhcpProxy(QObject *parent)
    : DhcpEngine(QStringLiteral("dhcp-proxy"), parent)
{
}

QList<Boot::DhcpPort> DhcpProxy::portsFor(const BootSnapshot &snapshot) const
{
    if (snapshot.mode == DhcpMode::Full)
        return {Boot::DhcpPort::Proxy};
    return {Boot::DhcpPort::Dhcp, Boot::DhcpPort::Proxy};
}

void DhcpProxy::handleDatagram(Listener &listener, const Datagram &datagram)
{
    const std::optional<Dhcp::Packet> parsed = parseRequest(datagram);
    if (!parsed)
        return;
    const Dhcp::Packet &request = *parsed;

    const BootSnapshot &s = snapshot();
    const Boot::BootDecision decision = Boot::decideDhcp(request, listener.port, s);
    // The answer goes first: the firmware waits for it, the registry can wait for the
    // events (building their facts and queueing them costs more than the reply).
    std::optional<quint32> to;
    if (decision.reply)
        to = sendReply(listener, datagram, request, *decision.reply);

    const Boot::ClientFacts &facts = decision.facts;
    const QVariantMap eventFacts = facts.eventFacts();
    const QHostAddress from = peerAddress(datagram.fromAddress);
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
        if (facts.requestedAddress != 0 && facts.requestedAddress != 0xffffffff)
            Q_EMIT addressLearned(facts.mac, event.peer);
    }

    if (!decision.reply) {
        drop(decision.reason);
        if (!reportAllowed())
            return;
        MachineEvent event = makeEvent(EventKind::DhcpIgnored, facts.mac, from, decision.detail);
        event.facts = eventFacts;
        event.facts.insert(QStringLiteral("reason"), decision.reason);
        Q_EMIT machineEvent(event);
        return;
    }
    if (!to)
        return;
    const Dhcp::MessageType replyType = decision.reply->messageType().value_or(Dhcp::MessageType::Offer);
    MachineEvent event = makeEvent(replyType == Dhcp::MessageType::Offer ? EventKind::DhcpOffer : EventKind::DhcpAck,
                                   facts.mac, peerAddress(*to == 0xffffffff ? facts.requestedAddress : *to),
                                   decision.bootFile);
    event.facts = eventFacts;
    event.facts.insert(QStringLiteral("port"), listener.number);
    Q_EMIT machineEvent(event);
}

} // namespace Nbc
