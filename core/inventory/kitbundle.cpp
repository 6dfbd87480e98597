#include "inventory/kitbundle.h"

#include "inventory/workspace.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QMap>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStorageInfo>
#include <QTemporaryDir>
#include <QUuid>
#include <QVariant>

#include <archive.h>
#include <archive_entry.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace Nbc {

namespace {

const QString kFormat = QStringLiteral("netboot-console kit");
const QString kInventory = QStringLiteral("inventory.sqlite");
// The folder an import unpacks into first, inside the target (so the final moves are
// renames on one file system).
const QString kStagingPrefix = QStringLiteral(".netboot-kit-import-");
constexpr qint64 kChunk = 1024 * 1024;
constexpr qint64 kMaxManifestBytes = 32 * 1024 * 1024;
constexpr qint64 kMaxEndMarkerBytes = 1024;

// Folders of the workspace that travel whole, and files of its top level.
const char *const kFolders[] = {"configs", "secrets", "patches", "artifacts"};
const char *const kTopFiles[] = {"netboot.yaml", "leases.json", "installed.json", "rulenumbers.json"};

struct WriteFree {
    void operator()(archive *a) const { archive_write_free(a); }
};
struct ReadFree {
    void operator()(archive *a) const { archive_read_free(a); }
};
struct EntryFree {
    void operator()(archive_entry *e) const { archive_entry_free(e); }
};
using WritePtr = std::unique_ptr<archive, WriteFree>;
using ReadPtr = std::unique_ptr<archive, ReadFree>;
using EntryPtr = std::unique_ptr<archive_entry, EntryFree>;

QString archiveError(archive *a)
{
    const char *message = archive_error_string(a);
    return message ? QString::fromLocal8Bit(message) : KitBundle::tr("unknown archive error");
}

QString entryPath(archive_entry *entry)
{
    if (const char *utf8 = archive_entry_pathname_utf8(entry))
        return QString::fromUtf8(utf8);
    const char *raw = archive_entry_pathname(entry);
    return raw ? QString::fromLocal8Bit(raw) : QString();
}

int modeOf(QFileDevice::Permissions p)
{
    int mode = 0;
    const QPair<QFileDevice::Permission, int> bits[] = {
        {QFileDevice::ReadOwner, 0400}, {QFileDevice::WriteOwner, 0200}, {QFileDevice::ExeOwner, 0100},
        {QFileDevice::ReadGroup, 040},  {QFileDevice::WriteGroup, 020},  {QFileDevice::ExeGroup, 010},
        {QFileDevice::ReadOther, 04},   {QFileDevice::WriteOther, 02},   {QFileDevice::ExeOther, 01},
    };
    for (const auto &bit : bits) {
        if (p.testFlag(bit.first))
            mode |= bit.second;
    }
    return mode;
}

QFileDevice::Permissions permissionsOf(int mode)
{
    QFileDevice::Permissions p;
    const QPair<int, QFileDevice::Permission> bits[] = {
        {0400, QFileDevice::ReadOwner}, {0200, QFileDevice::WriteOwner}, {0100, QFileDevice::ExeOwner},
        {040, QFileDevice::ReadGroup},  {020, QFileDevice::WriteGroup},  {010, QFileDevice::ExeGroup},
        {04, QFileDevice::ReadOther},   {02, QFileDevice::WriteOther},   {01, QFileDevice::ExeOther},
    };
    for (const auto &bit : bits) {
        if (mode & bit.first)
            p |= bit.second;
    }
    return p;
}

// What a file gets in the bundle and after import: secrets are the owner's alone; the
// rest keeps its bits, never set-id or writable by others, always the owner's to rewrite.
int storedMode(int mode, bool isPrivate)
{
    return isPrivate ? 0600 : ((mode & 0755) | 0600);
}

// `path` relative to `root` when it lies inside it (both clean and absolute); else empty.
QString relativeInside(const QString &root, const QString &path)
{
    if (root.isEmpty() || path.isEmpty() || !path.startsWith(root + u'/'))
        return {};
    return path.mid(root.size() + 1);
}

QByteArray sha256Hex(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

// SHA-256 (hex) of a file, or empty when it cannot be read; `progress` sees each chunk.
QByteArray fileSha256(const QString &path, const std::function<bool(qint64)> &chunkDone, bool *cancelled)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QByteArray buffer(kChunk, Qt::Uninitialized);
    for (;;) {
        const qint64 n = file.read(buffer.data(), buffer.size());
        if (n < 0)
            return {};
        if (n == 0)
            break;
        hash.addData(QByteArrayView(buffer.constData(), n));
        if (chunkDone && !chunkDone(n)) {
            *cancelled = true;
            return {};
        }
    }
    return hash.result().toHex();
}

QString sizeText(qint64 bytes)
{
    return QLocale::system().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

la_ssize_t writeToSaveFile(archive *, void *client, const void *buffer, size_t length)
{
    auto *file = static_cast<QSaveFile *>(client);
    const qint64 n = file->write(static_cast<const char *>(buffer), qint64(length));
    return n < 0 ? -1 : la_ssize_t(n);
}

// The tar stream on its way to the compressor: its SHA-256 up to the end marker goes into
// the end marker, so an import checks every byte of the stream, not only the files (zstd
// as libarchive 3.6 writes it carries no checksum of its own).
struct HashingSink {
    archive *compressor = nullptr;
    QCryptographicHash hash{QCryptographicHash::Sha256};
    bool hashing = true;
};

la_ssize_t writeToCompressor(archive *, void *client, const void *buffer, size_t length)
{
    auto *sink = static_cast<HashingSink *>(client);
    if (sink->hashing)
        sink->hash.addData(QByteArrayView(static_cast<const char *>(buffer), qsizetype(length)));
    return archive_write_data(sink->compressor, buffer, length);
}

qint64 alignedToRecord(qint64 position)
{
    return (position + 511) / 512 * 512;
}

const QList<QPair<KitLeftOut::Reason, QString>> kReasonKeys = {
    {KitLeftOut::Reason::Outside, QStringLiteral("outside")},
    {KitLeftOut::Reason::Missing, QStringLiteral("missing")},
    {KitLeftOut::Reason::NotAFile, QStringLiteral("not-a-file")},
    {KitLeftOut::Reason::NotAFolder, QStringLiteral("not-a-folder")},
};

QString reasonKey(KitLeftOut::Reason reason)
{
    for (const auto &pair : kReasonKeys) {
        if (pair.first == reason)
            return pair.second;
    }
    return {};
}

// A key this version does not know (a later one wrote it) reads as "outside".
KitLeftOut::Reason reasonFromKey(const QString &key)
{
    for (const auto &pair : kReasonKeys) {
        if (pair.second == key)
            return pair.first;
    }
    return KitLeftOut::Reason::Outside;
}

struct Source {
    QString absolute;   // where it is read from
    bool isPrivate = false;
};

// Everything that goes into the bundle, found before anything is written.
struct Collected {
    QMap<QString, Source> files;   // relative path -> source; sorted, so bundles compare
    QList<KitLeftOut> leftOut;
    QStringList warnings;
};

Collected collect(const QString &workspaceDir, const WorkspaceSettings &settings)
{
    Collected out;
    const QString root = QDir::cleanPath(QFileInfo(workspaceDir).absoluteFilePath());
    const QString canonicalRoot = QFileInfo(workspaceDir).canonicalFilePath();
    const QDir ws(root);
    QSet<QString> leftOutPaths;
    auto leaveOut = [&](const QString &path, KitLeftOut::Reason reason) {
        if (!leftOutPaths.contains(path)) {
            leftOutPaths.insert(path);
            out.leftOut.append({path, reason});
        }
    };
    // A file inside the folder, by its absolute path as the workspace spells it; one whose
    // real place is outside (a link out of the folder) stays out.
    auto add = [&](const QString &absolute, const QString &named, bool isPrivate) {
        const QFileInfo info(absolute);
        if (!info.exists()) {
            leaveOut(named, KitLeftOut::Reason::Missing);
            return;
        }
        QString rel = relativeInside(canonicalRoot, info.canonicalFilePath());
        if (rel.isEmpty() || !info.isFile()) {
            leaveOut(named, info.isFile() ? KitLeftOut::Reason::Outside : KitLeftOut::Reason::NotAFile);
            return;
        }
        const QString spelled = relativeInside(root, QDir::cleanPath(absolute));
        if (!spelled.isEmpty())
            rel = spelled;
        // Never the inventory's -wal and -shm, an import's staging folder or a name of the
        // bundle's own (an extra root may be the workspace folder itself).
        if (!KitBundle::unsafePathReason(rel).isEmpty())
            return;
        Source &source = out.files[rel];
        source.absolute = absolute;
        source.isPrivate = source.isPrivate || isPrivate || KitBundle::isPrivatePath(rel);
    };
    auto addFolder = [&](const QString &absolute) {
        QDirIterator it(absolute, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            it.next();
            const QString path = it.fileInfo().absoluteFilePath();
            add(path, relativeInside(root, QDir::cleanPath(path)), false);
        }
    };
    // A file netboot.yaml names: carried when it lies in the folder, listed as left out when not.
    auto reference = [&](const QString &named, bool isPrivate) {
        if (named.isEmpty())
            return;
        const QString absolute = QDir::cleanPath(ws.absoluteFilePath(named));
        if (QDir::isAbsolutePath(named) && !relativeInside(root, absolute).isEmpty()) {
            out.warnings << KitBundle::tr("netboot.yaml names %1 by its absolute path: on another computer the "
                                          "workspace must be in the same place, or the path changed to %2.")
                                .arg(named, relativeInside(root, absolute));
        }
        add(absolute, named, isPrivate);
    };

    for (const char *name : kTopFiles) {
        const QString path = ws.filePath(QLatin1String(name));
        if (QFileInfo(path).isFile())
            add(path, QLatin1String(name), false);
    }
    for (const char *folder : kFolders) {
        const QString path = ws.filePath(QLatin1String(folder));
        if (QFileInfo(path).isDir())
            addFolder(path);
    }
    for (const ArtifactSet &set : settings.artifacts) {
        reference(set.kernelPath, false);
        reference(set.initramfsPath, false);
        reference(set.cmdlinePath, false);
    }
    reference(settings.ipxeBios, false);
    reference(settings.ipxeUefi, false);
    for (const MachineIntent &m : settings.machines) {
        reference(m.configPath, true);
        for (const QString &patch : m.patches)
            reference(patch, true);
    }
    // A rule's config may lie anywhere netboot.yaml says, like a machine's.
    for (const MachineRule &rule : settings.rules) {
        reference(rule.configPath, true);
        for (const QString &patch : rule.patches)
            reference(patch, true);
    }
    // The extra TFTP and HTTP roots and the Pi boot folders travel when they are folders of
    // the workspace.
    for (const QString &named : {settings.tftpRoot, settings.httpRoot, settings.piBootDir}) {
        if (named.isEmpty())
            continue;
        const QString absolute = QDir::cleanPath(ws.absoluteFilePath(named));
        const QFileInfo info(absolute);
        if (!info.isDir())
            leaveOut(named, info.exists() ? KitLeftOut::Reason::NotAFolder : KitLeftOut::Reason::Missing);
        else if (info.canonicalFilePath() != canonicalRoot
                 && relativeInside(canonicalRoot, info.canonicalFilePath()).isEmpty())
            leaveOut(named, KitLeftOut::Reason::Outside);
        else
            addFolder(absolute);
    }
    return out;
}

// A consistent copy of a SQLite database that may be open (WAL) elsewhere: VACUUM INTO
// reads one snapshot in a transaction of its own; copying the file could catch a
// half-checkpointed database and miss what is still in its -wal.
bool copyDatabase(const QString &from, const QString &to, QString *error)
{
    const QString connection = QStringLiteral("nbc-kit-export-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(from);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        if (!db.open()) {
            *error = db.lastError().text();
        } else {
            QSqlQuery query(db);
            query.prepare(QStringLiteral("VACUUM INTO ?"));
            query.addBindValue(to);
            ok = query.exec();
            if (!ok)
                *error = query.lastError().text();
            query.finish();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return ok;
}

// One entry of the bundle: header, then `size` bytes from `data` or from the file.
class BundleWriter
{
public:
    BundleWriter(archive *a) : m_a(a) {}

    bool header(const QString &path, qint64 size, int mode, const QDateTime &modified)
    {
        EntryPtr entry(archive_entry_new());
        archive_entry_set_pathname_utf8(entry.get(), path.toUtf8().constData());
        archive_entry_set_filetype(entry.get(), AE_IFREG);
        archive_entry_set_perm(entry.get(), mode_t(mode));
        archive_entry_set_size(entry.get(), size);
        const qint64 ms = modified.toMSecsSinceEpoch();
        archive_entry_set_mtime(entry.get(), time_t(ms / 1000), long((ms % 1000) * 1000000));
        // Nobody's names or ids travel: the importing side owns what it writes.
        archive_entry_set_uid(entry.get(), 0);
        archive_entry_set_gid(entry.get(), 0);
        return archive_write_header(m_a, entry.get()) == ARCHIVE_OK;
    }
    bool data(const char *bytes, qint64 size)
    {
        return archive_write_data(m_a, bytes, size_t(size)) == la_ssize_t(size);
    }
    bool bytes(const QString &path, const QByteArray &content, const QDateTime &modified)
    {
        return header(path, content.size(), 0644, modified) && data(content.constData(), content.size());
    }

private:
    archive *m_a;
};

} // namespace

QString KitLeftOut::reasonText() const
{
    switch (reason) {
    case Reason::Outside:
        return KitBundle::tr("outside the workspace folder");
    case Reason::Missing:
        return KitBundle::tr("missing");
    case Reason::NotAFile:
        return KitBundle::tr("not a plain file");
    case Reason::NotAFolder:
        return KitBundle::tr("not a folder");
    }
    return {};
}

bool KitImportResult::inventoryReplaced() const
{
    return written.contains(kInventory);
}

QString KitBundle::defaultFileName(const QDate &date)
{
    return QStringLiteral("netboot-kit-%1.tar.zst").arg(date.toString(Qt::ISODate));
}

bool KitBundle::isPrivatePath(const QString &relativePath)
{
    for (const char *folder : {"configs/", "secrets/", "patches/"}) {
        if (relativePath.startsWith(QLatin1String(folder)))
            return true;
    }
    return false;
}

QString KitBundle::unsafePathReason(const QString &path)
{
    if (path.isEmpty())
        return tr("an empty name");
    if (path.size() > 4096)
        return tr("a name too long");
    for (const QChar c : path) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || c == u'\\')
            return tr("a name with control characters or backslashes");
    }
    if (path.startsWith(u'/'))
        return tr("an absolute path");
    const QStringList parts = path.split(u'/');
    for (const QString &part : parts) {
        if (part == QLatin1String(".."))
            return tr("a path that leaves the workspace folder");
        if (part.isEmpty() || part == QLatin1String("."))
            return tr("a path with empty or '.' parts");
        if (part.size() > 255)
            return tr("a name too long");
    }
    if (parts.first().startsWith(kStagingPrefix) || path == manifestName() || path == endMarkerName()
        || path == kInventory + QStringLiteral("-wal") || path == kInventory + QStringLiteral("-shm"))
        return tr("a name the console keeps for itself");
    return {};
}

