#include "doctor/doctorreport.h"

#include "inventory/workspace.h"

#include <QJsonArray>

namespace Nbc::Doctor {

namespace {

QJsonObject line(const DoctorReport &report, const QString &event)
{
    QJsonObject o;
    o.insert(QLatin1String("time"), report.time.toUTC().toString(Qt::ISODateWithMs));
    o.insert(QLatin1String("event"), event);
    o.insert(QLatin1String("interface"), report.interfaceName);
    return o;
}

void insertAddress(QJsonObject *o, const char *key, const QHostAddress &address)
{
    if (!address.isNull())
        o->insert(QLatin1String(key), address.toString());
}

QString portKey(Transport transport, quint16 port)
{
    return transportName(transport) + QLatin1Char('/') + QString::number(port);
}

// The interface's IPv4 address and prefix; the one inside `subnet` when it has several.
std::optional<QPair<QHostAddress, int>> interfaceAddress(const InterfaceInfo &info, const QString &subnet)
{
    std::optional<QPair<QHostAddress, int>> first;
    for (const QString &cidr : info.ipv4) {
        const QPair<QHostAddress, int> parsed = QHostAddress::parseSubnet(cidr);
        const QHostAddress address(cidr.section(QLatin1Char('/'), 0, 0));
        if (address.isNull() || parsed.second < 0)
            continue;
        const QPair<QHostAddress, int> entry{address, parsed.second};
        if (!first)
            first = entry;
        if (!subnet.isEmpty() && address.isInSubnet(QHostAddress::parseSubnet(subnet)))
            return entry;
    }
    return first;
}

} // namespace

QString suggestDhcpRange(const QHostAddress &address, int prefixLength)
{
    bool ok = false;
    const quint32 a = address.toIPv4Address(&ok);
    if (!ok || address.isNull() || prefixLength < 0 || prefixLength > 30)
        return {};
    const auto range = [](quint32 from, quint32 to) {
        return QStringLiteral("%1-%2").arg(QHostAddress(from).toString(), QHostAddress(to).toString());
    };
    if (prefixLength <= 24) {
        const quint32 base = a & 0xffffff00u;
        const quint32 last = a & 0xffu;
        // .0 and .255 of a /24 inside a larger subnet are ordinary hosts, but are avoided:
        // some firmware refuses them.
        return last >= 100 && last <= 199 ? range(base + 20, base + 99) : range(base + 100, base + 199);
    }
    const quint32 mask = 0xffffffffu << (32 - prefixLength);
    const quint32 network = a & mask;
    const quint32 broadcast = network | ~mask;
    const quint32 middle = network + (broadcast - network) / 2;
    // Hosts are network+1 .. broadcast-1; the half without the console's own address.
    if (a <= middle)
        return middle + 1 <= broadcast - 1 ? range(middle + 1, broadcast - 1) : QString();
    return network + 1 <= middle ? range(network + 1, middle) : QString();
}

QString probeFailureKey(DhcpProbe::Failure failure)
{
    switch (failure) {
    case DhcpProbe::Failure::None: return {};
    case DhcpProbe::Failure::NoInterface: return QStringLiteral("no-such-interface");
    case DhcpProbe::Failure::NoPermission: return QStringLiteral("no-permission");
    case DhcpProbe::Failure::PortInUse: return QStringLiteral("port-in-use");
    case DhcpProbe::Failure::SocketError: return QStringLiteral("socket-error");
    }
    return {};
}

QString basisKey(Recommendation::Basis basis)
{
    switch (basis) {
    case Recommendation::Basis::DhcpServerAnswered: return QStringLiteral("dhcp-server-answered");
    case Recommendation::Basis::NoDhcpServer: return QStringLiteral("no-dhcp-server");
    case Recommendation::Basis::NotProbed: return QStringLiteral("not-probed");
    case Recommendation::Basis::NoInterface: return QStringLiteral("no-interface");
    }
    return {};
}

QList<DhcpAnswer> DoctorReport::dhcpServers() const
{
    QList<DhcpAnswer> out;
    for (const DhcpAnswer &a : answers) {
        // A console already running here in full mode is not a reason for proxy mode.
        if (!a.isProxy() && !a.fromThisHost)
            out << a;
    }
    return out;
}

QList<DhcpAnswer> DoctorReport::netbootServers() const
{
    QList<DhcpAnswer> out;
    for (const DhcpAnswer &a : answers) {
        if (a.isNetbootServer() && !a.fromThisHost)
            out << a;
    }
    return out;
}

void DoctorReport::recommend()
{
    Recommendation r;
    const QList<DhcpAnswer> servers = dhcpServers();
    const QList<DhcpAnswer> netboot = netbootServers();
    r.secondNetbootServer = !netboot.isEmpty();
    const auto address = interfaceAddress(interface, servers.isEmpty() ? QString() : servers.constFirst().subnet);
    if (address)
        r.serverAddress = address->first;

    if (!interfaceFound) {
        r.basis = Recommendation::Basis::NoInterface;
        r.mode = DhcpMode::Proxy;
        r.why = tr("There is no network interface '%1': choose one that is connected to the machines' switch.")
                    .arg(interfaceName);
    } else if (!servers.isEmpty()) {
        r.basis = Recommendation::Basis::DhcpServerAnswered;
        r.mode = DhcpMode::Proxy;
        QStringList names;
        for (const DhcpAnswer &a : servers) {
            if (!names.contains(a.server.toString()))
                names << a.server.toString();
        }
        r.why = tr("A DHCP server (%1) gives out addresses on this network: use proxy mode, which adds network "
                   "boot next to it and never hands out addresses itself.")
                    .arg(names.join(QLatin1String(", ")));
        // The console serves from an address of its own (ConsoleSession refuses to start without one).
        if (!address)
            r.why += QLatin1Char(' ')
                + tr("Interface %1 has no IPv4 address yet: let it get one from that server (or give it a free "
                     "address in %2) before the console serves.")
                      .arg(interfaceName, servers.constFirst().subnet.isEmpty() ? tr("its subnet") : servers.constFirst().subnet);
    } else if (probed) {
        r.basis = Recommendation::Basis::NoDhcpServer;
        r.mode = DhcpMode::Full;
        if (address) {
            r.dhcpRange = suggestDhcpRange(address->first, address->second);
            r.why = tr("No DHCP server answered: this looks like an isolated network. Use full DHCP mode: the console "
                       "gives the machines addresses itself (%1) and serves on %2.")
                        .arg(r.dhcpRange.isEmpty() ? tr("choose a range in the settings") : r.dhcpRange,
                             address->first.toString());
        } else {
            r.why = tr("No DHCP server answered: this looks like an isolated network. Use full DHCP mode, but first "
                       "give the interface an address, for example: sudo ip addr add 10.77.0.1/24 dev %1")
                        .arg(interfaceName);
        }
    } else {
        r.basis = Recommendation::Basis::NotProbed;
        r.mode = DhcpMode::Proxy;
        r.why = tr("Whether a DHCP server answers here could not be checked. Proxy mode is the safe choice: it never "
                   "hands out addresses. If the machines are on a switch of their own, run the doctor as root to "
                   "check, and use full DHCP mode if nobody answers.");
    }
    if (r.secondNetbootServer) {
        QStringList names;
        for (const DhcpAnswer &a : netboot) {
            if (!names.contains(a.server.toString()))
                names << a.server.toString();
        }
        r.why += QLatin1Char(' ')
            + tr("A second netboot server (%1) already answers PXE clients here: machines may boot from it "
                 "instead. Switch its network boot off, or put the machines on a switch of their own.")
                  .arg(names.join(QLatin1String(", ")));
    }
    recommendation = r;
}

QString DoctorReport::toText() const
{
    QStringList out;
    const auto heading = [&out](const QString &title) {
        if (!out.isEmpty())
            out << QString();
        out << title;
    };
    const QString indent = QStringLiteral("  ");
    out << tr("Network doctor report for %1 (%2)")
               .arg(interfaceName, time.toLocalTime().toString(Qt::ISODate));

    heading(tr("Interface"));
    if (!interfaceFound) {
        out << indent + tr("There is no network interface '%1'. Check the name with: ip link").arg(interfaceName);
    } else {
        out << indent + interface.describe();
        for (InterfaceFlag flag : interface.flags)
            out << indent + QStringLiteral("! ") + flagText(flag);
    }

    heading(tr("DHCP servers answering a PXE client on %1").arg(interfaceName));
    if (!probed)
        out << indent + tr("Not checked: %1").arg(probeError);
    else if (answers.isEmpty())
        out << indent + tr("Nobody answered.");
    for (const DhcpAnswer &a : answers)
        out << indent + a.describe();
    if (malformedReplies > 0)
        out << indent + tr("%n reply(s) could not be read and were skipped.", nullptr, malformedReplies);

    heading(tr("Ports"));
    for (const ServicePort &p : ports) {
        bool held = false;
        for (const PortOwner &o : owners) {
            if (o.transport == p.transport && o.port == p.port) {
                out << indent + o.describe();
                held = true;
            }
        }
        if (!held)
            out << indent + tr("%1 %2 (%3): free").arg(transportName(p.transport).toUpper()).arg(p.port).arg(serviceKey(p.which));
    }

    heading(tr("Permission"));
    out << indent + permission.explain();

    heading(tr("Firewall"));
    out << indent + firewall.describe();

    heading(tr("Recommendation"));
    out << indent + tr("Mode: %1").arg(dhcpModeName(recommendation.mode));
    if (!recommendation.serverAddress.isNull())
        out << indent + tr("Serve on: %1").arg(recommendation.serverAddress.toString());
    if (!recommendation.dhcpRange.isEmpty())
        out << indent + tr("Address range: %1").arg(recommendation.dhcpRange);
    out << indent + recommendation.why;
    return out.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QList<QJsonObject> DoctorReport::toJsonLines() const
{
    QList<QJsonObject> lines;

    QJsonObject iface = line(*this, QStringLiteral("doctor-interface"));
    iface.insert(QLatin1String("found"), interfaceFound);
    if (interfaceFound) {
        iface.insert(QLatin1String("kind"), interfaceKindKey(interface.kind));
        iface.insert(QLatin1String("up"), interface.up);
        iface.insert(QLatin1String("carrier"), interface.carrier);
        iface.insert(QLatin1String("ipv4"), QJsonArray::fromStringList(interface.ipv4));
        if (!interface.mac.isEmpty())
            iface.insert(QLatin1String("mac"), interface.mac);
        QJsonArray flags;
        for (InterfaceFlag flag : interface.flags)
            flags.append(flagKey(flag));
        iface.insert(QLatin1String("flags"), flags);
        iface.insert(QLatin1String("recommended"), interface.recommended);
        iface.insert(QLatin1String("detail"), interface.describe());
    } else {
        iface.insert(QLatin1String("detail"), tr("There is no network interface '%1'.").arg(interfaceName));
    }
    lines << iface;

    QJsonObject probe = line(*this, QStringLiteral("doctor-dhcp-probe"));
    probe.insert(QLatin1String("probed"), probed);
    probe.insert(QLatin1String("answers"), int(answers.size()));
    probe.insert(QLatin1String("malformed"), malformedReplies);
    if (!probed) {
        probe.insert(QLatin1String("reason"), probeFailureKey(probeFailure));
        probe.insert(QLatin1String("detail"), probeError);
    } else {
        probe.insert(QLatin1String("detail"), answers.isEmpty() ? tr("Nobody answered.")
                                                                : tr("%n answer(s).", nullptr, int(answers.size())));
    }
    lines << probe;

    for (const DhcpAnswer &a : answers) {
        QJsonObject o = line(*this, QStringLiteral("doctor-dhcp-server"));
        insertAddress(&o, "ip", a.server);
        insertAddress(&o, "source", a.source);
        insertAddress(&o, "offered", a.offered);
        insertAddress(&o, "subnetMask", a.subnetMask);
        insertAddress(&o, "router", a.router);
        if (!a.subnet.isEmpty())
            o.insert(QLatin1String("subnet"), a.subnet);
        insertAddress(&o, "nextServer", a.nextServer);
        if (!a.tftpServerName.isEmpty())
            o.insert(QLatin1String("tftpServerName"), a.tftpServerName);
        if (!a.bootFile.isEmpty())
            o.insert(QLatin1String("bootFile"), a.bootFile);
        o.insert(QLatin1String("proxy"), a.isProxy());
        o.insert(QLatin1String("bootOptions"), a.sendsBootOptions());
        o.insert(QLatin1String("thisHost"), a.fromThisHost);
        QJsonArray roles;
        if (!a.isProxy())
            roles.append(QStringLiteral("dhcp-server"));
        if (a.isNetbootServer())
            roles.append(QStringLiteral("netboot-server"));
        o.insert(QLatin1String("roles"), roles);
        o.insert(QLatin1String("secondNetbootServer"), a.isNetbootServer() && !a.fromThisHost);
        o.insert(QLatin1String("detail"), a.describe());
        lines << o;
    }

    for (const ServicePort &p : ports) {
        QList<PortOwner> held;
        for (const PortOwner &o : owners) {
            if (o.transport == p.transport && o.port == p.port)
                held << o;
        }
        const auto base = [&] {
            QJsonObject o = line(*this, QStringLiteral("doctor-port"));
            o.insert(QLatin1String("service"), serviceKey(p.which));
            o.insert(QLatin1String("transport"), transportName(p.transport));
            o.insert(QLatin1String("port"), int(p.port));
            o.insert(QLatin1String("free"), held.isEmpty());
            return o;
        };
        if (held.isEmpty()) {
            QJsonObject o = base();
            o.insert(QLatin1String("detail"), tr("%1 %2: free").arg(transportName(p.transport).toUpper()).arg(p.port));
            lines << o;
        }
        for (const PortOwner &owner : held) {
            QJsonObject o = base();
            o.insert(QLatin1String("address"), owner.localAddress);
            if (owner.pid >= 0)
                o.insert(QLatin1String("pid"), owner.pid);
            if (!owner.program.isEmpty())
                o.insert(QLatin1String("program"), owner.program);
            o.insert(QLatin1String("thisProcess"), owner.isThisProcess());
            o.insert(QLatin1String("detail"), owner.describe());
            lines << o;
        }
    }

    QJsonObject perm = line(*this, QStringLiteral("doctor-permission"));
    perm.insert(QLatin1String("allowed"), permission.allowed);
    perm.insert(QLatin1String("reason"), reasonKey(permission.reason));
    perm.insert(QLatin1String("lowestPort"), int(permission.lowestPort));
    if (!permission.allowed)
        perm.insert(QLatin1String("fix"), BindPermission::terminalCommand(QCoreApplication::applicationFilePath()));
    perm.insert(QLatin1String("detail"), permission.explain());
    lines << perm;

    QJsonObject fw = line(*this, QStringLiteral("doctor-firewall"));
    fw.insert(QLatin1String("checked"), firewall.checked);
    if (!firewall.checked)
        fw.insert(QLatin1String("reason"), uncheckedKey(firewall.unchecked));
    QJsonArray dropped;
    for (const auto &p : firewall.dropped)
        dropped.append(portKey(p.first, p.second));
    fw.insert(QLatin1String("dropped"), dropped);
    fw.insert(QLatin1String("chains"), QJsonArray::fromStringList(firewall.chains));
    fw.insert(QLatin1String("detail"), firewall.describe());
    lines << fw;

    QJsonObject rec = line(*this, QStringLiteral("doctor-recommendation"));
    rec.insert(QLatin1String("mode"), dhcpModeName(recommendation.mode));
    rec.insert(QLatin1String("basis"), basisKey(recommendation.basis));
    if (!recommendation.dhcpRange.isEmpty())
        rec.insert(QLatin1String("dhcpRange"), recommendation.dhcpRange);
    insertAddress(&rec, "serverAddress", recommendation.serverAddress);
    rec.insert(QLatin1String("secondNetbootServer"), recommendation.secondNetbootServer);
    rec.insert(QLatin1String("detail"), recommendation.why);
    lines << rec;
    return lines;
}

} // namespace Nbc::Doctor
