#include "boot/tftproute.h"

#include "boot/raspberrypi.h"
#include "model/bootfiles.h"


namespace Nbc::Boot {

SafePathResult resolveTftpName(const BootSnapshot &snapshot, const QString &requested)
{
    QString bare = requested;
    while (bare.startsWith(u'/'))
        bare.remove(0, 1);
    const std::optional<IpxeBinary> binary = bare.contains(u'/') ? std::nullopt : ipxeBinaryFromName(bare);
    if (binary) {
        if (const SafePathResult ipxe = resolveIpxeBinary(snapshot, *binary); ipxe.ok())
            return ipxe;
    }
    if (snapshot.tftpRoot.isEmpty())
        return SafePathResult{{}, QStringLiteral("not-found")};
    SafePathResult resolved = resolveUnderRoot(snapshot.tftpRoot, requested);
    // A Raspberry Pi asks for its files under its serial number ("9ffefdef/start4.elf",
    // TFTP_PREFIX=0, eeprom-bootloader.adoc); a file missing from that folder comes from
    // the root, so a per-Pi folder holds only what differs (config.txt, cmdline.txt ...).
    const qsizetype slash = bare.indexOf(u'/');
    if (resolved.refusal == QLatin1String("not-found") && slash > 0
        && RaspberryPi::isSerialFolder(QStringView(bare).left(slash)))
        resolved = resolveUnderRoot(snapshot.tftpRoot, bare.mid(slash + 1));
    if (resolved.ok())
        resolved.refusal = extraRootRefusal(snapshot, resolved.path);
    if (!resolved.ok())
        resolved.path.clear();
    return resolved;
}

} // namespace Nbc::Boot
