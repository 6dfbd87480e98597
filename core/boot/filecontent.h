#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace Nbc::Boot {

// What a file really is, for the sentence that refuses it: "kernel-amd64 is an HTML page"
// tells a person that a proxy or a captive portal answered, where "not a bzImage" does
// not. Only for display; whether a file is accepted is decided by ArtifactStore::inspect.
class FileContent
{
    Q_DECLARE_TR_FUNCTIONS(FileContent)
public:
    // How many leading bytes describe() looks at (an ISO 9660 descriptor sits at 32 KiB).
    static constexpr qsizetype kHeadSize = 0x8000 + 8;

    // A noun phrase: "an HTML page (“Not Found”)", "an xz-compressed file", "an empty file".
    static QString describe(const QByteArray &head);
    // The same for the first kHeadSize bytes of a file; empty when it cannot be read.
    static QString describeFile(const QString &path);
};

} // namespace Nbc::Boot
