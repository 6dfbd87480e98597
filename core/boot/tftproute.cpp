#include "boot/tftproute.h"

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
    if (resolved.ok())
        resolved.refusal = extraRootRefusal(snapshot, resolved.path);
    if (!resolved.ok())
        resolved.path.clear();
    return resolved;
}

} // namespace Nbc::Boot
