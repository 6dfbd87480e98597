#include "doctor/interfaceinfo.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QNetworkInterface>

namespace Nbc::Doctor {

namespace {

// include/uapi/linux/if_arp.h and if.h
constexpr int kArphrdEther = 1;
constexpr int kArphrdLoopback = 772;
constexpr uint kIffUp = 0x1;

QString readLine(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    // Reading carrier of a down interface fails with EINVAL: empty, as if absent.
    return QString::fromLatin1(file.readLine(256)).trimmed();
}

QHash<QString, QStringList> kernelIpv4Addresses()
{
    QHash<QString, QStringList> out;
    const QList<QNetworkInterface> interfaces = QNetworkInterface::allInterfaces();
    for (const QNetworkInterface &iface : interfaces) {
        QStringList &list = out[iface.name()];
        for (const QNetworkAddressEntry &entry : iface.addressEntries()) {
            if (entry.ip().protocol() == QAbstractSocket::IPv4Protocol)
                list << QStringLiteral("%1/%2").arg(entry.ip().toString()).arg(entry.prefixLength());
        }
    }
    return out;
}

InterfaceInfo readInterface(const QDir &root, const QString &name, const QStringList &ipv4)
{
    const QString dir = root.filePath(name) + QLatin1Char('/');
    InterfaceInfo info;
    info.name = name;
    info.ipv4 = ipv4;

    bool typeKnown = false;
    const int type = readLine(dir + QStringLiteral("type")).toInt(&typeKnown);
    if (name == QLatin1String("lo") || (typeKnown && type == kArphrdLoopback))
        info.kind = InterfaceKind::Loopback;
    else if (QFileInfo::exists(dir + QStringLiteral("wireless")) || QFileInfo::exists(dir + QStringLiteral("phy80211")))
        info.kind = InterfaceKind::Wifi;
    else if (QFileInfo::exists(dir + QStringLiteral("bridge")))
        info.kind = InterfaceKind::Bridge;
    else if (!QFileInfo::exists(dir + QStringLiteral("device")))
        info.kind = InterfaceKind::Virtual;     // veth, tun/tap, docker0's peers, dummy, ...
    else if (!typeKnown || type == kArphrdEther)
        info.kind = InterfaceKind::Ethernet;
    else
        info.kind = InterfaceKind::Other;       // InfiniBand, raw-IP modems, CAN, ...

    const QString operstate = readLine(dir + QStringLiteral("operstate"));
    bool flagsKnown = false;
    const uint ifFlags = readLine(dir + QStringLiteral("flags")).toUInt(&flagsKnown, 16);
    info.up = flagsKnown ? (ifFlags & kIffUp) != 0 : (operstate == QLatin1String("up") || operstate == QLatin1String("unknown"));
    const QString carrier = readLine(dir + QStringLiteral("carrier"));
    info.carrier = info.up && (carrier.isEmpty() ? operstate == QLatin1String("up") : carrier == QLatin1String("1"));
    const QString mac = readLine(dir + QStringLiteral("address")).toLower();
    if (mac != QLatin1String("00:00:00:00:00:00"))
        info.mac = mac;

    switch (info.kind) {
    case InterfaceKind::Loopback: info.flags << InterfaceFlag::Loopback; break;
    case InterfaceKind::Wifi: info.flags << InterfaceFlag::Wireless; break;
    case InterfaceKind::Bridge: info.flags << InterfaceFlag::Bridge; break;
    case InterfaceKind::Virtual: info.flags << InterfaceFlag::Virtual; break;
    case InterfaceKind::Ethernet:
    case InterfaceKind::Other: break;
    }
    if (!info.up)
        info.flags << InterfaceFlag::Down;
    else if (!info.carrier)
        info.flags << InterfaceFlag::NoCarrier;
    if (info.ipv4.isEmpty())
        info.flags << InterfaceFlag::NoAddress;
    return info;
}

} // namespace

QList<InterfaceInfo> listInterfaces(const QString &sysClassNet)
{
    return listInterfaces(sysClassNet, kernelIpv4Addresses());
}

QList<InterfaceInfo> listInterfaces(const QString &sysClassNet, const QHash<QString, QStringList> &ipv4ByName)
{
    const QDir root(sysClassNet);
    // Entries of /sys/class/net are symbolic links to the device folders.
    const QStringList names = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    QList<InterfaceInfo> out;
    for (const QString &name : names)
        out.append(readInterface(root, name, ipv4ByName.value(name)));

    // Machines boot over a cable; an address is not needed (full mode can be given one)
    // but one that has it is most likely the rack's link.
    auto usable = [](const InterfaceInfo &i) { return i.kind == InterfaceKind::Ethernet && i.up && i.carrier; };
    qsizetype best = -1;
    for (qsizetype i = 0; i < out.size(); ++i) {
        if (!usable(out[i]))
            continue;
        if (best < 0 || (out[best].ipv4.isEmpty() && !out[i].ipv4.isEmpty()))
            best = i;
    }
    if (best >= 0)
        out[best].recommended = true;
    return out;
}

QString InterfaceInfo::describe() const
{
    QStringList parts;
    parts << interfaceKindName(kind);
    if (!up)
        parts << tr("down");
    else
        parts << (carrier ? tr("up, link detected") : tr("up, no link (is the cable in?)"));
    if (!ipv4.isEmpty())
        parts << ipv4.join(QLatin1String(", "));
    else
        parts << tr("no IPv4 address");
    if (!mac.isEmpty())
        parts << mac;
    QString line = name + QStringLiteral(": ") + parts.join(QLatin1String(", "));
    if (recommended)
        line += QLatin1Char(' ') + tr("(recommended)");
    return line;
}

QString interfaceKindName(InterfaceKind kind)
{
    switch (kind) {
    case InterfaceKind::Ethernet: return InterfaceInfo::tr("Ethernet");
    case InterfaceKind::Wifi: return InterfaceInfo::tr("Wi-Fi");
    case InterfaceKind::Bridge: return InterfaceInfo::tr("bridge");
    case InterfaceKind::Virtual: return InterfaceInfo::tr("virtual");
    case InterfaceKind::Loopback: return InterfaceInfo::tr("loopback");
    case InterfaceKind::Other: return InterfaceInfo::tr("other");
    }
    return {};
}

QString flagText(InterfaceFlag flag)
{
    switch (flag) {
    case InterfaceFlag::Wireless:
        return InterfaceInfo::tr("Wi-Fi: machines cannot network-boot over it; choose the wired interface of the rack's switch");
    case InterfaceFlag::Virtual:
        return InterfaceInfo::tr("virtual (a container, VPN or veth link): choose it only if the machines are on it");
    case InterfaceFlag::Bridge:
        return InterfaceInfo::tr("a bridge: fine if the rack's cable is one of its ports");
    case InterfaceFlag::Down:
        return InterfaceInfo::tr("down: bring it up (sudo ip link set <name> up) or choose another");
    case InterfaceFlag::NoCarrier:
        return InterfaceInfo::tr("no link: plug the cable into the switch and check that the switch is on");
    case InterfaceFlag::NoAddress:
        return InterfaceInfo::tr("no IPv4 address: give it one (full DHCP mode) or connect it to the LAN's DHCP server");
    case InterfaceFlag::Loopback:
        return InterfaceInfo::tr("loopback: only this computer can reach it");
    }
    return {};
}

QString interfaceKindKey(InterfaceKind kind)
{
    switch (kind) {
    case InterfaceKind::Ethernet: return QStringLiteral("ethernet");
    case InterfaceKind::Wifi: return QStringLiteral("wifi");
    case InterfaceKind::Bridge: return QStringLiteral("bridge");
    case InterfaceKind::Virtual: return QStringLiteral("virtual");
    case InterfaceKind::Loopback: return QStringLiteral("loopback");
    case InterfaceKind::Other: return QStringLiteral("other");
    }
    return {};
}

QString flagKey(InterfaceFlag flag)
{
    switch (flag) {
    case InterfaceFlag::Wireless: return QStringLiteral("wireless");
    case InterfaceFlag::Virtual: return QStringLiteral("virtual");
    case InterfaceFlag::Bridge: return QStringLiteral("bridge");
    case InterfaceFlag::Down: return QStringLiteral("down");
    case InterfaceFlag::NoCarrier: return QStringLiteral("no-carrier");
    case InterfaceFlag::NoAddress: return QStringLiteral("no-address");
    case InterfaceFlag::Loopback: return QStringLiteral("loopback");
    }
    return {};
}

} // namespace Nbc::Doctor
