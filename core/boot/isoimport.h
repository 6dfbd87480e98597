#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <functional>

namespace Nbc::Boot {

// What a Talos ISO offers for network boot (talos pkg/imager/iso: grub.go, uefi.go).
enum class IsoLayout {
    TalosGrub,    // /boot/vmlinuz and /boot/initramfs.xz (all amd64 ISOs up to 1.9, and the
                  // BIOS half of the dual-boot 1.10+ amd64 ISO)
    UkiOnly,      // systemd-boot and a UKI only (EFI/Linux/Talos-<v>.efi, EFI/BOOT/BOOT*.EFI or
                  // just efiboot.img): arm64 and SecureBoot ISOs; nothing to chain from iPXE
    NotTalos,     // an ISO 9660 image without Talos's kernel and initramfs
    Unreadable,   // not an ISO 9660 image, or it cannot be read
};

// How an import ended. The layout says what the ISO is; this says what became of it.
enum class IsoImportOutcome {
    Done,
    NotUsable,    // the layout is not TalosGrub (see IsoImportResult::layout)
    WrongFile,    // /boot/vmlinuz is not a bzImage or /boot/initramfs.xz not compressed cpio
    WriteError,   // the destination folder cannot be written
    Cancelled,    // the progress callback returned false
};

struct IsoImportResult {
    IsoLayout layout = IsoLayout::Unreadable;   // as far as the ISO was read (Cancelled/WriteError:
                                                // only meaningful when TalosGrub)
    IsoImportOutcome outcome = IsoImportOutcome::NotUsable;
    QString kernelPath;      // absolute paths of the extracted files, set when ok()
    QString initramfsPath;
    QString talosVersion;    // "v1.9.5" when the ISO tells (UKI name, volume label); may be empty
    QStringList found;       // the ISO's boot files (or top-level entries), for the message
    QString error;           // for a person: what was found instead and what to do
    bool ok() const { return outcome == IsoImportOutcome::Done; }
};

// Takes the kernel and initramfs out of a Talos ISO (metal-amd64.iso), the one offline
// source a technician often already has on a stick. Blocking: call it off the GUI thread.
class IsoImport
{
    Q_DECLARE_TR_FUNCTIONS(IsoImport)
public:
    // File names the extracted files get in destinationDir.
    static QString kernelFileName() { return QStringLiteral("vmlinuz-amd64"); }
    static QString initramfsFileName() { return QStringLiteral("initramfs-amd64.xz"); }

    // Reads isoPath, streams /boot/vmlinuz and /boot/initramfs.xz into destinationDir
    // (created if missing) as kernelFileName() and initramfsFileName(), through temporary
    // files that are renamed into place only once both are checked (ArtifactStore::inspect);
    // on any failure or a cancel nothing new is left in destinationDir. progress(done, total)
    // counts the bytes of the two files; returning false cancels.
    static IsoImportResult extract(const QString &isoPath, const QString &destinationDir,
                                   const std::function<bool(qint64 done, qint64 total)> &progress = {});
};

} // namespace Nbc::Boot
