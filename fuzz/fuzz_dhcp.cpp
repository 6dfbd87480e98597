// One DHCP datagram as the DHCP engines receive it on 67 and 4011: the codec, every typed
// view of the options, PXE sub-options, and the boot policy's answer built as the engine
// sends it. Seeds: tests/data/dhcp/*.hex (captured firmware and dnsmasq packets).

#include "fuzzinput.h"

#include "boot/bootpolicy.h"
#include "boot/bootsnapshot.h"
#include "protocol/dhcp/dhcpoptions.h"
#include "protocol/dhcp/dhcppacket.h"

#include <QHostAddress>

#include <cstdint>

using namespace Nbc;

namespace {

// Whatever went in must come back out: a packet built from a parsed one parses to the
// same packet (options joined and split again, RFC 3396; overload into file and sname).
void checkRoundTrip(const Dhcp::Packet &packet, int maxSize)
{
    const Dhcp::Result<QByteArray> built = packet.build(maxSize);
    if (!built)
        return;
    NBC_FUZZ_CHECK(built.value().size() <= qMax(maxSize, int(Dhcp::Packet::kBootpMinimumSize)));
    const Dhcp::Result<Dhcp::Packet> back = Dhcp::Packet::parse(built.value());
    NBC_FUZZ_CHECK(back.ok());
    NBC_FUZZ_CHECK(back.value() == packet);
}

void readViews(const Dhcp::Packet &packet)
{
    (void)packet.messageType();
    (void)packet.mac();
    (void)packet.clientArch();
    (void)packet.clientGuid();
    (void)packet.vendorClass();
    (void)packet.userClasses();
    (void)packet.requestedAddress();
    (void)packet.serverId();
    (void)packet.maxMessageSize();
    for (const Dhcp::Error &issue : packet.issues)
        (void)Dhcp::errorCodeName(issue.code);
    for (const quint8 code : packet.optionCodes())
        (void)Dhcp::optionName(code);
    if (const auto pxe = packet.option(Dhcp::OptionCode::VendorSpecific))
        (void)Dhcp::parsePxeVendorOptions(*pxe);
    if (const auto ipxe = packet.option(Dhcp::OptionCode::IpxeEncap)) {
        const auto subs = Dhcp::parseSubOptions(*ipxe);
        // Sub-options that parse are written back the same way.
        if (subs) {
            const auto again = Dhcp::parseSubOptions(Dhcp::buildSubOptions(subs.value()));
            NBC_FUZZ_CHECK(again.ok());
            NBC_FUZZ_CHECK(again.value() == subs.value());
        }
    }
}

// The size the engine builds its reply for (DhcpEngine::sendReply).
int replySizeFor(const Dhcp::Packet &request)
{
    int maxSize = Dhcp::Packet::kDefaultMaxSize;
    if (const auto clientMax = request.maxMessageSize())
        maxSize = qBound(int(Dhcp::Packet::kDefaultMaxSize), int(*clientMax) - 28, 1472);
    return maxSize;
}

const BootSnapshot &snapshot()
{
    static const BootSnapshot s = [] {
        BootSnapshot snap;
        snap.serverAddress = QHostAddress(QStringLiteral("10.77.0.1"));
        return snap;
    }();
    return s;
}

void decide(const Dhcp::Packet &request)
{
    for (const Boot::DhcpPort port : {Boot::DhcpPort::Dhcp, Boot::DhcpPort::Proxy}) {
        const Boot::BootDecision decision = Boot::decideDhcp(request, port, snapshot());
        (void)decision.facts.eventFacts();
        if (decision.reply) {
            // A proxy answer always fits what the client accepts: it is small and fixed.
            const Dhcp::Result<QByteArray> bytes = decision.reply->build(replySizeFor(request));
            NBC_FUZZ_CHECK(bytes.ok());
            NBC_FUZZ_CHECK(decision.reply->yiaddr == 0);   // proxy DHCP never assigns an address
        } else {
            NBC_FUZZ_CHECK(!decision.reason.isEmpty());
        }

        // Full mode: the same boot information in an address offer.
        const Boot::BootDecision file = Boot::decideBootFile(request, port, snapshot());
        if (!file.bootFile.isEmpty()) {
            Dhcp::Packet offer = request.makeReply(Dhcp::MessageType::Offer);
            offer.yiaddr = 0x0a4d0064;   // 10.77.0.100
            Boot::addBootInfo(offer, request, file, 0x0a4d0001);
            const Dhcp::Result<QByteArray> bytes = offer.build(replySizeFor(request));
            NBC_FUZZ_CHECK(bytes.ok());
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const Dhcp::Result<Dhcp::Packet> parsed = Dhcp::Packet::parse(NbcFuzz::rawBytes(data, size));
    if (!parsed) {
        NBC_FUZZ_CHECK(parsed.error().level == Dhcp::ErrorLevel::DropPacket);
        (void)Dhcp::errorCodeName(parsed.error().code);
        return 0;
    }
    const Dhcp::Packet &packet = parsed.value();
    readViews(packet);
    checkRoundTrip(packet, Dhcp::Packet::kDefaultMaxSize);
    checkRoundTrip(packet, 1472);
    checkRoundTrip(packet, 65507);
    decide(packet);
    return 0;
}