KitExportResult KitBundle::exportBundle(const QString &workspaceDir, const QString &outFile,
                                        const KitExportOptions &options)
{
    KitExportResult result;
    auto fail = [&result](KitBundleError code, const QString &message) {
        result.code = code;
        result.error = message;
        result.files.clear();
        return result;
    };
    const QDir ws(workspaceDir);
    QFile yamlFile(ws.filePath(Workspace::settingsFileName()));
    if (!QFileInfo(workspaceDir).isDir() || !yamlFile.open(QIODevice::ReadOnly))
        return fail(KitBundleError::NotAWorkspace,
                    tr("%1 has no netboot.yaml that can be read: it is not a workspace.").arg(workspaceDir));
    WorkspaceSettings settings;
    WorkspaceError parseError;
    if (!Workspace::parse(yamlFile.readAll(), yamlFile.fileName(), &settings, &parseError))
        return fail(KitBundleError::NotAWorkspace,
                    tr("netboot.yaml has an error (%1): fix it first, so the bundle opens on the other computer.")
                        .arg(parseError.toString()));
    yamlFile.close();

    Collected collected = collect(workspaceDir, settings);
    result.leftOut = collected.leftOut;
    result.warnings = collected.warnings;

    // The inventory through SQLite, into a folder of our own that goes away with it.
    QTemporaryDir scratch;
    const QString inventoryPath = ws.filePath(kInventory);
    if (options.includeInventory && QFileInfo(inventoryPath).isFile()) {
        if (!scratch.isValid())
            return fail(KitBundleError::CannotWrite,
                        tr("No temporary folder for the inventory's copy: %1").arg(scratch.errorString()));
        const QString copy = scratch.filePath(kInventory);
        QString why;
        if (!copyDatabase(inventoryPath, copy, &why))
            return fail(KitBundleError::CannotRead, tr("The inventory %1 cannot be copied: %2").arg(inventoryPath, why));
        QFile::setPermissions(copy, QFileInfo(inventoryPath).permissions());
        collected.files[kInventory] = Source{copy, false};
    } else {
        collected.files.remove(kInventory);
    }

    // Sizes and checksums first: the manifest leads the bundle, so an import can refuse a
    // bundle too large before it unpacks a byte.
    qint64 total = 0;
    for (auto it = collected.files.cbegin(); it != collected.files.cend(); ++it) {
        const QFileInfo info(it->absolute);
        KitFile file;
        file.path = it.key();
        file.size = info.size();
        file.isPrivate = it->isPrivate;
        file.mode = storedMode(modeOf(info.permissions()), it->isPrivate);
        file.modified = QDateTime::fromMSecsSinceEpoch(info.lastModified().toMSecsSinceEpoch(), Qt::UTC);
        total += file.size;
        result.files.append(file);
    }
    if (total > kKitMaxTotalBytes || result.files.size() > kKitMaxFiles)
        return fail(KitBundleError::TooLarge,
                    tr("The workspace holds %1 in %n files; a kit bundle may hold at most %2 in %3 files.", nullptr,
                       int(result.files.size()))
                        .arg(sizeText(total), sizeText(kKitMaxTotalBytes))
                        .arg(kKitMaxFiles));
    result.totalBytes = total;
    // Every byte is read twice: once for its checksum, once into the bundle.
    const qint64 progressTotal = 2 * total;
    qint64 done = 0;
    bool cancelled = false;
    auto chunkDone = [&](qint64 n) {
        done += n;
        return !options.progress || options.progress(done, progressTotal);
    };
    for (KitFile &file : result.files) {
        file.sha256 = fileSha256(collected.files.value(file.path).absolute, chunkDone, &cancelled);
        if (cancelled)
            return fail(KitBundleError::Cancelled, tr("The export was cancelled; no bundle was written."));
        if (file.sha256.isEmpty())
            return fail(KitBundleError::CannotRead,
                        tr("%1 cannot be read: %2").arg(collected.files.value(file.path).absolute,
                                                        QFile(collected.files.value(file.path).absolute).errorString()));
    }

    const QDateTime created = QDateTime::currentDateTimeUtc();
    QJsonArray files;
    for (const KitFile &file : std::as_const(result.files)) {
        files.append(QJsonObject{
            {QStringLiteral("path"), file.path},
            {QStringLiteral("size"), double(file.size)},
            {QStringLiteral("mode"), file.mode},
            {QStringLiteral("modified"), file.modified.toString(Qt::ISODateWithMs)},
            {QStringLiteral("sha256"), QString::fromLatin1(file.sha256)},
            {QStringLiteral("private"), file.isPrivate},
        });
    }
    QJsonArray leftOut;
    for (const KitLeftOut &left : std::as_const(result.leftOut))
        leftOut.append(QJsonObject{{QStringLiteral("path"), left.path}, {QStringLiteral("reason"), reasonKey(left.reason)}});
    const QByteArray manifest = QJsonDocument(QJsonObject{
                                                  {QStringLiteral("format"), kFormat},
                                                  {QStringLiteral("version"), kFormatVersion},
                                                  {QStringLiteral("created"), created.toString(Qt::ISODateWithMs)},
                                                  {QStringLiteral("createdBy"),
                                                   QStringLiteral("Netboot Console " NBC_VERSION)},
                                                  {QStringLiteral("files"), files},
                                                  {QStringLiteral("leftOut"), leftOut},
                                              })
                                    .toJson(QJsonDocument::Indented);

    QSaveFile out(outFile);
    if (!out.open(QIODevice::WriteOnly))
        return fail(KitBundleError::CannotWrite, tr("%1 cannot be written: %2").arg(outFile, out.errorString()));
    // Two writers: the tar stream (pax: names of any length, files beyond 8 GiB; unblocked,
    // so nothing follows the end-of-archive records) goes through HashingSink into a zstd
    // compressor that writes it as it is.
    WritePtr compressor(archive_write_new());
    archive_write_add_filter_zstd(compressor.get());
    archive_write_set_format_raw(compressor.get());
    archive_write_set_bytes_in_last_block(compressor.get(), 1);
    if (archive_write_open2(compressor.get(), &out, nullptr, writeToSaveFile, nullptr, nullptr) != ARCHIVE_OK)
        return fail(KitBundleError::CannotWrite,
                    tr("%1 cannot be written: %2").arg(outFile, archiveError(compressor.get())));
    {
        EntryPtr stream(archive_entry_new());
        archive_entry_set_pathname(stream.get(), "bundle.tar");
        archive_entry_set_filetype(stream.get(), AE_IFREG);
        if (archive_write_header(compressor.get(), stream.get()) != ARCHIVE_OK)
            return fail(KitBundleError::CannotWrite,
                        tr("%1 cannot be written: %2").arg(outFile, archiveError(compressor.get())));
    }
    HashingSink sink;
    sink.compressor = compressor.get();
    WritePtr a(archive_write_new());
    archive_write_set_format_pax_restricted(a.get());
    archive_write_set_bytes_per_block(a.get(), 0);
    if (archive_write_open2(a.get(), &sink, nullptr, writeToCompressor, nullptr, nullptr) != ARCHIVE_OK)
        return fail(KitBundleError::CannotWrite, tr("%1 cannot be written: %2").arg(outFile, archiveError(a.get())));
    BundleWriter writer(a.get());
    auto writeFailed = [&](const QString &what) {
        out.cancelWriting();
        const QString why = out.error() != QFileDevice::NoError ? out.errorString()
            : archive_errno(compressor.get()) != 0             ? archiveError(compressor.get())
                                                               : archiveError(a.get());
        return fail(KitBundleError::CannotWrite, tr("%1 cannot be written (%2): %3").arg(outFile, what, why));
    };
    if (!writer.bytes(manifestName(), manifest, created))
        return writeFailed(manifestName());
    QByteArray buffer(kChunk, Qt::Uninitialized);
    for (const KitFile &file : std::as_const(result.files)) {
        const QString source = collected.files.value(file.path).absolute;
        QFile in(source);
        if (!in.open(QIODevice::ReadOnly))
            return fail(KitBundleError::CannotRead, tr("%1 cannot be read: %2").arg(source, in.errorString()));
        if (!writer.header(file.path, file.size, file.mode, file.modified))
            return writeFailed(file.path);
        QCryptographicHash hash(QCryptographicHash::Sha256);
        qint64 left = file.size;
        while (left > 0) {
            const qint64 n = in.read(buffer.data(), qMin(left, qint64(buffer.size())));
            if (n <= 0)
                break;
            hash.addData(QByteArrayView(buffer.constData(), n));
            if (!writer.data(buffer.constData(), n))
                return writeFailed(file.path);
            left -= n;
            if (!chunkDone(n)) {
                out.cancelWriting();
                return fail(KitBundleError::Cancelled, tr("The export was cancelled; no bundle was written."));
            }
        }
        // A file that changed between its checksum and its copy would make a bundle that
        // every import refuses: better to say so now.
        if (left != 0 || hash.result().toHex() != file.sha256 || in.read(1).size() != 0) {
            out.cancelWriting();
            return fail(KitBundleError::CannotRead,
                        tr("%1 changed while the bundle was written; export again.").arg(source));
        }
    }
    // The last file's padding is written now, so the stream's checksum ends where the end
    // marker's header starts (where an import's reader finds it).
    if (archive_write_finish_entry(a.get()) != ARCHIVE_OK)
        return writeFailed(endMarkerName());
    const QByteArray streamSha256 = sink.hash.result().toHex();
    sink.hashing = false;
    // A time in whole seconds: the marker's header needs no pax record.
    const QDateTime endTime = QDateTime::fromSecsSinceEpoch(created.toSecsSinceEpoch(), Qt::UTC);
    if (!writer.bytes(endMarkerName(), sha256Hex(manifest) + '\n' + streamSha256 + '\n', endTime))
        return writeFailed(endMarkerName());
    if (archive_write_close(a.get()) != ARCHIVE_OK || archive_write_close(compressor.get()) != ARCHIVE_OK)
        return writeFailed(tr("closing it"));
    if (!out.commit())
        return fail(KitBundleError::CannotWrite, tr("%1 cannot be written: %2").arg(outFile, out.errorString()));
    return result;
}

