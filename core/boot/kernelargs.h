#pragma once

#include <QString>
#include <QStringList>

namespace Nbc::Boot {

// The kernel arguments Talos's own imager generates for `metal` amd64, by Talos version
// (reference: talos pkg/imager/imager_test.go expectations; KSPP args slab_nomerge and
// pti=on are enforced at boot, so they are always present). An unknown or empty version
// gets the newest known set.
QStringList talosDefaultKernelArgs(const QString &talosVersion);

// Appends `extra` (whitespace-separated) to `base`; a key given in `extra` replaces the
// same key in `base` (console= may repeat, so console args are appended, not replaced).
QStringList mergeKernelArgs(const QStringList &base, const QString &extra);

} // namespace Nbc::Boot
