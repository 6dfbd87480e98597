#include "boot/filecontent.h"

#include <QFile>
#include <QStringDecoder>

namespace Nbc::Boot {

namespace {

bool at(const QByteArray &head, qsizetype offset, const QByteArray &magic)
{
    return head.size() >= offset + magic.size() && head.mid(offset, magic.size()) == magic;
}

// The first line of a text, shortened for a sentence.
QString firstLine(const QString &text)
{
    QString line = text.section(QLatin1Char('\n'), 0, 0).simplified();
    if (line.size() > 60)
        line = line.left(57) + QStringLiteral("...");
    return line;
}

// A text file: UTF-8 without control characters other than white space.
bool isText(const QByteArray &sample, QString *text)
{
    QStringDecoder decoder(QStringDecoder::Utf8);
    *text = decoder.decode(sample);
    if (decoder.hasError())
        return false;
    for (const QChar c : std::as_const(*text)) {
        if (c.unicode() < 0x20 && c != u'\n' && c != u'\r' && c != u'\t')
            return false;
    }
    return true;
}

} // namespace

QString FileContent::describe(const QByteArray &head)
{
    if (head.isEmpty())
        return tr("an empty file");
    // Linux boot protocol: 0xAA55 at 0x1FE and "HdrS" at 0x202 (Documentation/x86/boot.rst).
    if (at(head, 0x1fe, QByteArray::fromHex("55aa")) && at(head, 0x202, "HdrS"))
        return tr("an x86 Linux kernel (bzImage)");
    if (head.startsWith("MZ"))
        return tr("an EFI or Windows executable (for example a UKI), not a bare kernel");
    if (head.startsWith("\x7f" "ELF"))
        return tr("an ELF executable, not a bzImage kernel");
    if (at(head, 0x8001, "CD001"))
        return tr("an ISO 9660 image");
    if (head.startsWith(QByteArray::fromHex("fd377a585a00")))
        return tr("an xz-compressed file");
    if (head.startsWith(QByteArray::fromHex("28b52ffd")))
        return tr("a zstd-compressed file");
    if (head.startsWith(QByteArray::fromHex("1f8b")))
        return tr("a gzip-compressed file");
    if (head.startsWith("BZh"))
        return tr("a bzip2-compressed file");
    if (head.startsWith("070701") || head.startsWith("070702"))
        return tr("an uncompressed cpio archive");
    if (head.startsWith("PK\x03\x04"))
        return tr("a ZIP archive");
    if (at(head, 257, "ustar"))
        return tr("a tar archive");

    QString text;
    if (!isText(head.left(4096), &text)) {
        // The sample may end inside a multi-byte character: try once more a little shorter.
        if (!isText(head.left(4093), &text))
            return tr("unrecognised binary data");
    }
    const QString trimmed = text.trimmed();
    const QString lower = trimmed.left(1024).toLower();
    if (lower.startsWith(QLatin1String("<!doctype html")) || lower.contains(QLatin1String("<html"))
        || lower.contains(QLatin1String("<body"))) {
        const qsizetype open = lower.indexOf(QLatin1String("<title>"));
        const qsizetype close = lower.indexOf(QLatin1String("</title>"));
        if (open >= 0 && close > open) {
            const QString title = firstLine(trimmed.mid(open + 7, close - open - 7));
            if (!title.isEmpty())
                return tr("an HTML page (“%1”)").arg(title);
        }
        return tr("an HTML page");
    }
    if (lower.startsWith(QLatin1String("<?xml")))
        return tr("an XML document");
    if (lower.startsWith(QLatin1Char('{')) || lower.startsWith(QLatin1Char('[')))
        return tr("a JSON document (“%1”)").arg(firstLine(trimmed));
    return tr("a text file starting with “%1”").arg(firstLine(trimmed));
}

QString FileContent::describeFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return describe(file.read(kHeadSize));
}

} // namespace Nbc::Boot
