#include "boot/tftproute.h"

#include "boot/raspberrypi.h"
#include "model/bootfiles.h"

#include <QFileInfo>

namespace Nbc::Boot {

namespace {

// One folder a name is looked up in: found, or why not. Only "not-found" lets the lookup
// go on to the next folder; an escape or a bad name in one is never papered over by another.
SafePathResult lookUp(const QString &folder, const QString &name)
{
    if (folder.isEmpty())
        return SafePathResult{{}, QStringLiteral("not-found")};
    return resolveUnderRoot(folder, name);
}

bool goesOn(const SafePathResult &result)
{
    return result.refusal == QLatin1String("not-found");
}

} // namespace

SafePathResult resolveTftpName(const BootSnapshot &snapshot, const QString &requested, const QString &clientMac)
{
    QString bare = requested;
    while (bare.startsWith(u'/'))
        bare.remove(0, 1);

    // A Raspberry Pi asks for its files under its serial number ("9ffefdef/start4.elf",
    // TFTP_PREFIX=0, eeprom-bootloader.adoc) and, when neither start4.elf nor start.elf is
    // there, for the bare names. Either way the rest of the name is what it wants.
    const qsizetype slash = bare.indexOf(u'/');
    const QString prefix = slash > 0 && RaspberryPi::isSerialFolder(QStringView(bare).left(slash)) ? bare.left(slash)
                                                                                                    : QString();
    const QString rest = prefix.isEmpty() ? bare : bare.mid(slash + 1);
    const QString ownSerial = clientMac.isEmpty() ? QString() : snapshot.piSerials.value(clientMac);
    const auto intent = clientMac.isEmpty() ? snapshot.machines.constEnd() : snapshot.machines.constFind(clientMac);
    const QString piFolder = intent != snapshot.machines.constEnd() ? intent->piFolder : QString();
    const QString piBoot = snapshot.piBootFolder();

    // A serial folder holds what one Pi boots with (RPI_EFI.fd embeds its MAC, config.txt
    // may carry its secrets): only the Pi whose DHCP the console saw with that serial, at
    // the address that exchange gave it, gets it. A folder that is not there protects
    // nothing: such a name falls through to the root, as the bootloader expects.
    if (!prefix.isEmpty() && prefix != ownSerial && !piBoot.isEmpty()
        && resolveFolderUnderRoot(piBoot, prefix).ok())
        return SafePathResult{{}, QStringLiteral("other-pi")};

    SafePathResult resolved{{}, QStringLiteral("not-found")};
    // The Pi's own folders first: the one netboot.yaml gives it, then its serial folder.
    if (!piFolder.isEmpty()) {
        const SafePathResult folder = resolveFolderUnderRoot(piBoot, piFolder);
        if (!folder.ok() && folder.refusal != QLatin1String("not-found"))
            resolved = folder;   // a piFolder that leads out of the piBoot folder is never used
        else if (folder.ok())
            resolved = lookUp(folder.path, rest);
    }
    if (goesOn(resolved) && !ownSerial.isEmpty()) {
        const SafePathResult folder = resolveFolderUnderRoot(piBoot, ownSerial);
        if (folder.ok())
            resolved = lookUp(folder.path, rest);
    }
    // Then the iPXE names (the configured binaries, or a file of that name next to them)
    // and the TFTP root.
    if (goesOn(resolved) && prefix.isEmpty() && !rest.contains(u'/')) {
        if (const std::optional<IpxeBinary> binary = ipxeBinaryFromName(rest)) {
            if (const SafePathResult ipxe = resolveIpxeBinary(snapshot, *binary); ipxe.ok())
                return ipxe;
        }
    }
    if (goesOn(resolved))
        resolved = lookUp(snapshot.tftpRoot, rest);
    if (resolved.ok())
        resolved.refusal = extraRootRefusal(snapshot, resolved.path, resolved.mode);
    if (!resolved.ok())
        resolved.path.clear();
    return resolved;
}

} // namespace Nbc::Boot
