#pragma once

#include <QString>

namespace Nbc {

// Typed outcomes of what an engine did for a machine. The registry decides on these;
// sentences are made from them for display only (STYLE.md rule 10), so a translation or
// a reworded message never changes a machine's stage.

// Which iPXE script a machine was served. Its key is the `detail` of a script-served
// event line (a contract of --headless).
enum class ScriptKind : quint8 {
    None,
    Entry,         // /boot.ipxe, the generic entry
    BootTalos,     // kernel, initramfs and talos.config=
    Maintenance,   // Talos without a config (unassigned: maintenance)
    Wait,          // no config assigned: iPXE asks again in a few seconds
    NoArtifacts,   // no kernel and initramfs set up
    Exit,          // installed: back to the firmware, which boots the disk
    Sanboot,       // installed: iPXE boots the first disk itself
    Http404,       // installed: the script answers 404, iPXE falls through
    AddressUnconfirmed,   // asked from an address the machine's DHCP exchange did not give
                          // it (or none seen yet): iPXE asks again, nothing secret is sent
};
QString scriptKey(ScriptKind kind);
ScriptKind scriptFromKey(const QString &key);
// The script that sends an installed machine to its disk.
bool sendsToDisk(ScriptKind kind);

// What a route or a transfer carries.
enum class ArtifactKind : quint8 {
    None,
    Kernel,       // vmlinuz
    Initramfs,    // initramfs.xz
    IpxeBinary,   // undionly.kpxe, ipxe.efi, snponly.efi (TFTP, or HTTP for UEFI HTTP boot)
    Config,       // the machine's rendered config
    Other,        // a file of an extra root
};
// The name of a machine's artefact route ("vmlinuz", "initramfs.xz"); empty for others.
QString artifactRouteName(ArtifactKind kind);

// Why a request or a transfer was not served. Keys are stable: they name counters
// (`dropped:<key>`) and are what scripts may match in event lines' `reason`.
enum class FailureCode : quint8 {
    None,
    NotFound,             // no such file or route
    NoRoute,              // a path the console does not serve
    BadMac,               // /m/<mac>/ with something that is not a MAC
    Forbidden,            // outside a root, a symlink, a device ...
    Unreadable,           // exists but cannot be opened
    RangeNotSatisfiable,
    NoArtifactSet,        // no kernel and initramfs set up for the machine
    BadArtifact,          // the kernel is not a bzImage, the initramfs not compressed cpio
    NoIpxeBinary,         // the iPXE binary the firmware asked for is not set up
    NoConfigAssigned,     // Talos asked for its config, none is assigned
    ConfigMissing,        // the assigned file is gone
    ConfigUnreadable,     // the assigned file or a patch cannot be read, or is too large
    ConfigInvalid,        // the config does not render (YAML, documents, patches)
    Interrupted,          // the peer went away mid-transfer
    TimedOut,             // the peer stopped answering
    ClientEnded,          // the peer ended the transfer itself (e.g. iPXE after the size)
    Refused,              // a protocol-level refusal (TFTP options, write request ...)
    Unauthorized,         // a config asked for without a valid token, or not from its machine
};
QString failureKey(FailureCode code);
// True for failures of the machine's own boot files that only a person can fix.
bool isBrokenSetup(FailureCode code);

} // namespace Nbc
