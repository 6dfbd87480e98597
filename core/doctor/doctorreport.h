#pragma once

#include "boot/bootsnapshot.h"
#include "doctor/bindpermission.h"
#include "doctor/dhcpanswer.h"
#include "doctor/dhcpprobe.h"
#include "doctor/firewallcheck.h"
#include "doctor/interfaceinfo.h"
#include "doctor/portowner.h"
#include "doctor/transport.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

namespace Nbc::Doctor {

// Which DHCP mode suits the segment, and why.
struct Recommendation {
    // What it was decided on; `why` is made from it for people.
    enum class Basis {
        DhcpServerAnswered,     // a DHCP server offered an address: proxy mode next to it
        NoDhcpServer,           // nobody offers addresses (an isolated switch): full mode
        NotProbed,              // the probe could not run: proxy, the mode that cannot harm a LAN
        NoInterface,            // the interface does not exist
    };

    DhcpMode mode = DhcpMode::Proxy;
    Basis basis = Basis::NotProbed;
    QString dhcpRange;              // full mode: "10.77.0.100-10.77.0.199"; empty when no address to derive it from
    QHostAddress serverAddress;     // the interface's address to serve on; null when it has none
    bool secondNetbootServer = false;   // another netboot server answers PXE clients here
    QString why;
};

// A range for full DHCP mode inside the subnet of address/prefixLength that leaves the
// address out: .100-.199 of the /24 it is in (.20-.99 when the address is in that part);
// in a smaller subnet, the half of its hosts that does not hold the address. Empty when
// the subnet is too small (/31, /32) or the address is not IPv4.
QString suggestDhcpRange(const QHostAddress &address, int prefixLength);

// Everything the doctor found about one interface, and what it recommends.
struct DoctorReport {
    Q_DECLARE_TR_FUNCTIONS(DoctorReport)
public:
    QDateTime time;                 // when the report was made (UTC)
    QString interfaceName;
    InterfaceInfo interface;
    bool interfaceFound = false;
    QList<DhcpAnswer> answers;
    bool probed = false;            // the DISCOVER went out and the wait ended
    DhcpProbe::Failure probeFailure = DhcpProbe::Failure::None;
    QString probeError;
    int malformedReplies = 0;
    QList<ServicePort> ports;       // what was checked
    QList<PortOwner> owners;
    BindPermission permission;
    FirewallFinding firewall;
    Recommendation recommendation;

    // Answers from servers that hand out addresses / from other netboot servers.
    QList<DhcpAnswer> dhcpServers() const;
    QList<DhcpAnswer> netbootServers() const;

    // Fills recommendation from the interface and the answers.
    void recommend();

    // The report for a terminal: a few lines per finding, each with what to do.
    QString toText() const;
    // One object per finding, each with "event" ("doctor-interface", "doctor-dhcp-probe",
    // "doctor-dhcp-server", "doctor-port", "doctor-permission", "doctor-firewall",
    // "doctor-recommendation") and "time"; stable keys beside the sentence in "detail".
    QList<QJsonObject> toJsonLines() const;
};

// "no-such-interface", "no-permission", "port-in-use", "socket-error"; empty for None.
QString probeFailureKey(DhcpProbe::Failure failure);
// "dhcp-server-answered", "no-dhcp-server", "not-probed", "no-interface".
QString basisKey(Recommendation::Basis basis);

} // namespace Nbc::Doctor

Q_DECLARE_METATYPE(Nbc::Doctor::DoctorReport)
