#pragma once

#include "boot/bootsnapshot.h"
#include "model/bootfiles.h"

#include <QString>

namespace Nbc {

// Resolves a path asked for over the wire (TFTP file name, HTTP URL path) against one
// served root. Refuses what could leave the root: "..", absolute paths where not
// allowed, backslashes, NUL and control bytes, and symlinks whose target is outside.
struct SafePathResult {
    QString path;      // canonical absolute path of an existing regular file; empty on refusal
    QString refusal;   // counter-friendly reason: "traversal", "bad-name", "not-found", "not-a-file", "symlink-escape",
                       // from extraRootRefusal "private", "not-world-readable", and for a TFTP name
                       // "other-pi" (another Raspberry Pi's serial folder)
    unsigned mode = 0; // st_mode of `path` as resolved; 0 where not known
    bool ok() const { return refusal.isEmpty(); }
};

SafePathResult resolveUnderRoot(const QString &root, const QString &requested);
// The same for a folder (a Raspberry Pi's boot folder under the piBoot folder): the
// canonical path of an existing folder inside root, or the same refusals, "not-a-folder"
// for anything but a folder.
SafePathResult resolveFolderUnderRoot(const QString &root, const QString &name);

// Why a file found under an extra root (tftpRoot, httpRoot) is not served, or empty:
// "private" for the workspace's own files (netboot.yaml, configs, leases ... even when a
// root is pointed at the workspace), "not-world-readable" for a file only its owner or
// group may read (as tftpd-hpa does: a root shares what everyone may read).
// `mode`: the file's st_mode when the caller has it (SafePathResult::mode), saving a stat.
QString extraRootRefusal(const BootSnapshot &snapshot, const QString &canonicalPath, unsigned mode = 0);

// The file an iPXE binary is served from over TFTP and HTTP, followed to its target: the
// configured binary (`ipxe: bios/uefi`) when it carries that name, else a file of that name
// next to either configured binary (Debian's ipxe package keeps all four in one folder),
// else the configured binary for that firmware under its own name. These paths are the
// user's choice, not a served root, so links are followed (Debian's
// /usr/lib/ipxe/ipxe.efi links to /boot/ipxe.efi); only the closed list of iPXE names is
// looked up next to them. Refusal "not-found" when none is present.
SafePathResult resolveIpxeBinary(const BootSnapshot &snapshot, IpxeBinary binary);

} // namespace Nbc
