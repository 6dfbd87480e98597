#pragma once

#include <QCoreApplication>
#include <QHostAddress>
#include <QMetaType>
#include <QString>

namespace Nbc::Dhcp {
class Packet;
}

namespace Nbc::Doctor {

// One DHCPOFFER the probe received: who sent it and what a PXE ROM would have been told.
struct DhcpAnswer {
    Q_DECLARE_TR_FUNCTIONS(DhcpAnswer)
public:
    QHostAddress server;        // option 54, else the datagram's source
    QHostAddress source;        // the datagram's source address
    QHostAddress offered;       // yiaddr; null for a proxy offer
    QHostAddress subnetMask;    // option 1
    QHostAddress router;        // first address of option 3
    QString subnet;             // "192.168.1.0/24", from offered (or server) and subnetMask
    QHostAddress nextServer;    // siaddr, or option 66 when it is an address
    QString tftpServerName;     // option 66 as sent (a name or an address)
    QString bootFile;           // the file field or option 67
    QString vendorClass;        // option 60 as sent
    bool pxeVendor = false;     // option 60 "PXEClient" or option 43 present
    bool fromThisHost = false;  // the server is an address of this computer (a console already running?)

    // No address offered: a proxy DHCP (PXE 2.1 2.2.5), i.e. a netboot server.
    bool isProxy() const { return offered.isNull(); }
    // It tells clients what to boot: a boot file, a TFTP server name or PXE options. siaddr
    // alone does not count: many home routers fill it with their own address.
    bool sendsBootOptions() const;
    // Another netboot server answers PXE clients on this segment: a proxy offer or boot options.
    bool isNetbootServer() const { return isProxy() || sendsBootOptions(); }
    // One line for a person: "192.168.1.1 offers 192.168.1.57 (192.168.1.0/24, router 192.168.1.1)"
    QString describe() const;

    // The answer an OFFER holds; source is where the datagram came from.
    static DhcpAnswer fromPacket(const Dhcp::Packet &offer, const QHostAddress &source);
    bool operator==(const DhcpAnswer &other) const = default;
};

// "a.b.c.d/n" of the network address and mask; empty when either is not IPv4.
QString subnetOf(const QHostAddress &address, const QHostAddress &mask);

} // namespace Nbc::Doctor

Q_DECLARE_METATYPE(Nbc::Doctor::DhcpAnswer)
