#include "boot/tftproute.h"

#include "model/bootfiles.h"

#include <QFileInfo>

namespace Nbc::Boot {

SafePathResult resolveTftpName(const BootSnapshot &snapshot, const QString &requested)
{
    QString bare = requested;
    while (bare.startsWith(u'/'))
        bare.remove(0, 1);
    const std::optional<IpxeBinary> binary = bare.contains(u'/') ? std::nullopt : ipxeBinaryFromName(bare);
    if (binary) {
        const QString configured = isUefiBinary(*binary) ? snapshot.ipxeUefi : snapshot.ipxeBios;
        const QFileInfo configuredInfo(configured);
        // The configured binary when it carries the asked name ...
        if (!configured.isEmpty() && configuredInfo.fileName() == bare && configuredInfo.isFile())
            return SafePathResult{configuredInfo.absoluteFilePath(), {}};
        // ... else a file of that name next to either binary (Debian's ipxe package puts
        // undionly.kpxe, ipxe.efi and snponly.efi in one folder) ...
        for (const QString &path : {snapshot.ipxeBios, snapshot.ipxeUefi}) {
            if (path.isEmpty())
                continue;
            const SafePathResult sibling = resolveUnderRoot(QFileInfo(path).absolutePath(), bare);
            if (sibling.ok())
                return sibling;
        }
        // ... else the configured binary under its own name: a BIOS client asks for
        // undionly.kpxe whatever the file is called on disk.
        if (!configured.isEmpty() && configuredInfo.isFile())
            return SafePathResult{configuredInfo.absoluteFilePath(), {}};
    }
    if (snapshot.tftpRoot.isEmpty())
        return SafePathResult{{}, QStringLiteral("not-found")};
    SafePathResult resolved = resolveUnderRoot(snapshot.tftpRoot, requested);
    if (resolved.ok())
        resolved.refusal = extraRootRefusal(snapshot, resolved.path);
    if (!resolved.ok())
        resolved.path.clear();
    return resolved;
}

} // namespace Nbc::Boot
