#include "boot/isoimport.h"

#include "boot/artifactstore.h"
#include "boot/filecontent.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QList>
#include <QRegularExpression>
#include <QTemporaryFile>

#include <archive.h>
#include <archive_entry.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace Nbc::Boot {

namespace {

const QString kKernelEntry = QStringLiteral("boot/vmlinuz");
const QString kInitramfsEntry = QStringLiteral("boot/initramfs.xz");

struct ArchiveFree {
    void operator()(archive *a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveFree>;

QString archiveError(archive *a)
{
    const char *message = archive_error_string(a);
    return message ? QString::fromLocal8Bit(message) : QString();
}

// A read handle on the ISO 9660 file system, or null with libarchive's reason.
ArchivePtr openIso(const QString &path, QString *error)
{
    ArchivePtr a(archive_read_new());
    archive_read_support_format_iso9660(a.get());
    if (archive_read_open_filename(a.get(), QFile::encodeName(path).constData(), 64 * 1024) != ARCHIVE_OK) {
        *error = archiveError(a.get());
        return {};
    }
    return a;
}

QString entryPath(archive_entry *entry)
{
    if (const char *utf8 = archive_entry_pathname_utf8(entry))
        return QString::fromUtf8(utf8);
    const char *raw = archive_entry_pathname(entry);
    return raw ? QString::fromLocal8Bit(raw) : QString();
}

// Without Rock Ridge or Joliet the names are "BOOT/VMLINUZ.;1": compare on a lower-case
// path without the version suffix, the trailing dot and a leading "./" or "/".
QString entryKey(QString path)
{
    while (path.startsWith(QLatin1String("./")))
        path.remove(0, 2);
    while (path.startsWith(QLatin1Char('/')))
        path.remove(0, 1);
    const qsizetype semicolon = path.lastIndexOf(QLatin1Char(';'));
    if (semicolon > path.lastIndexOf(QLatin1Char('/')))
        path.truncate(semicolon);
    if (path.endsWith(QLatin1Char('.')))
        path.chop(1);
    return path.toLower();
}

struct IsoEntry {
    QString path;   // as the ISO spells it
    QString key;    // entryKey(path)
    qint64 size = 0;
};

// The labels of the primary volume descriptor (ECMA-119 8.4: sector 16, "CD001").
// Talos writes its version there since 1.10 (talos pkg/imager/iso/iso.go: volume set
// "Talos-v1.10.0", volume id "TALOS_V1_10_0").
struct VolumeLabels {
    bool isIso = false;
    QString volumeId;
    QString volumeSetId;
};

VolumeLabels readVolumeLabels(const QString &path)
{
    VolumeLabels labels;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || !file.seek(16 * 2048))
        return labels;
    const QByteArray pvd = file.read(2048);
    if (pvd.size() < 2048 || pvd.at(0) != 1 || pvd.mid(1, 5) != "CD001")
        return labels;
    labels.isIso = true;
    labels.volumeId = QString::fromLatin1(pvd.mid(40, 32)).trimmed();
    labels.volumeSetId = QString::fromLatin1(pvd.mid(190, 128)).trimmed();
    return labels;
}

QString withV(const QString &version)
{
    return version.startsWith(QLatin1Char('v')) ? version : QLatin1Char('v') + version;
}

QString talosVersionOf(const QList<IsoEntry> &ukis, const VolumeLabels &labels)
{
    static const QRegularExpression ukiName(QStringLiteral("^talos-(v?\\d+\\.\\d+\\.\\d+[^/]*)\\.efi$"),
                                            QRegularExpression::CaseInsensitiveOption);
    for (const IsoEntry &uki : ukis) {
        const QRegularExpressionMatch m = ukiName.match(QFileInfo(uki.path).fileName().section(QLatin1Char(';'), 0, 0));
        if (m.hasMatch())
            return withV(m.captured(1).toLower());
    }
    static const QRegularExpression volumeSet(QStringLiteral("^Talos-(?:SB-)?(v?\\d+\\.\\d+\\.\\d+\\S*)$"),
                                              QRegularExpression::CaseInsensitiveOption);
    if (const QRegularExpressionMatch m = volumeSet.match(labels.volumeSetId); m.hasMatch())
        return withV(m.captured(1));
    // The volume id maps '.' and '-' to '_': only a plain x.y.z can be read back.
    static const QRegularExpression volumeId(QStringLiteral("^TALOS_V(\\d+)_(\\d+)_(\\d+)$"));
    if (const QRegularExpressionMatch m = volumeId.match(labels.volumeId); m.hasMatch())
        return QStringLiteral("v%1.%2.%3").arg(m.captured(1), m.captured(2), m.captured(3));
    return {};
}

bool isKernelLike(const QString &key)
{
    const QString name = key.section(QLatin1Char('/'), -1);
    return name.startsWith(QLatin1String("vmlinuz")) || name.startsWith(QLatin1String("bzimage"))
        || name.startsWith(QLatin1String("initrd")) || name.startsWith(QLatin1String("initramfs"))
        || name == QLatin1String("linux") || name == QLatin1String("kernel");
}

QString slashed(const QString &path)
{
    return path.startsWith(QLatin1Char('/')) ? path : QLatin1Char('/') + path;
}

struct Listing {
    QList<IsoEntry> files;
    const IsoEntry *find(const QString &key) const
    {
        for (const IsoEntry &e : files) {
            if (e.key == key)
                return &e;
        }
        return nullptr;
    }
};

} // namespace

IsoImportResult IsoImport::extract(const QString &isoPath, const QString &destinationDir,
                                   const std::function<bool(qint64, qint64)> &progress)
{
    IsoImportResult result;
    const QString isoName = QFileInfo(isoPath).fileName();
    auto refuse = [&result](IsoLayout layout, IsoImportOutcome outcome, const QString &error) {
        result.layout = layout;
        result.outcome = outcome;
        result.error = error;
        return result;
    };

    // Pass 1: the directory only (libarchive skips file data by seeking), to say what the
    // ISO is before anything is written.
    QFile probe(isoPath);
    if (isoPath.isEmpty() || !probe.open(QIODevice::ReadOnly)) {
        return refuse(IsoLayout::Unreadable, IsoImportOutcome::NotUsable,
                      isoPath.isEmpty() ? tr("No ISO file is chosen. Choose a Talos ISO such as metal-amd64.iso.")
                                        : tr("%1 cannot be read: %2. Check that the file exists and that you may "
                                             "read it.").arg(isoPath, probe.errorString()));
    }
    probe.close();
    const VolumeLabels labels = readVolumeLabels(isoPath);
    if (!labels.isIso) {
        return refuse(IsoLayout::Unreadable, IsoImportOutcome::NotUsable,
                      tr("%1 is not an ISO image: it is %2. Choose a Talos ISO such as metal-amd64.iso.")
                          .arg(isoName, FileContent::describeFile(isoPath)));
    }
    auto damaged = [&](const QString &reason) {
        return refuse(IsoLayout::Unreadable, IsoImportOutcome::NotUsable,
                      tr("%1 cannot be read as an ISO image (%2): it may be damaged or incomplete. "
                         "Download it again.").arg(isoName, reason));
    };

    Listing listing;
    {
        QString error;
        ArchivePtr a = openIso(isoPath, &error);
        if (!a)
            return damaged(error);
        archive_entry *entry = nullptr;
        for (;;) {
            const int r = archive_read_next_header(a.get(), &entry);
            if (r == ARCHIVE_EOF)
                break;
            if (r != ARCHIVE_OK && r != ARCHIVE_WARN)
                return damaged(archiveError(a.get()));
            if (archive_entry_filetype(entry) != AE_IFREG)
                continue;
            const QString path = entryPath(entry);
            listing.files.append({path, entryKey(path), archive_entry_size(entry)});
        }
    }

    // What the ISO holds for booting (talos pkg/imager/iso: grub.go for BIOS, uefi.go for
    // systemd-boot; the SecureBoot ISO keeps its EFI files inside efiboot.img).
    static const QRegularExpression ukiKey(QStringLiteral("^efi/linux/[^/]+\\.efi$"));
    static const QRegularExpression loaderKey(QStringLiteral("^efi/boot/boot(x64|aa64|ia32)\\.efi$"));
    QList<IsoEntry> ukis;
    QStringList bootFiles;
    bool efiLoader = false;
    bool efiImage = false;
    bool systemdBoot = false;
    bool onlyEfi = true;
    for (const IsoEntry &e : std::as_const(listing.files)) {
        const bool uki = ukiKey.match(e.key).hasMatch();
        const bool loader = loaderKey.match(e.key).hasMatch();
        const bool image = e.key.section(QLatin1Char('/'), -1) == QLatin1String("efiboot.img");
        if (uki)
            ukis.append(e);
        efiLoader = efiLoader || loader;
        efiImage = efiImage || image;
        systemdBoot = systemdBoot || e.key == QLatin1String("loader/loader.conf");
        if (!e.key.startsWith(QLatin1String("efi/")) && !e.key.startsWith(QLatin1String("loader/")) && !image
            && e.key != QLatin1String("boot.catalog") && e.key != QLatin1String("boot/boot.catalog"))
            onlyEfi = false;
        if (uki || loader || image || (isKernelLike(e.key) && bootFiles.size() < 8))
            bootFiles.append(e.path);
    }
    if (bootFiles.isEmpty()) {
        for (const IsoEntry &e : std::as_const(listing.files)) {
            const QString top = e.path.section(QLatin1Char('/'), 0, 0, QString::SectionSkipEmpty);
            const QString shown = e.path.contains(QLatin1Char('/')) ? top + QLatin1Char('/') : top;
            if (!bootFiles.contains(shown) && bootFiles.size() < 8)
                bootFiles.append(shown);
        }
    }
    result.found = bootFiles;
    result.talosVersion = talosVersionOf(ukis, labels);
    const bool talosLabel = labels.volumeId.startsWith(QLatin1String("talos"), Qt::CaseInsensitive)
        || labels.volumeSetId.startsWith(QLatin1String("talos"), Qt::CaseInsensitive);

    const IsoEntry *kernel = listing.find(kKernelEntry);
    const IsoEntry *initramfs = listing.find(kInitramfsEntry);
    if (!kernel || !initramfs) {
        QStringList ukiPaths;
        for (const IsoEntry &e : std::as_const(ukis))
            ukiPaths.append(e.path);
        if (!ukis.isEmpty()) {
            return refuse(IsoLayout::UkiOnly, IsoImportOutcome::NotUsable,
                          tr("This ISO has only a UKI (%1): it boots with UEFI HTTP boot, not with a separate kernel "
                             "and initramfs. Download the kernel and initramfs from an Image Factory instead.")
                              .arg(ukiPaths.join(QLatin1String(", "))));
        }
        if ((efiLoader || efiImage) && (talosLabel || systemdBoot || onlyEfi) && !kernel && !initramfs) {
            return refuse(IsoLayout::UkiOnly, IsoImportOutcome::NotUsable,
                          tr("This ISO has only a UEFI boot loader (%1) and no /boot/vmlinuz or /boot/initramfs.xz: "
                             "it is an arm64 or SecureBoot ISO that boots a UKI. Download the kernel and initramfs "
                             "from an Image Factory instead.").arg(bootFiles.join(QLatin1String(", "))));
        }
        if (kernel || initramfs) {
            return refuse(IsoLayout::NotTalos, IsoImportOutcome::NotUsable,
                          tr("This ISO has %1 but no %2, so the kernel and initramfs cannot both be taken from it. "
                             "Use metal-amd64.iso from a Talos release or an Image Factory.")
                              .arg(slashed(kernel ? kKernelEntry : kInitramfsEntry),
                                   slashed(kernel ? kInitramfsEntry : kKernelEntry)));
        }
        const QString found = bootFiles.isEmpty() ? tr("no files") : bootFiles.join(QLatin1String(", "));
        return refuse(IsoLayout::NotTalos, IsoImportOutcome::NotUsable,
                      tr("This ISO has no /boot/vmlinuz and /boot/initramfs.xz, so it is not a Talos ISO (found: %1). "
                         "Use metal-amd64.iso from a Talos release or an Image Factory.").arg(found));
    }
    result.layout = IsoLayout::TalosGrub;

    // Pass 2: stream the two files into temporary files next to their final names.
    const QString destination = QDir(destinationDir).absolutePath();
    auto writeError = [&](const QString &what, const QString &reason) {
        return refuse(IsoLayout::TalosGrub, IsoImportOutcome::WriteError,
                      tr("Cannot write %1: %2. Check the free space and the permissions of %3.")
                          .arg(what, reason, destination));
    };
    if (destinationDir.isEmpty() || !QDir().mkpath(destination))
        return writeError(destination, tr("the folder cannot be created"));

    struct Target {
        const IsoEntry *entry;
        ArtifactKind kind;
        QString finalPath;
        std::unique_ptr<QTemporaryFile> file;
        bool done = false;
    };
    Target targets[2] = {
        {kernel, ArtifactKind::Kernel, QDir(destination).filePath(kernelFileName()), nullptr},
        {initramfs, ArtifactKind::Initramfs, QDir(destination).filePath(initramfsFileName()), nullptr},
    };
    const qint64 total = kernel->size + initramfs->size;
    qint64 done = 0;
    const QString cancelled = tr("Import cancelled; nothing was written.");
    if (progress && !progress(0, total))
        return refuse(IsoLayout::TalosGrub, IsoImportOutcome::Cancelled, cancelled);

    {
        QString error;
        ArchivePtr a = openIso(isoPath, &error);
        if (!a)
            return damaged(error);
        QByteArray buffer(256 * 1024, Qt::Uninitialized);
        archive_entry *entry = nullptr;
        while (!(targets[0].done && targets[1].done)) {
            const int r = archive_read_next_header(a.get(), &entry);
            if (r == ARCHIVE_EOF)
                break;
            if (r != ARCHIVE_OK && r != ARCHIVE_WARN)
                return damaged(archiveError(a.get()));
            if (archive_entry_filetype(entry) != AE_IFREG)
                continue;
            const QString key = entryKey(entryPath(entry));
            Target *target = nullptr;
            for (Target &t : targets) {
                if (!t.done && t.entry->key == key)
                    target = &t;
            }
            if (!target)
                continue;
            const QString finalName = QFileInfo(target->finalPath).fileName();
            target->file = std::make_unique<QTemporaryFile>(QDir(destination).filePath(
                QLatin1Char('.') + finalName + QStringLiteral(".XXXXXX")));
            if (!target->file->open())
                return writeError(target->finalPath, target->file->errorString());
            qint64 copied = 0;
            for (;;) {
                const la_ssize_t n = archive_read_data(a.get(), buffer.data(), size_t(buffer.size()));
                if (n == 0)
                    break;
                if (n < 0)
                    return damaged(archiveError(a.get()));
                if (target->file->write(buffer.constData(), n) != n)
                    return writeError(target->finalPath, target->file->errorString());
                copied += n;
                done += n;
                if (progress && !progress(done, total))
                    return refuse(IsoLayout::TalosGrub, IsoImportOutcome::Cancelled, cancelled);
            }
            if (copied != target->entry->size)
                return damaged(tr("%1 ends after %2 of %3 bytes").arg(slashed(target->entry->path)).arg(copied)
                                   .arg(target->entry->size));
            if (!target->file->flush())
                return writeError(target->finalPath, target->file->errorString());
            target->file->close();
            target->done = true;
        }
    }
    if (!targets[0].done || !targets[1].done)
        return damaged(tr("%1 is listed but cannot be read").arg(slashed(targets[0].done ? kInitramfsEntry : kKernelEntry)));

    // Both must be what their names say before either replaces anything.
    for (Target &t : targets) {
        const ArtifactCheck check = ArtifactStore::inspect(t.file->fileName(), t.kind);
        if (check.unreadable)
            return writeError(t.finalPath, check.error);
        if (!check.ok) {
            const QString what = FileContent::describeFile(t.file->fileName());
            return refuse(IsoLayout::TalosGrub, IsoImportOutcome::WrongFile,
                          t.kind == ArtifactKind::Kernel
                              ? tr("%1 in this ISO is %2, not an x86 Linux kernel (bzImage), so the ISO cannot be "
                                   "used for network boot. Use metal-amd64.iso from a Talos release or an Image "
                                   "Factory.").arg(slashed(t.entry->path), what)
                              : tr("%1 in this ISO is %2, not a compressed initramfs, so the ISO cannot be used "
                                   "for network boot. Use metal-amd64.iso from a Talos release or an Image "
                                   "Factory.").arg(slashed(t.entry->path), what));
        }
    }
    for (Target &t : targets) {
        t.file->setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                               | QFileDevice::ReadOther);
        // rename(2) replaces an older file of that name in one step; QFile::rename would not.
        if (std::rename(QFile::encodeName(t.file->fileName()).constData(),
                        QFile::encodeName(t.finalPath).constData()) != 0) {
            return writeError(t.finalPath, QString::fromLocal8Bit(std::strerror(errno)));
        }
        t.file->setAutoRemove(false);
    }
    if (progress)
        progress(total, total);
    result.kernelPath = targets[0].finalPath;
    result.initramfsPath = targets[1].finalPath;
    result.outcome = IsoImportOutcome::Done;
    return result;
}

} // namespace Nbc::Boot
