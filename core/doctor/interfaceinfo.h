#pragma once

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace Nbc::Doctor {

enum class InterfaceKind { Ethernet, Wifi, Bridge, Virtual, Loopback, Other };

// Why an interface is a poor choice for serving machines; a wired interface that is up,
// has a carrier and an IPv4 address has none.
enum class InterfaceFlag { Wireless, Virtual, Bridge, Down, NoCarrier, NoAddress, Loopback };

// One network interface as the wizard and the doctor show it.
struct InterfaceInfo {
    Q_DECLARE_TR_FUNCTIONS(InterfaceInfo)
public:
    QString name;
    InterfaceKind kind = InterfaceKind::Other;
    bool up = false;            // administratively up (IFF_UP)
    bool carrier = false;       // a cable is in and the other end answers
    QStringList ipv4;           // "10.77.0.1/24"
    QString mac;                // "aa:bb:cc:dd:ee:ff", empty when it has none
    QList<InterfaceFlag> flags;
    bool recommended = false;

    bool hasFlag(InterfaceFlag flag) const { return flags.contains(flag); }
    // "eth1: Ethernet, up, cable connected, 10.77.0.1/24 (recommended)"
    QString describe() const;
};

// Every interface of sysClassNet (/sys/class/net), with the kind read from sysfs (wireless/
// or phy80211/: Wi-Fi; bridge/: bridge; no device link: virtual, as veth, tun, docker0),
// the state from flags, carrier and operstate, and the IPv4 addresses from the kernel.
// The recommended one is the first wired interface that is up with a carrier, preferring
// one that has an IPv4 address.
QList<InterfaceInfo> listInterfaces(const QString &sysClassNet = QStringLiteral("/sys/class/net"));
// The same, with the IPv4 addresses given ("name" → {"10.77.0.1/24"}): for a sysfs tree
// made by a test, whose names the kernel does not know.
QList<InterfaceInfo> listInterfaces(const QString &sysClassNet, const QHash<QString, QStringList> &ipv4ByName);

// For display: "Ethernet", "Wi-Fi", "bridge", ...
QString interfaceKindName(InterfaceKind kind);
// For display: "wireless: machines cannot network-boot over Wi-Fi", ...
QString flagText(InterfaceFlag flag);
// Stable keys for JSON lines: "ethernet", "wifi", "bridge", "virtual", "loopback", "other".
QString interfaceKindKey(InterfaceKind kind);
// "wireless", "virtual", "bridge", "down", "no-carrier", "no-address", "loopback".
QString flagKey(InterfaceFlag flag);

} // namespace Nbc::Doctor
