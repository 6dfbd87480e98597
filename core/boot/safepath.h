#pragma once

#include "boot/bootsnapshot.h"

#include <QString>

namespace Nbc {

// Resolves a path asked for over the wire (TFTP file name, HTTP URL path) against one
// served root. Refuses what could leave the root: "..", absolute paths where not
// allowed, backslashes, NUL and control bytes, and symlinks whose target is outside.
struct SafePathResult {
    QString path;      // canonical absolute path of an existing regular file; empty on refusal
    QString refusal;   // counter-friendly reason: "traversal", "bad-name", "not-found", "not-a-file", "symlink-escape",
                       // and from extraRootRefusal "private", "not-world-readable"
    bool ok() const { return refusal.isEmpty(); }
};

SafePathResult resolveUnderRoot(const QString &root, const QString &requested);

// Why a file found under an extra root (tftpRoot, httpRoot) is not served, or empty:
// "private" for the workspace's own files (netboot.yaml, configs, leases ... even when a
// root is pointed at the workspace), "not-world-readable" for a file only its owner or
// group may read (as tftpd-hpa does: a root shares what everyone may read).
QString extraRootRefusal(const BootSnapshot &snapshot, const QString &canonicalPath);

} // namespace Nbc
