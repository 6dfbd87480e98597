#include "boot/artifactstore.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

namespace Nbc::Boot {

ArtifactCheck ArtifactStore::inspect(const QString &path, ArtifactKind kind)
{
    ArtifactCheck check;
    QFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::ReadOnly)) {
        check.unreadable = true;
        check.error = path.isEmpty() ? tr("no file is set") : tr("%1 cannot be read: %2").arg(path, file.errorString());
        return check;
    }
    check.size = file.size();
    const QByteArray head = file.read(0x210);
    if (kind == ArtifactKind::Kernel) {
        // Linux boot protocol: 0xAA55 at 0x1FE and "HdrS" at 0x202 (Documentation/x86/boot.rst).
        if (head.size() >= 0x206 && static_cast<uchar>(head.at(0x1fe)) == 0x55
            && static_cast<uchar>(head.at(0x1ff)) == 0xaa && head.mid(0x202, 4) == "HdrS") {
            check.ok = true;
            check.format = QStringLiteral("bzImage");
        } else {
            check.error = tr("%1 is not an x86 Linux kernel (bzImage); use vmlinuz-amd64 from a Talos release "
                             "or kernel-amd64 from the Image Factory").arg(QFileInfo(path).fileName());
        }
        return check;
    }
    if (head.startsWith(QByteArray::fromHex("fd377a585a00"))) {
        check.format = QStringLiteral("xz");
    } else if (head.startsWith(QByteArray::fromHex("28b52ffd"))) {
        check.format = QStringLiteral("zstd");
    } else if (head.startsWith(QByteArray::fromHex("1f8b"))) {
        check.format = QStringLiteral("gzip");
    } else if (head.startsWith("070701") || head.startsWith("070702")) {
        check.format = QStringLiteral("cpio");
    }
    if (check.format.isEmpty()) {
        check.error = tr("%1 is not an initramfs (xz, zstd or gzip compressed cpio); use initramfs-amd64.xz "
                         "from a Talos release").arg(QFileInfo(path).fileName());
        return check;
    }
    check.ok = true;
    return check;
}

} // namespace Nbc::Boot
