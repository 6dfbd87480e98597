#include "doctor/dhcpanswer.h"

#include "protocol/dhcp/dhcppacket.h"

#include <QtEndian>

#include <bit>

namespace Nbc::Doctor {

namespace {

QHostAddress ipv4Option(const Dhcp::Packet &packet, Dhcp::OptionCode code)
{
    const std::optional<QByteArray> data = packet.option(code);
    if (!data || data->size() < 4)
        return {};
    return QHostAddress(qFromBigEndian<quint32>(data->constData()));
}

QHostAddress orNull(quint32 address)
{
    return address ? QHostAddress(address) : QHostAddress();
}

} // namespace

QString subnetOf(const QHostAddress &address, const QHostAddress &mask)
{
    bool okAddress = false, okMask = false;
    const quint32 a = address.toIPv4Address(&okAddress);
    const quint32 m = mask.toIPv4Address(&okMask);
    if (!okAddress || !okMask || address.isNull() || mask.isNull())
        return {};
    return QStringLiteral("%1/%2").arg(QHostAddress(a & m).toString()).arg(std::popcount(m));
}

DhcpAnswer DhcpAnswer::fromPacket(const Dhcp::Packet &offer, const QHostAddress &source)
{
    DhcpAnswer a;
    a.source = source;
    const std::optional<quint32> serverId = offer.serverId();
    a.server = serverId && *serverId ? QHostAddress(*serverId) : source;
    a.offered = orNull(offer.yiaddr);
    a.subnetMask = ipv4Option(offer, Dhcp::OptionCode::SubnetMask);
    a.router = ipv4Option(offer, Dhcp::OptionCode::Router);
    a.subnet = subnetOf(a.offered.isNull() ? a.server : a.offered, a.subnetMask);
    if (const auto name = offer.option(Dhcp::OptionCode::TftpServerName))
        a.tftpServerName = QString::fromLatin1(*name).remove(QLatin1Char('\0'));
    a.nextServer = orNull(offer.siaddr);
    if (a.nextServer.isNull() && !a.tftpServerName.isEmpty()) {
        const QHostAddress named(a.tftpServerName);
        if (named.protocol() == QAbstractSocket::IPv4Protocol)
            a.nextServer = named;
    }
    a.bootFile = QString::fromLatin1(offer.file);
    if (a.bootFile.isEmpty()) {
        if (const auto file = offer.option(Dhcp::OptionCode::BootFileName))
            a.bootFile = QString::fromLatin1(*file).remove(QLatin1Char('\0'));
    }
    a.vendorClass = offer.vendorClass();
    a.pxeVendor = a.vendorClass.startsWith(QLatin1String("PXEClient")) || offer.hasOption(Dhcp::OptionCode::VendorSpecific);
    return a;
}

bool DhcpAnswer::sendsBootOptions() const
{
    return !bootFile.isEmpty() || !tftpServerName.isEmpty() || pxeVendor;
}

QString DhcpAnswer::describe() const
{
    QString line;
    if (isProxy())
        line = tr("%1 is a proxy DHCP: it offers no address, only network boot").arg(server.toString());
    else if (!subnet.isEmpty())
        line = tr("%1 offers %2 (subnet %3)").arg(server.toString(), offered.toString(), subnet);
    else
        line = tr("%1 offers %2").arg(server.toString(), offered.toString());
    if (!router.isNull())
        line += tr(", router %1").arg(router.toString());
    if (sendsBootOptions()) {
        QStringList boot;
        if (!bootFile.isEmpty())
            boot << tr("boot file %1").arg(bootFile);
        if (!nextServer.isNull())
            boot << tr("next server %1").arg(nextServer.toString());
        else if (!tftpServerName.isEmpty())
            boot << tr("TFTP server %1").arg(tftpServerName);
        if (pxeVendor)
            boot << tr("PXE options");
        line += QStringLiteral("; ") + tr("a second netboot server (%1)").arg(boot.join(QLatin1String(", ")));
    } else if (isProxy()) {
        line += QStringLiteral("; ") + tr("a second netboot server");
    }
    if (fromThisHost)
        line += QStringLiteral("; ") + tr("it is this computer (is a console already running?)");
    return line;
}

} // namespace Nbc::Doctor
