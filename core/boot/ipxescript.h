#pragma once

#include "boot/bootsnapshot.h"
#include "model/outcome.h"

#include <QByteArray>
#include <QString>

namespace Nbc::Boot {

// iPXE scripts served over HTTP. Pure: the same snapshot and request give the same bytes.
struct IpxeScript {
    int status = 200;          // 404 for the http-404 after-install policy
    QByteArray text;
    ScriptKind kind = ScriptKind::None;
};

class IpxeScripts
{
public:
    // Seconds an unassigned machine waits in iPXE before asking again.
    static constexpr int kWaitSeconds = 5;

    // What an installed machine is told (afterInstall exit and sanboot; also the export's).
    // Exit status 1: UEFI firmware boots its next entry, where status 0 opens its boot
    // menu; BIOS firmware goes on either way.
    static constexpr const char *kExitToNextDevice = "exit 1\n";
    // The UEFI build of iPXE that Debian ships cannot sanboot a local disk ("No such
    // device"): then the next boot entry, as with exit.
    static constexpr const char *kSanbootFirstDisk = "sanboot --no-describe --drive 0x80 || exit 1\n";

    // /boot.ipxe: makes sure iPXE has an address, then chains to the per-machine script
    // with the facts iPXE knows (MAC, SMBIOS UUID/serial/manufacturer/product, arch).
    static IpxeScript entry(const BootSnapshot &snapshot);

    // /m/<mac>/script.ipxe: boot Talos, wait for an assignment, or boot from disk.
    // `query` is the raw query the entry script sent, repeated when the script re-chains.
    // `configToken` goes into talos.config= (ConfigTokens): only the machine's own address
    // is given a script that fetches its config.
    static IpxeScript forMachine(const BootSnapshot &snapshot, const QString &mac, const QString &query,
                                 const QString &configToken = {});
    // The script for a request from an address the machine's DHCP exchange did not give it
    // (or before any was seen): says so on the machine's screen and asks again.
    static IpxeScript awaitingAddress(const BootSnapshot &snapshot, const QString &mac, const QString &query);

    // URL path prefix of a machine's routes: "/m/52-54-00-12-34-56".
    static QString machinePath(const QString &mac);
    // What a waiting machine's own screen shows in block letters: its hostname, or the
    // last three bytes of its MAC ("E2-E0-03") so it can be matched to its row.
    static QString screenName(const BootSnapshot &snapshot, const QString &mac);
    // The Talos kernel command line for this machine (without the kernel image name).
    // Talos's kernel arguments for an artefact set (its factory command line or Talos's
    // defaults, the set's extras merged as Talos merges them), after initrd=initramfs.xz;
    // without talos.config= and the log sink. Also what an export writes.
    static QStringList talosKernelArgs(const ArtifactSet *set);
    static QString talosCommandLine(const BootSnapshot &snapshot, const QString &mac, bool withConfig,
                                    const QString &configToken = {});
};

} // namespace Nbc::Boot
