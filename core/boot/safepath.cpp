#include "boot/safepath.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <climits>
#include <cstdlib>

#include <sys/stat.h>

namespace Nbc {

namespace {

// The canonical path of an existing `path` (realpath(3)), and what it is when `info` is
// given: one stat where QFileInfo asked twice (is it a file, may everyone read it).
// Resolving through open(O_PATH) and /proc/self/fd was tried: procfs lookups cost more
// than the readlink calls they save.
bool canonicalOf(const QString &path, QString *canonical, struct stat *info)
{
    char resolved[PATH_MAX];
    if (!::realpath(QFile::encodeName(path).constData(), resolved))
        return false;
    if (info && ::stat(resolved, info) != 0)
        return false;
    *canonical = QFile::decodeName(resolved);
    return true;
}

// The file or folder `requested` names inside `root`, canonical, or why not.
SafePathResult resolveInside(const QString &root, const QString &requested, bool folder)
{
    SafePathResult result;
    if (root.isEmpty() || requested.isEmpty()) {
        result.refusal = QStringLiteral("not-found");
        return result;
    }
    for (const QChar c : requested) {
        // Backslashes are refused rather than translated: a Windows-style client asking
        // for "..\\x" must not be given a second chance at traversal.
        if (c.unicode() < 0x20 || c == u'\\' || c.unicode() == 0x7f) {
            result.refusal = QStringLiteral("bad-name");
            return result;
        }
    }
    // Leading slashes are tolerated (many firmwares send "/pxelinux.0"), relative to root.
    QString relative = requested;
    while (relative.startsWith(u'/'))
        relative.remove(0, 1);
    const QStringList parts = relative.split(u'/', Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        if (part == QLatin1String("..")) {
            result.refusal = QStringLiteral("traversal");
            return result;
        }
    }
    if (parts.isEmpty()) {
        result.refusal = QStringLiteral("not-found");
        return result;
    }

    QString canonicalRoot;
    if (!canonicalOf(root, &canonicalRoot, nullptr)) {
        result.refusal = QStringLiteral("not-found");
        return result;
    }
    QString canonical;
    struct stat info {};
    if (!canonicalOf(canonicalRoot + u'/' + parts.join(u'/'), &canonical, &info)) {
        result.refusal = QStringLiteral("not-found");
        return result;
    }
    // A symlink inside the root may point anywhere; only targets inside the root are served.
    if (!canonical.startsWith(canonicalRoot + u'/')) {
        result.refusal = QStringLiteral("symlink-escape");
        return result;
    }
    if (folder ? !S_ISDIR(info.st_mode) : !S_ISREG(info.st_mode)) {
        result.refusal = folder ? QStringLiteral("not-a-folder") : QStringLiteral("not-a-file");
        return result;
    }
    result.mode = unsigned(info.st_mode);
    result.path = canonical;
    return result;
}

} // namespace

SafePathResult resolveUnderRoot(const QString &root, const QString &requested)
{
    return resolveInside(root, requested, false);
}

SafePathResult resolveFolderUnderRoot(const QString &root, const QString &name)
{
    return resolveInside(root, name, true);
}

QString extraRootRefusal(const BootSnapshot &snapshot, const QString &canonicalPath, unsigned mode)
{
    if (snapshot.isPrivateFile(canonicalPath))
        return QStringLiteral("private");
    const bool everyone = mode != 0 ? (mode & S_IROTH) != 0 : QFileInfo(canonicalPath).permission(QFileDevice::ReadOther);
    if (!everyone)
        return QStringLiteral("not-world-readable");
    return {};
}

SafePathResult resolveIpxeBinary(const BootSnapshot &snapshot, IpxeBinary binary)
{
    const QString configured = isUefiBinary(binary) ? snapshot.ipxeUefi : snapshot.ipxeBios;
    const QString name = ipxeBinaryName(binary);
    auto target = [](const QString &path) -> QString {
        if (path.isEmpty())
            return {};
        const QString canonical = QFileInfo(path).canonicalFilePath();
        return !canonical.isEmpty() && QFileInfo(canonical).isFile() ? canonical : QString();
    };
    if (QFileInfo(configured).fileName() == name) {
        if (const QString path = target(configured); !path.isEmpty())
            return SafePathResult{path, {}};
    }
    for (const QString &path : {snapshot.ipxeBios, snapshot.ipxeUefi}) {
        if (path.isEmpty())
            continue;
        if (const QString sibling = target(QFileInfo(path).dir().filePath(name)); !sibling.isEmpty())
            return SafePathResult{sibling, {}};
    }
    // A BIOS client asks for undionly.kpxe whatever the file is called on disk.
    if (const QString path = target(configured); !path.isEmpty())
        return SafePathResult{path, {}};
    return SafePathResult{{}, QStringLiteral("not-found")};
}

} // namespace Nbc
