#pragma once

#include <QString>

namespace Nbc {

// Resolves a path asked for over the wire (TFTP file name, HTTP URL path) against one
// served root. Refuses what could leave the root: "..", absolute paths where not
// allowed, backslashes, NUL and control bytes, and symlinks whose target is outside.
struct SafePathResult {
    QString path;      // canonical absolute path of an existing regular file; empty on refusal
    QString refusal;   // counter-friendly reason: "traversal", "bad-name", "not-found", "not-a-file", "symlink-escape"
    bool ok() const { return refusal.isEmpty(); }
};

SafePathResult resolveUnderRoot(const QString &root, const QString &requested);

} // namespace Nbc
