#include "model/bootfiles.h"

#include <QDir>
#include <QFileInfo>

#include <array>

namespace Nbc {

namespace {

struct BinaryName {
    IpxeBinary binary;
    const char *name;
    bool uefi;
};

constexpr std::array<BinaryName, 4> kBinaries = {{
    {IpxeBinary::Undionly, "undionly.kpxe", false},
    {IpxeBinary::UndionlyKeep, "undionly.kkpxe", false},
    {IpxeBinary::IpxeEfi, "ipxe.efi", true},
    {IpxeBinary::SnpOnly, "snponly.efi", true},
}};

} // namespace

QString ipxeBinaryName(IpxeBinary binary)
{
    for (const BinaryName &entry : kBinaries) {
        if (entry.binary == binary)
            return QString::fromLatin1(entry.name);
    }
    return {};
}

std::optional<IpxeBinary> ipxeBinaryFromName(QStringView nameOrPath)
{
    const qsizetype slash = nameOrPath.lastIndexOf(u'/');
    const QStringView leaf = slash < 0 ? nameOrPath : nameOrPath.mid(slash + 1);
    for (const BinaryName &entry : kBinaries) {
        if (leaf == QLatin1String(entry.name))
            return entry.binary;
    }
    return std::nullopt;
}

bool isUefiBinary(IpxeBinary binary)
{
    for (const BinaryName &entry : kBinaries) {
        if (entry.binary == binary)
            return entry.uefi;
    }
    return false;
}

bool isIpxeBinaryPresent(const QString &path)
{
    if (path.isEmpty())
        return false;
    const QFileInfo info(path);   // follows symlinks
    return info.isFile() && info.isReadable() && info.size() > 0;
}

QString presentIpxeBinary(const QString &path)
{
    if (isIpxeBinaryPresent(path))
        return path;
    const std::optional<IpxeBinary> binary = ipxeBinaryFromName(path);
    if (!binary)
        return {};
    IpxeBinary other = IpxeBinary::Undionly;
    switch (*binary) {
    case IpxeBinary::Undionly: other = IpxeBinary::UndionlyKeep; break;
    case IpxeBinary::UndionlyKeep: other = IpxeBinary::Undionly; break;
    case IpxeBinary::IpxeEfi: other = IpxeBinary::SnpOnly; break;
    case IpxeBinary::SnpOnly: other = IpxeBinary::IpxeEfi; break;
    }
    const QString sibling = QFileInfo(path).dir().filePath(ipxeBinaryName(other));
    return isIpxeBinaryPresent(sibling) ? sibling : QString();
}

QString firmwareName(Firmware firmware)
{
    switch (firmware) {
    case Firmware::Bios: return QStringLiteral("bios");
    case Firmware::Uefi:
    case Firmware::UefiHttp: return QStringLiteral("uefi");
    case Firmware::Ipxe: return QStringLiteral("ipxe");
    case Firmware::RaspberryPi: return QStringLiteral("rpi");
    case Firmware::Unknown: return QStringLiteral("unknown");
    }
    return {};
}

} // namespace Nbc
