#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace Nbc {

// The kit bundle: a whole workspace as one tar.zst (libarchive), to carry a bring-up kit
// to another laptop. Inside: netboot-kit.json first (format, what wrote it, every file
// with its size, mode, time and SHA-256), the workspace's files, and netboot-kit.end
// last: the manifest's SHA-256 and that of the tar stream before it. zstd as libarchive
// 3.6 writes it has no checksum, so the end marker is what tells a bundle cut short or
// changed anywhere (headers and padding included) from a whole one.
//
// Import reads the whole bundle into a folder of its own inside the target first and
// checks it against the manifest (every file present, sizes and hashes, no path that
// leaves the folder, nothing but regular files, nothing unlisted) and the stream against
// the end marker before the first file is moved into place; a damaged or unsafe bundle
// writes nothing.

// Why an export or import did not happen. Decided here; the sentence in `error` is for people.
enum class KitBundleError {
    None,
    NotAWorkspace,     // export: no readable netboot.yaml in the folder
    CannotRead,        // a file of the workspace or the bundle cannot be opened
    CannotWrite,       // the bundle or a file of the workspace cannot be written
    TooLarge,          // beyond kKitMaxTotalBytes / kKitMaxFiles, or not enough free space
    NotABundle,        // import: no netboot-kit.json at the start
    NewerFormat,       // import: written by a later version of the format
    Damaged,           // import: truncated, corrupted, or not matching its manifest
    Unsafe,            // import: an entry that would leave the folder, a link, a device, ...
    Cancelled,         // the progress callback or the person said stop
};

// What an archive may expand to (and how many files it may hold) before it is refused.
constexpr qint64 kKitMaxTotalBytes = 20LL * 1024 * 1024 * 1024;
constexpr int kKitMaxFiles = 100000;

struct KitFile {
    QString path;          // relative to the workspace, '/'-separated
    qint64 size = 0;
    int mode = 0644;       // permission bits as stored in the bundle
    QDateTime modified;    // UTC, millisecond precision
    QByteArray sha256;     // hex
    bool isPrivate = false;   // configs, secrets, patches: 0600 inside and after import
};

// A file netboot.yaml names that the bundle does not carry, and why. The manifest keeps
// the reason's key ("outside", "missing", "not-a-file", "not-a-folder").
struct KitLeftOut {
    enum class Reason { Outside, Missing, NotAFile, NotAFolder };
    QString path;          // as netboot.yaml names it
    Reason reason = Reason::Outside;
    QString reasonText() const;   // for people: "outside the workspace folder", "missing", ...
};

// Called with bytes done and bytes in all; false stops (Cancelled, nothing written).
using KitProgress = std::function<bool(qint64 done, qint64 total)>;

struct KitExportOptions {
    bool includeInventory = true;
    KitProgress progress;
};

struct KitExportResult {
    KitBundleError code = KitBundleError::None;
    QString error;
    QList<KitFile> files;
    qint64 totalBytes = 0;           // uncompressed, what the files hold
    QList<KitLeftOut> leftOut;       // files netboot.yaml names that are not in the bundle
    // Things that travel but may not work elsewhere (absolute paths into the workspace).
    QStringList warnings;
    bool ok() const { return code == KitBundleError::None; }
};

// A file of the workspace that is newer than the bundle's copy of it (and differs).
struct KitConflict {
    QString path;
    QDateTime targetModified;
    QDateTime bundleModified;
    qint64 targetSize = 0;
    qint64 bundleSize = 0;
};
enum class KitConflictChoice { Keep, Overwrite, Cancel };

struct KitImportOptions {
    // Asked for each newer file before anything is written; without it newer files are kept.
    std::function<KitConflictChoice(const KitConflict &)> onNewerFile;
    KitProgress progress;
};

struct KitImportResult {
    KitBundleError code = KitBundleError::None;
    QString error;
    QStringList written;      // replaced or added
    QStringList kept;         // newer here, kept as asked
    QStringList unchanged;    // already the same bytes
    QList<KitLeftOut> leftOut;   // what the exporting workspace named but did not include
    QDateTime created;        // when the bundle was made
    QString createdBy;        // "Netboot Console 0.1.0"
    bool ok() const { return code == KitBundleError::None; }
    bool inventoryReplaced() const;
};

class KitBundle
{
    Q_DECLARE_TR_FUNCTIONS(KitBundle)
public:
    static QString manifestName() { return QStringLiteral("netboot-kit.json"); }
    static QString endMarkerName() { return QStringLiteral("netboot-kit.end"); }
    static constexpr int kFormatVersion = 1;
    // "netboot-kit-2026-11-26.tar.zst"
    static QString defaultFileName(const QDate &date = QDate::currentDate());

    // Writes the workspace in `workspaceDir` to `outFile` (atomically: a bundle that
    // fails or is cancelled leaves no file). The inventory is copied through SQLite
    // (VACUUM INTO), so a database open in WAL mode elsewhere in the process is read
    // consistently: flush its pending writes first.
    static KitExportResult exportBundle(const QString &workspaceDir, const QString &outFile,
                                        const KitExportOptions &options = {});
    // Unpacks `bundleFile` into `workspaceDir` (created when missing). Files of the
    // workspace that are not in the bundle are left alone; older ones are replaced; newer
    // ones are asked about. Whoever has inventory.sqlite open must close it first: its
    // -wal and -shm companions are removed when it is replaced.
    static KitImportResult importBundle(const QString &bundleFile, const QString &workspaceDir,
                                        const KitImportOptions &options = {});

    // True for the files that hold cluster secrets (configs/, secrets/, patches/).
    static bool isPrivatePath(const QString &relativePath);
    // Why a path from a bundle may not be written under the workspace; empty when it may.
    static QString unsafePathReason(const QString &relativePath);
};

} // namespace Nbc
