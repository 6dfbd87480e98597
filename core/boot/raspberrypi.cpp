#include "boot/raspberrypi.h"

#include "protocol/dhcp/dhcpoptions.h"

#include <QtEndian>

#include <array>

namespace Nbc::Boot::RaspberryPi {

namespace {

// Raspberry Pi Foundation / Raspberry Pi (Trading) Ltd in the IEEE OUI registry.
constexpr std::array<const char *, 6> kOuis = {"b8:27:eb", "dc:a6:32", "e4:5f:01", "d8:3a:dd", "28:cd:c1", "2c:cf:67"};
constexpr quint32 kFourCcPi4 = 0x34695052;   // "RPi4"
constexpr quint32 kFourCcPi5 = 0x35695052;   // "RPi5"
constexpr quint32 kPi3ConstantGuid = 0x44444444;   // boot-net.adoc: "The DHCP UUID is set to be a constant value"

quint32 word(const QByteArray &guid, int index)
{
    return qFromLittleEndian<quint32>(guid.constData() + index * 4);
}

} // namespace

bool isRaspberryPiMac(const QString &mac)
{
    for (const char *oui : kOuis) {
        if (mac.startsWith(QLatin1String(oui), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

bool hasRaspberryPiGuid(const QByteArray &guid)
{
    return guid.size() == 16 && (word(guid, 0) == kFourCcPi4 || word(guid, 0) == kFourCcPi5);
}

QString serialFromGuid(const QByteArray &guid)
{
    if (guid.size() != 16)
        return {};
    quint32 serial = 0;
    if (hasRaspberryPiGuid(guid))
        serial = word(guid, 3);
    else if (word(guid, 0) == word(guid, 1) && word(guid, 0) == word(guid, 2) && word(guid, 0) == word(guid, 3))
        serial = word(guid, 0);
    if (serial == 0 || serial == kPi3ConstantGuid)
        return {};
    return QStringLiteral("%1").arg(serial, 8, 16, QLatin1Char('0'));
}

bool isSerialFolder(QStringView name)
{
    if (name.size() != 8)
        return false;
    for (const QChar c : name) {
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')))
            return false;
    }
    return true;
}

QString bootMenuItem()
{
    return QStringLiteral("Raspberry Pi Boot");
}

QByteArray bootMenuOption()
{
    // PXE 2.1 2.4.2: discovery control bits 0 and 1 (no broadcast, no multicast discovery);
    // the menu prompt sub-option starts with its timeout; a menu item is a 16-bit type, a
    // length and the description.
    const QByteArray item = bootMenuItem().toLatin1();
    QByteArray menu;
    menu.append(char(0)).append(char(0)).append(char(item.size())).append(item);
    return Dhcp::buildSubOptions({
        {quint8(Dhcp::PxeSubOption::DiscoveryControl), QByteArray(1, char(3))},
        {quint8(Dhcp::PxeSubOption::MenuPrompt), QByteArray(1, char(0)) + QByteArrayLiteral("PXE")},
        {quint8(Dhcp::PxeSubOption::BootMenu), menu},
    });
}

} // namespace Nbc::Boot::RaspberryPi
