#pragma once

#include <QString>
#include <QStringList>

class QHostAddress;

namespace Nbc::Boot {

// The kernel arguments Talos's own imager writes for `metal` (reference §8.3): first
// talos.platform=metal, then the platform's consoles (amd64: console=tty0, with
// console=ttyS0 before it up to 1.7; arm64: console=ttyAMA0 console=tty0), then
// kernel.DefaultArgs for the version's quirks. An unknown or empty version gets the
// newest known set; an unknown arch is amd64.
QStringList talosDefaultKernelArgs(const QString &talosVersion, const QString &arch = QString());

// Extra arguments merged the way Talos merges them (go-procfs AppendAll with console and
// talos.platform overwritten, negated arguments deleted):
// - a `console=` in the extras replaces all the default consoles (the extras' own
//   consoles are kept, in their order);
// - `-key` deletes every value of key, `-key=value` only that value;
// - any other key gets its value appended to the same key's existing values, which
//   stay where they were (KSPP reads the first value, so `pti=off` does not weaken it).
QStringList mergeKernelArgs(const QStringList &base, const QString &extra);

// The command line an Image Factory serves as cmdline-metal-<arch> (reference §8.6), read
// from `path`: used instead of talosDefaultKernelArgs when present. Empty when the file
// cannot be read, is larger than 4 KiB, is not one line of printable text, or does not
// say talos.platform=.
QString readTalosCmdline(const QString &path);

// The log sink URL for talos.logging.kernel= and a KmsgLogConfig document: the same
// string in both, IPv6 hosts bracketed, so Talos de-duplicates them (reference §8.4).
QString talosLogUrl(const QHostAddress &host, quint16 port);
QString talosLogUrl(const QString &host, quint16 port);

} // namespace Nbc::Boot