namespace {

// Everything of an import up to the first write into the workspace happens here, inside
// a staging folder that goes away with this object whatever the outcome.
class Importer
{
    Q_DECLARE_TR_FUNCTIONS(KitBundle)
public:
    Importer(const QString &bundle, const QString &workspaceDir, const KitImportOptions &options,
             KitImportResult *result)
        : m_bundle(bundle), m_ws(workspaceDir), m_options(options), m_result(*result)
    {
    }

    bool run();

private:
    bool fail(KitBundleError code, const QString &message)
    {
        m_result.code = code;
        m_result.error = message;
        m_result.written.clear();
        m_result.kept.clear();
        m_result.unchanged.clear();
        return false;
    }
    bool damaged(const QString &why)
    {
        return fail(KitBundleError::Damaged,
                    tr("The kit bundle is damaged or incomplete: %1; nothing was written.").arg(why));
    }
    bool unsafe(const QString &what)
    {
        return fail(KitBundleError::Unsafe,
                    tr("The kit bundle holds %1; it is refused and nothing was written.").arg(what));
    }
    // Not zstd at all is "not a bundle"; zstd that breaks before the first name is damaged.
    bool notABundleOrDamaged(const QString &why)
    {
        QFile file(m_bundle);
        if (!file.open(QIODevice::ReadOnly))
            return fail(KitBundleError::CannotRead, tr("%1 cannot be read: %2").arg(m_bundle, file.errorString()));
        if (file.read(4) == QByteArray::fromHex("28b52ffd"))
            return damaged(why);
        return fail(KitBundleError::NotABundle,
                    tr("%1 is not a kit bundle (a .tar.zst written by Netboot Console): %2").arg(m_bundle, why));
    }
    bool cancelled()
    {
        return fail(KitBundleError::Cancelled, tr("The import was cancelled; nothing was written."));
    }
    bool readManifest(archive *a);
    bool readEntries(archive *a);
    bool verifyStream();
    bool readSmall(archive *a, archive_entry *entry, qint64 limit, QByteArray *out, const QString &name);
    bool extract(archive *a, const KitFile &file);
    bool decide(QStringList *toWrite);
    bool moveIntoPlace(const QStringList &toWrite);

