#pragma once

#include "boot/bootsnapshot.h"
#include "model/bootfiles.h"
#include "protocol/dhcp/dhcppacket.h"

#include <QString>
#include <QVariantMap>

#include <optional>

namespace Nbc::Boot {

// Which of our sockets a DHCP message arrived on.
enum class DhcpPort {
    Dhcp,    // UDP 67: broadcast DISCOVER/REQUEST, seen next to the site's DHCP server
    Proxy,   // UDP 4011: PXE boot-server requests, unicast to us (PXE 2.1 2.2.6)
};

// What the client tells about itself, read once from its message.
struct ClientFacts {
    QString mac;                          // empty when chaddr is not Ethernet
    std::optional<Dhcp::MessageType> messageType;
    std::optional<quint16> arch;          // option 93
    QByteArray guid;                      // option 97, 16 bytes
    QString vendorClass;                  // option 60
    QStringList userClasses;              // option 77
    bool ipxeOptions = false;             // option 175 present
    quint32 ciaddr = 0;
    quint32 requestedAddress = 0;         // option 50, else ciaddr; 0 when neither
    DhcpPort port = DhcpPort::Dhcp;
    Firmware firmware = Firmware::Unknown;
    QString piSerial;                     // Raspberry Pi: its serial from option 97, when it holds one

    static ClientFacts fromPacket(const Dhcp::Packet &packet, DhcpPort port);
    // The facts of a DhcpDiscover/DhcpRequest event: arch, guid, vendorClass, userClass, firmware,
    // and a Raspberry Pi's serial.
    QVariantMap eventFacts() const;
};

// What to do with one message: a reply, or why there is none.
struct BootDecision {
    std::optional<Dhcp::Packet> reply;
    QString reason;       // no reply: a short key for the "dropped:<reason>" counter
    QString detail;       // no reply: a sentence for the event; reply: the boot file
    QString bootFile;
    ClientFacts facts;
};

// Pure: the same message, port and snapshot give the same decision (DESIGN.md, wire
// contract: proxy DHCP answers PXE clients only and never assigns an address).
BootDecision decideDhcp(const Dhcp::Packet &request, DhcpPort port, const BootSnapshot &snapshot);

// The boot file a client should get, or empty when we have none for its architecture.
QString bootFileFor(const ClientFacts &facts, const BootSnapshot &snapshot);

// Full DHCP mode: whether the client is one we boot and with which file, whatever its
// message type; reply stays empty. bootFile is empty (reason, detail set) for clients that
// are not PXE, UEFI HTTP or iPXE clients, or that we have no file for.
BootDecision decideBootFile(const Dhcp::Packet &request, DhcpPort port, const BootSnapshot &snapshot);

// Writes the boot information of decision (one with a bootFile) into reply: the same in a
// proxy reply and in a full-mode address offer, so a client is told the same either way.
void addBootInfo(Dhcp::Packet &reply, const Dhcp::Packet &request, const BootDecision &decision, quint32 server);

} // namespace Nbc::Boot
