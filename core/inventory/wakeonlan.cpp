#include "inventory/wakeonlan.h"

#include "model/machineevent.h"

#include <QNetworkInterface>

namespace Nbc {

QByteArray wakeOnLanPacket(const QString &mac)
{
    const QString normalized = normalizeMac(mac);
    if (normalized.isEmpty())
        return {};
    const QByteArray bytes = QByteArray::fromHex(normalized.toLatin1().replace(':', ""));
    QByteArray packet(6, char(0xff));
    packet.reserve(6 + 16 * 6);
    for (int i = 0; i < 16; ++i)
        packet += bytes;
    return packet;
}

QHostAddress wakeOnLanBroadcast(const QString &interfaceName)
{
    if (interfaceName.isEmpty())
        return {};
    const QNetworkInterface iface = QNetworkInterface::interfaceFromName(interfaceName);
    if (!iface.isValid() || (iface.flags() & QNetworkInterface::IsLoopBack))
        return {};
    for (const QNetworkAddressEntry &entry : iface.addressEntries()) {
        if (entry.ip().protocol() == QAbstractSocket::IPv4Protocol && !entry.broadcast().isNull())
            return entry.broadcast();
    }
    return {};
}

} // namespace Nbc