    QString m_bundle;
    QDir m_ws;
    const KitImportOptions &m_options;
    KitImportResult &m_result;
    QTemporaryDir *m_staging = nullptr;
    QByteArray m_manifestBytes;
    QByteArray m_streamSha256;        // the end marker's: the tar stream before its header
    qint64 m_endHeaderAt = -1;        // where the end marker's header starts in the tar stream
    qint64 m_endDataEnd = -1;         // where its content ends
    QMap<QString, KitFile> m_files;   // path -> what the manifest says
    qint64 m_total = 0;
    qint64 m_done = 0;
};

bool Importer::readSmall(archive *a, archive_entry *entry, qint64 limit, QByteArray *out, const QString &name)
{
    if (archive_entry_filetype(entry) != AE_IFREG || archive_entry_hardlink(entry))
        return unsafe(tr("'%1', which is not a plain file").arg(name));
    if (!archive_entry_size_is_set(entry) || archive_entry_size(entry) < 0 || archive_entry_size(entry) > limit)
        return damaged(tr("its %1 has an impossible size").arg(name));
    const qint64 size = archive_entry_size(entry);
    out->resize(size);
    qint64 got = 0;
    while (got < size) {
        const la_ssize_t n = archive_read_data(a, out->data() + got, size_t(size - got));
        if (n < 0)
            return damaged(archiveError(a));
        if (n == 0)
            break;
        got += n;
    }
    if (got != size)
        return damaged(tr("its %1 is cut short").arg(name));
    return true;
}

bool Importer::readManifest(archive *a)
{
    archive_entry *entry = nullptr;
    const int r = archive_read_next_header(a, &entry);
    if (r == ARCHIVE_EOF)
        return fail(KitBundleError::NotABundle, tr("%1 is empty: it is not a kit bundle.").arg(m_bundle));
    if (r < ARCHIVE_WARN)
        return notABundleOrDamaged(archiveError(a));
    if (entryPath(entry) != KitBundle::manifestName())
        return fail(KitBundleError::NotABundle,
                    tr("%1 is not a kit bundle: it does not start with %2.").arg(m_bundle, KitBundle::manifestName()));
    if (!readSmall(a, entry, kMaxManifestBytes, &m_manifestBytes, KitBundle::manifestName()))
        return false;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(m_manifestBytes, &parseError);
    const QJsonObject root = doc.object();
    if (doc.isNull() || !doc.isObject())
        return damaged(tr("its list of files does not read (%1)").arg(parseError.errorString()));
    if (root.value(QLatin1String("format")).toString() != kFormat)
        return fail(KitBundleError::NotABundle,
                    tr("%1 is not a kit bundle: its %2 is of another kind.").arg(m_bundle, KitBundle::manifestName()));
    const int version = root.value(QLatin1String("version")).toInt(0);
    if (version > KitBundle::kFormatVersion)
        return fail(KitBundleError::NewerFormat,
                    tr("This kit bundle was written by a newer Netboot Console (format %1; this one reads up to %2): "
                       "update it first. Nothing was written.")
                        .arg(version)
                        .arg(KitBundle::kFormatVersion));
    if (version < 1)
        return damaged(tr("its list of files has no format version"));
    m_result.created = QDateTime::fromString(root.value(QLatin1String("created")).toString(), Qt::ISODateWithMs);
    m_result.createdBy = root.value(QLatin1String("createdBy")).toString();
    const QJsonArray files = root.value(QLatin1String("files")).toArray();
    if (files.size() > kKitMaxFiles)
        return fail(KitBundleError::TooLarge,
                    tr("The kit bundle lists %n files, more than the %1 it may hold; it is refused and nothing was "
                       "written.", nullptr, int(files.size())).arg(kKitMaxFiles));
    static const QRegularExpression hex64(QStringLiteral("^[0-9a-f]{64}$"));
    QSet<QString> folders;
    for (const QJsonValue &value : files) {
        const QJsonObject o = value.toObject();
        KitFile file;
        file.path = o.value(QLatin1String("path")).toString();
        const double size = o.value(QLatin1String("size")).toDouble(-1);
        file.mode = o.value(QLatin1String("mode")).toInt(-1);
        file.modified = QDateTime::fromString(o.value(QLatin1String("modified")).toString(), Qt::ISODateWithMs);
        file.sha256 = o.value(QLatin1String("sha256")).toString().toLatin1();
        file.isPrivate = o.value(QLatin1String("private")).toBool() || KitBundle::isPrivatePath(file.path);
        const QString reason = KitBundle::unsafePathReason(file.path);
        if (!reason.isEmpty())
            return unsafe(tr("'%1' (%2)").arg(file.path, reason));
        if (size > double(kKitMaxTotalBytes))
            return fail(KitBundleError::TooLarge,
                        tr("The kit bundle holds '%1' of more than %2; it is refused and nothing was written.")
                            .arg(file.path, sizeText(kKitMaxTotalBytes)));
        if (size < 0 || size != double(qint64(size)) || file.mode < 0 || file.mode > 07777 || !file.modified.isValid()
            || !hex64.match(QString::fromLatin1(file.sha256)).hasMatch())
            return damaged(tr("its list of files has an impossible entry for '%1'").arg(file.path));
        file.size = qint64(size);
        if (m_files.contains(file.path))
            return damaged(tr("its list names '%1' twice").arg(file.path));
        m_total += file.size;
        if (m_total > kKitMaxTotalBytes)
            return fail(KitBundleError::TooLarge,
                        tr("The kit bundle would expand to more than %1; it is refused and nothing was written.")
                            .arg(sizeText(kKitMaxTotalBytes)));
        // A name both a file and a folder ("a" and "a/b") cannot be written.
        const QStringList parts = file.path.split(u'/');
        for (int i = 1; i < parts.size(); ++i)
            folders.insert(parts.mid(0, i).join(u'/'));
        m_files.insert(file.path, file);
    }
    for (const QString &folder : std::as_const(folders)) {
        if (m_files.contains(folder))
            return damaged(tr("its list has '%1' both as a file and as a folder").arg(folder));
    }
    const QJsonArray leftOut = root.value(QLatin1String("leftOut")).toArray();
    for (const QJsonValue &value : leftOut) {
        const QJsonObject o = value.toObject();
        m_result.leftOut.append({o.value(QLatin1String("path")).toString(),
                                 reasonFromKey(o.value(QLatin1String("reason")).toString())});
    }
    return true;
}

bool Importer::extract(archive *a, const KitFile &file)
{
    const QString staged = QDir(m_staging->path()).filePath(file.path);
    if (!QDir().mkpath(QFileInfo(staged).absolutePath()))
        return fail(KitBundleError::CannotWrite, tr("%1 cannot be written in %2.").arg(file.path, m_staging->path()));
    QFile out(staged);
    if (!out.open(QIODevice::WriteOnly | QIODevice::NewOnly))
        return fail(KitBundleError::CannotWrite, tr("%1 cannot be written: %2").arg(staged, out.errorString()));
    // Private before the first byte: a config is never readable by others, not even here.
    out.setPermissions(permissionsOf(storedMode(file.mode, file.isPrivate)));
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QByteArray buffer(kChunk, Qt::Uninitialized);
    qint64 got = 0;
    for (;;) {
        const la_ssize_t n = archive_read_data(a, buffer.data(), size_t(buffer.size()));
        if (n < 0)
            return damaged(tr("%1 (in '%2')").arg(archiveError(a), file.path));
        if (n == 0)
            break;
        got += n;
        if (got > file.size)
            return damaged(tr("'%1' is longer than its list says").arg(file.path));
        hash.addData(QByteArrayView(buffer.constData(), n));
        if (out.write(buffer.constData(), n) != n)
            return fail(KitBundleError::CannotWrite, tr("%1 cannot be written: %2").arg(staged, out.errorString()));
        m_done += n;
        if (m_options.progress && !m_options.progress(m_done, 2 * m_total))
            return cancelled();
    }
    if (got != file.size)
        return damaged(tr("'%1' is cut short").arg(file.path));
    if (hash.result().toHex() != file.sha256)
        return damaged(tr("'%1' does not match its checksum").arg(file.path));
    if (!out.flush())
        return fail(KitBundleError::CannotWrite, tr("%1 cannot be written: %2").arg(staged, out.errorString()));
    out.setFileTime(file.modified, QFileDevice::FileModificationTime);
    out.close();
    return true;
}

bool Importer::readEntries(archive *a)
{
    QSet<QString> seen;
    bool ended = false;
    for (;;) {
        archive_entry *entry = nullptr;
        const int r = archive_read_next_header(a, &entry);
        if (r == ARCHIVE_EOF)
            break;
        if (r < ARCHIVE_WARN)
            return damaged(archiveError(a));
        const QString path = entryPath(entry);
        if (ended)
            return damaged(tr("it goes on after its end ('%1')").arg(path));
        if (archive_entry_filetype(entry) != AE_IFREG || archive_entry_hardlink(entry))
            return unsafe(tr("'%1', which is not a plain file (a link, a folder or a device)").arg(path));
        if (path == KitBundle::endMarkerName()) {
            m_endHeaderAt = archive_read_header_position(a);
            const qint64 dataStart = archive_filter_bytes(a, 0);
            QByteArray marker;
            if (!readSmall(a, entry, kMaxEndMarkerBytes, &marker, path))
                return false;
            m_endDataEnd = dataStart + marker.size();
            const QList<QByteArray> lines = marker.split('\n');
            if (lines.size() != 3 || lines.at(0) != sha256Hex(m_manifestBytes) || lines.at(1).size() != 64
                || !lines.at(2).isEmpty())
                return damaged(tr("its end does not belong to its start"));
            m_streamSha256 = lines.at(1);
            ended = true;
            continue;
        }
        const QString reason = KitBundle::unsafePathReason(path);
        if (!reason.isEmpty())
            return unsafe(tr("'%1' (%2)").arg(path, reason));
        const auto it = m_files.constFind(path);
        if (it == m_files.constEnd())
            return damaged(tr("'%1' is not in its list of files").arg(path));
        if (seen.contains(path))
            return damaged(tr("it holds '%1' twice").arg(path));
        if (!archive_entry_size_is_set(entry) || archive_entry_size(entry) != it->size)
            return damaged(tr("'%1' has %2 bytes where its list says %3")
                               .arg(path)
                               .arg(archive_entry_size(entry))
                               .arg(it->size));
        if (!extract(a, *it))
            return false;
        seen.insert(path);
    }
    if (!ended)
        return damaged(tr("it ends before its last entry"));
    if (seen.size() != m_files.size()) {
        QStringList missing;
        for (auto it = m_files.cbegin(); it != m_files.cend(); ++it) {
            if (!seen.contains(it.key()))
                missing << it.key();
        }
        return damaged(missing.size() == 1
                           ? tr("a file of its list is missing (%1)").arg(missing.constFirst())
                           : tr("%n files of its list are missing (%1)", nullptr, int(missing.size()))
                                 .arg(missing.mid(0, 3).join(QLatin1String(", "))));
    }
    return true;
}

// Every byte of the tar stream, read again as it is: up to the end marker against the
// checksum the marker holds; after it, only the end-of-archive records (zeros), exactly.
bool Importer::verifyStream()
{
    ReadPtr a(archive_read_new());
    archive_read_support_filter_zstd(a.get());
    archive_read_support_format_raw(a.get());
    archive_entry *entry = nullptr;
    if (archive_read_open_filename(a.get(), QFile::encodeName(m_bundle).constData(), 64 * 1024) != ARCHIVE_OK
        || archive_read_next_header(a.get(), &entry) < ARCHIVE_WARN)
        return damaged(archiveError(a.get()));
    const qint64 end = alignedToRecord(m_endDataEnd) + 1024;
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QByteArray buffer(kChunk, Qt::Uninitialized);
    qint64 position = 0;
    for (;;) {
        const la_ssize_t n = archive_read_data(a.get(), buffer.data(), size_t(buffer.size()));
        if (n < 0)
            return damaged(archiveError(a.get()));
        if (n == 0)
            break;
        if (position + n > end)
            return damaged(tr("it goes on after its end"));
        if (position < m_endHeaderAt)
            hash.addData(QByteArrayView(buffer.constData(), qMin<qint64>(n, m_endHeaderAt - position)));
        for (qint64 i = qMax<qint64>(0, m_endDataEnd - position); i < n; ++i) {
            if (buffer.at(i) != 0)
                return damaged(tr("it goes on after its end"));
        }
        position += n;
        m_done += n;
        if (m_options.progress && !m_options.progress(qMin(m_done, 2 * m_total), 2 * m_total))
            return cancelled();
    }
    if (position != end)
        return damaged(tr("its end-of-archive records are cut short"));
    if (hash.result().toHex() != m_streamSha256)
        return damaged(tr("it does not match its own checksum"));
    return true;
}

bool Importer::decide(QStringList *toWrite)
{
    for (const KitFile &file : std::as_const(m_files)) {
        const QString target = m_ws.filePath(file.path);
        // Every folder on the way must be a folder (or not there yet).
        const QStringList parts = file.path.split(u'/');
        for (int i = 1; i < parts.size(); ++i) {
            const QFileInfo folder(m_ws.filePath(parts.mid(0, i).join(u'/')));
            if (folder.exists() && !folder.isDir())
                return fail(KitBundleError::CannotWrite,
                            tr("%1 is a file in the workspace where the bundle has a folder; nothing was written.")
                                .arg(folder.filePath()));
        }
        const QFileInfo info(target);
        if (info.isDir())
            return fail(KitBundleError::CannotWrite,
                        tr("%1 is a folder in the workspace where the bundle has a file; nothing was written.")
                            .arg(target));
        if (!info.exists()) {
            toWrite->append(file.path);
            continue;
        }
        bool ignored = false;
        if (info.size() == file.size && fileSha256(target, {}, &ignored) == file.sha256) {
            m_result.unchanged.append(file.path);
            continue;
        }
        const QDateTime here = QDateTime::fromMSecsSinceEpoch(info.lastModified().toMSecsSinceEpoch(), Qt::UTC);
        if (here <= file.modified) {
            toWrite->append(file.path);
            continue;
        }
        // Newer here: never replaced without asking (and kept when nobody can be asked).
        const KitConflict conflict{file.path, here, file.modified, info.size(), file.size};
        const KitConflictChoice choice = m_options.onNewerFile ? m_options.onNewerFile(conflict) : KitConflictChoice::Keep;
        if (choice == KitConflictChoice::Cancel)
            return cancelled();
        if (choice == KitConflictChoice::Overwrite)
            toWrite->append(file.path);
        else
            m_result.kept.append(file.path);
    }
    return true;
}

bool Importer::moveIntoPlace(const QStringList &toWrite)
{
    for (const QString &path : toWrite) {
        const QString staged = QDir(m_staging->path()).filePath(path);
        const QString target = m_ws.filePath(path);
        // Folders made for secrets (configs/, secrets/, ...) are the owner's alone, as
        // Workspace makes configs/.
        const QStringList parts = path.split(u'/');
        QString folder = m_ws.path();
        for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
            folder += u'/' + parts.at(i);
            if (QFileInfo(folder).isDir())
                continue;
            if (!QDir().mkdir(folder))
                return fail(KitBundleError::CannotWrite, tr("The folder %1 cannot be made.").arg(folder));
            if (m_files.value(path).isPrivate)
                QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        }
        if (path == kInventory) {
            // A -wal left from the replaced database would be replayed into this one.
            QFile::remove(target + QStringLiteral("-wal"));
            QFile::remove(target + QStringLiteral("-shm"));
        }
        // rename(2): each file is replaced whole, never half-written.
        if (std::rename(QFile::encodeName(staged).constData(), QFile::encodeName(target).constData()) != 0) {
            const QString why = QString::fromLocal8Bit(std::strerror(errno));
            const QStringList done = m_result.written;
            m_result.code = KitBundleError::CannotWrite;
            m_result.error = done.isEmpty()
                ? tr("%1 cannot be written (%2); nothing was written.").arg(target, why)
                : tr("%1 cannot be written (%2); these files were written before it: %3")
                      .arg(target, why, done.join(QLatin1String(", ")));
            return false;
        }
        m_result.written.append(path);
    }
    return true;
}

