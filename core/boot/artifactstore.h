#pragma once

#include "model/outcome.h"

#include <QCoreApplication>
#include <QString>

namespace Nbc::Boot {

// What a boot artefact file really is, checked before it is ever served: a kernel that
// is not a bzImage or an initramfs that is not compressed cpio would only fail on the
// machine, minutes later, with a message nobody sees.
struct ArtifactCheck {
    bool ok = false;
    qint64 size = 0;
    QString format;     // "bzImage", "xz", "zstd", "gzip", "cpio"
    bool unreadable = false;   // not ok because the file cannot be read (else: not what it should be)
    QString error;      // for a person: what is wrong and what to do
};

class ArtifactStore
{
    Q_DECLARE_TR_FUNCTIONS(ArtifactStore)
public:
    // kind: Kernel or Initramfs.
    static ArtifactCheck inspect(const QString &path, ArtifactKind kind);
};

} // namespace Nbc::Boot
