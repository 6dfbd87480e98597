#include "boot/bootpolicy.h"

#include "boot/raspberrypi.h"

#include <QUuid>

namespace Nbc::Boot {

namespace {

using Dhcp::MessageType;
using Dhcp::OptionCode;

// RFC 4578 2.1 / IANA "Processor Architecture Types".
constexpr quint16 kArchBios = 0;
constexpr quint16 kArchEfiBc = 7;      // EFI byte code: what OVMF and most x64 firmware send
constexpr quint16 kArchEfiX64 = 9;
constexpr quint16 kArchEfiX64Http = 16;

const QByteArray kPxeClient = QByteArrayLiteral("PXEClient");
const QByteArray kHttpClient = QByteArrayLiteral("HTTPClient");

BootDecision noReply(BootDecision d, const QString &reason, const QString &detail)
{
    d.reply.reset();
    d.reason = reason;
    d.detail = detail;
    return d;
}

} // namespace

ClientFacts ClientFacts::fromPacket(const Dhcp::Packet &packet, DhcpPort port)
{
    ClientFacts f;
    f.mac = packet.mac();
    f.messageType = packet.messageType();
    f.arch = packet.clientArch();
    f.guid = packet.clientGuid();
    f.vendorClass = packet.vendorClass();
    f.userClasses = packet.userClasses();
    f.ipxeOptions = packet.hasOption(OptionCode::IpxeEncap);
    f.ciaddr = packet.ciaddr;
    f.requestedAddress = packet.requestedAddress().value_or(packet.ciaddr);
    f.port = port;

    // iPXE identifies itself whatever the architecture (it also sends option 93):
    // checked first so that it is handed the script and never chain-loads itself.
    if (f.userClasses.contains(QLatin1String("iPXE")) || f.ipxeOptions)
        f.firmware = Firmware::Ipxe;
    // The Pi bootloader sends a BIOS PC's arch and vendor class (boot-net.adoc): told apart
    // by its OUI or its option 97, so PCs with the same UNDI ROM strings stay BIOS.
    else if ((!f.arch || *f.arch == kArchBios)
             && (RaspberryPi::isRaspberryPiMac(f.mac) || RaspberryPi::hasRaspberryPiGuid(f.guid)))
        f.firmware = Firmware::RaspberryPi;
    else if (!f.arch || *f.arch == kArchBios)
        f.firmware = Firmware::Bios;   // PXE 2.1 ROMs that omit option 93 are BIOS ROMs
    else if (*f.arch == kArchEfiBc || *f.arch == kArchEfiX64)
        f.firmware = Firmware::Uefi;
    else if (*f.arch == kArchEfiX64Http)
        f.firmware = Firmware::UefiHttp;
    if (f.firmware == Firmware::RaspberryPi)
        f.piSerial = RaspberryPi::serialFromGuid(f.guid);
    return f;
}

QVariantMap ClientFacts::eventFacts() const
{
    QVariantMap m;
    if (arch)
        m.insert(QStringLiteral("arch"), int(*arch));
    if (guid.size() == 16)
        m.insert(QStringLiteral("guid"), QUuid::fromRfc4122(guid).toString(QUuid::WithoutBraces));
    if (!vendorClass.isEmpty())
        m.insert(QStringLiteral("vendorClass"), vendorClass);
    if (!userClasses.isEmpty())
        m.insert(QStringLiteral("userClass"), userClasses.join(QLatin1Char(',')));
    m.insert(QStringLiteral("firmware"), firmwareName(firmware));
    if (!piSerial.isEmpty())
        m.insert(QStringLiteral("serial"), piSerial);
    return m;
}

QString bootFileFor(const ClientFacts &facts, const BootSnapshot &snapshot)
{
    switch (facts.firmware) {
    case Firmware::Ipxe: return snapshot.httpBaseUrl() + QStringLiteral("/boot.ipxe");
    case Firmware::Bios: return ipxeBinaryName(IpxeBinary::Undionly);
    case Firmware::Uefi: return ipxeBinaryName(IpxeBinary::IpxeEfi);
    case Firmware::UefiHttp: return snapshot.httpBaseUrl() + u'/' + ipxeBinaryName(IpxeBinary::IpxeEfi);
    case Firmware::RaspberryPi:   // no boot file: a PXE menu (addBootInfo); it asks start4.elf itself
    case Firmware::Unknown: return {};
    }
    return {};
}

namespace {

bool isHttpClient(const ClientFacts &f)
{
    return f.vendorClass.toLatin1().startsWith(kHttpClient);
}

// The parts of a decision that do not depend on the message type, in the order their
// reasons are reported.
bool refuseNonBootClient(BootDecision &d, const Dhcp::Packet &request)
{
    const ClientFacts &f = d.facts;
    if (request.op != Dhcp::Packet::kBootRequest) {
        d = noReply(d, QStringLiteral("not-request"), QStringLiteral("a BOOTREPLY from another server"));
        return true;
    }
    if (!f.messageType) {
        d = noReply(d, QStringLiteral("bootp"), QStringLiteral("plain BOOTP, not DHCP"));
        return true;
    }
    // Only PXE and UEFI HTTP clients are ours; every other client belongs to the site's
    // DHCP server (PXE 2.1 2.2.5: a proxy answers "PXEClient" only).
    const QByteArray vendor = f.vendorClass.toLatin1();
    if (!vendor.startsWith(kPxeClient) && !isHttpClient(f)) {
        d = noReply(d, QStringLiteral("not-pxe"), QStringLiteral("not a PXE client (vendor class '%1')").arg(f.vendorClass));
        return true;
    }
    return false;
}

bool refuseWithoutFile(BootDecision &d, const BootSnapshot &snapshot, quint32 *server)
{
    const ClientFacts &f = d.facts;
    if (f.firmware == Firmware::UefiHttp && !isHttpClient(f)) {
        d = noReply(d, QStringLiteral("unsupported-arch"),
                    QStringLiteral("architecture 16 (HTTP boot) without the HTTPClient vendor class"));
        return true;
    }
    const QString file = f.firmware == Firmware::RaspberryPi ? RaspberryPi::bootMenuItem() : bootFileFor(f, snapshot);
    if (file.isEmpty()) {
        d = noReply(d, QStringLiteral("unsupported-arch"),
                    QStringLiteral("no boot file for client architecture %1").arg(f.arch.value_or(0)));
        return true;
    }
    bool isV4 = false;
    *server = snapshot.serverAddress.toIPv4Address(&isV4);
    if (!isV4 || *server == 0) {
        d = noReply(d, QStringLiteral("no-server-address"), QStringLiteral("no IPv4 server address to offer"));
        return true;
    }
    d.bootFile = file;
    d.detail = file;
    return false;
}

} // namespace

BootDecision decideBootFile(const Dhcp::Packet &request, DhcpPort port, const BootSnapshot &snapshot)
{
    BootDecision d;
    d.facts = ClientFacts::fromPacket(request, port);
    quint32 server = 0;
    if (!refuseNonBootClient(d, request))
        refuseWithoutFile(d, snapshot, &server);
    return d;
}

void addBootInfo(Dhcp::Packet &reply, const Dhcp::Packet &request, const BootDecision &decision, quint32 server)
{
    const ClientFacts &f = decision.facts;
    reply.siaddr = server;            // next server: where TFTP fetches the file
    reply.setAddressOption(OptionCode::ServerId, server);
    // UEFI 2.x 24.7: an HTTP boot offer must say "HTTPClient", or the client ignores it.
    reply.setOption(OptionCode::VendorClass, isHttpClient(f) ? kHttpClient : kPxeClient);
    if (f.firmware == Firmware::RaspberryPi) {
        // As dnsmasq answers `pxe-service=0,"Raspberry Pi Boot"`: no file, the PXE menu the
        // bootloader looks for; it then reads start4.elf (Pi 4) over TFTP from siaddr.
        reply.setOption(OptionCode::VendorSpecific, RaspberryPi::bootMenuOption());
    } else {
        const QByteArray fileBytes = decision.bootFile.toUtf8();
        if (fileBytes.size() < Dhcp::Packet::kFileSize)
            reply.file = fileBytes;       // BOOTP ROMs read the field, not option 67
        reply.setOption(OptionCode::BootFileName, fileBytes);
    }
    if (const auto guid = request.option(OptionCode::ClientGuid))
        reply.setOption(OptionCode::ClientGuid, *guid);   // PXE 2.1: echoed when sent

    // Option 43 only for BIOS PXE ROMs on port 67: discovery control 8 (PXE 2.1 2.4.2,
    // bit 3: skip boot-server discovery, boot the file in this offer). UEFI PXE gets no
    // option 43, so OVMF asks again on 4011; iPXE gets none so it never shows a PXE menu.
    if (f.firmware == Firmware::Bios && f.port == DhcpPort::Dhcp) {
        reply.setOption(OptionCode::VendorSpecific,
                        Dhcp::buildSubOptions({{quint8(Dhcp::PxeSubOption::DiscoveryControl), QByteArray(1, char(8))}}));
    }
}

BootDecision decideDhcp(const Dhcp::Packet &request, DhcpPort port, const BootSnapshot &snapshot)
{
    BootDecision d;
    d.facts = ClientFacts::fromPacket(request, port);
    const ClientFacts &f = d.facts;
    if (refuseNonBootClient(d, request))
        return d;

    MessageType replyType;
    const MessageType type = *f.messageType;
    if (port == DhcpPort::Dhcp && type == MessageType::Discover) {
        replyType = MessageType::Offer;
    } else if (type == MessageType::Request) {
        // 4011: PXE boot-server discovery. 67: a proxy ACK with the same boot info;
        // harmless (clients match option 54 against the server they chose) and some
        // ROMs wait for it.
        replyType = MessageType::Ack;
    } else {
        return noReply(d, QStringLiteral("unexpected-message"),
                       QStringLiteral("%1 on port %2").arg(Dhcp::messageTypeName(type))
                           .arg(port == DhcpPort::Dhcp ? snapshot.ports.dhcp : snapshot.ports.proxy));
    }

    quint32 server = 0;
    if (refuseWithoutFile(d, snapshot, &server))
        return d;
    // A REQUEST on 67 naming our own address as its server is meant for a DHCP server
    // on this host (full mode, or dnsmasq next to us). Measured with OVMF 2022.11: our
    // yiaddr-0 ACK, arriving first with the same server id, is taken as that server's
    // ACK and PXE fails with PXE-E07.
    if (port == DhcpPort::Dhcp && type == MessageType::Request && request.serverId() == server) {
        return noReply(d, QStringLiteral("request-for-local-server"),
                       QStringLiteral("DHCPREQUEST for the DHCP server at our own address"));
    }

    Dhcp::Packet reply = request.makeReply(replyType);
    reply.yiaddr = 0;                 // proxy DHCP never assigns an address
    addBootInfo(reply, request, d, server);
    d.reply = reply;
    return d;
}

} // namespace Nbc::Boot