bool Importer::run()
{
    QTemporaryDir staging(m_ws.filePath(kStagingPrefix + QStringLiteral("XXXXXX")));
    if (!staging.isValid())
        return fail(KitBundleError::CannotWrite,
                    tr("%1 cannot be written: %2").arg(m_ws.path(), staging.errorString()));
    m_staging = &staging;
    ReadPtr a(archive_read_new());
    archive_read_support_filter_zstd(a.get());
    archive_read_support_format_tar(a.get());
    if (archive_read_open_filename(a.get(), QFile::encodeName(m_bundle).constData(), 64 * 1024) != ARCHIVE_OK)
        return notABundleOrDamaged(archiveError(a.get()));
    if (!readManifest(a.get()))
        return false;
    const QStorageInfo storage(m_ws.path());
    if (storage.isValid() && storage.bytesAvailable() >= 0 && storage.bytesAvailable() < m_total)
        return fail(KitBundleError::TooLarge,
                    tr("The kit bundle needs %1 free in %2; %3 is free. Nothing was written.")
                        .arg(sizeText(m_total), m_ws.path(), sizeText(storage.bytesAvailable())));
    if (!readEntries(a.get()) || !verifyStream())
        return false;
    if (m_options.progress && !m_options.progress(2 * m_total, 2 * m_total))
        return cancelled();
    QStringList toWrite;
    if (!decide(&toWrite))
        return false;
    return moveIntoPlace(toWrite);
}

} // namespace

KitImportResult KitBundle::importBundle(const QString &bundleFile, const QString &workspaceDir,
                                        const KitImportOptions &options)
{
    KitImportResult result;
    if (!QFileInfo(bundleFile).isFile()) {
        result.code = KitBundleError::CannotRead;
        result.error = tr("%1 is not there, or not a file.").arg(bundleFile);
        return result;
    }
    const QFileInfo target(workspaceDir);
    if (target.exists() && !target.isDir()) {
        result.code = KitBundleError::CannotWrite;
        result.error = tr("%1 is a file, not a folder: nothing was written.").arg(workspaceDir);
        return result;
    }
    const bool existed = target.exists();
    if (!existed && !QDir().mkpath(workspaceDir)) {
        result.code = KitBundleError::CannotWrite;
        result.error = tr("The folder %1 cannot be made: nothing was written.").arg(workspaceDir);
        return result;
    }
    const bool ok = Importer(bundleFile, workspaceDir, options, &result).run();
    // The staging folder is gone by now; a folder made for nothing goes too.
    if (!ok && !existed && result.written.isEmpty())
        QDir().rmdir(workspaceDir);
    return result;
}

} // namespace Nbc
