#pragma once

#include "model/ports.h"

#include <QHash>
#include <QSet>
#include <QHostAddress>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace Nbc {

enum class DhcpMode { Proxy, Full };
enum class UnassignedPolicy { Wait, Maintenance };
enum class AfterInstallPolicy { Exit, Sanboot, Http404, AlwaysPxe };

// One set of boot artefacts (DESIGN.md workspace `artifacts:`). Paths are absolute.
struct ArtifactSet {
    QString name;
    QString kernelPath;
    QString initramfsPath;
    QString talosVersion;     // "1.9", "1.12", ...: picks the default kernel arguments
    QString extraKernelArgs;
    QString arch;             // "amd64" (empty) or "arm64": picks the consoles
    QString cmdlinePath;      // optional: the Image Factory's cmdline-metal-<arch> file
    QString cmdline;          // that file's text, read when the snapshot is made
};

// What the workspace says about one machine.
struct MachineIntent {
    QString mac;              // normalized
    QString configPath;       // absolute; empty when unassigned
    QString hostname;
    QString installDisk;
    QString artifacts;        // artefact set name; empty = the default set
    QStringList patches;      // strategic-merge patch files applied to its config, in order
    bool installed = false;   // Talos reported an install: answer per afterInstall
    // An entry may name the machine by its SMBIOS UUID or serial instead of a MAC (one
    // machine, whichever NIC it boots from).
    QString uuid;
    QString serial;
    QString rule;             // resolved intents only: the rule that gave it (not saved)
    // A Raspberry Pi's own boot folder: a subfolder of the piBoot folder, as written
    // (`piFolder: uefi-rpi4`); its TFTP requests are served from there first.
    QString piFolder;
};

// `rules:` in netboot.yaml: what a machine with no entry of its own gets. Every field of
// `match` that is set must hold; text fields take shell wildcards (* ?), case-insensitive.
struct RuleMatch {
    QString macPrefix;        // "52:54:00" (any separator, any case)
    QString macRange;         // "52:54:00:00:00:10-52:54:00:00:00:3f"
    QString manufacturer;
    QString product;
    QString serial;
    QString firmware;         // "bios" | "uefi"
    bool isEmpty() const;
};
struct MachineRule {
    QString name;
    RuleMatch match;
    QString configPath;       // absolute in a snapshot, as written in the workspace
    QString artifacts;
    QString installDisk;
    QString hostname;         // template: {n} {n:02} {serial} {product} {manufacturer} {mac}
    QStringList patches;
};

// Everything an engine needs to answer a request, pushed by value whenever the intent
// changes. Engines never read the workspace or the registry themselves.
struct BootSnapshot {
    QString interfaceName;            // empty: loopback/tests; the engines bind to serverAddress
    QHostAddress serverAddress;       // the address machines reach us on
    QHostAddress bindAddress;         // where to bind TFTP/HTTP/log sockets (default: serverAddress)
    DhcpMode mode = DhcpMode::Proxy;
    Ports ports;
    quint16 dhcpClientPort = 68;      // where DHCP replies go (tests move it off 68)

    // Full DHCP mode (DhcpServer).
    QString dhcpRange;                // "10.77.0.100-10.77.0.199" as written in the workspace
    QHostAddress netmask;             // of serverAddress on its interface; null when not known
    QHostAddress router;              // option 3; null on an isolated network: no router offered
    // Another DHCP server answers on the segment and the workspace says `onRogueDhcp:
    // pxe-only`: answer PXE/iPXE clients and the machines that hold a lease of ours only.
    bool pxeClientsOnly = false;

    QString ipxeBios;                 // absolute path of undionly.kpxe
    QString ipxeUefi;                 // absolute path of ipxe.efi / snponly.efi
    QString tftpRoot;                 // optional extra TFTP folder
    QString httpRoot;                 // optional extra HTTP folder, under /files/
    QString piBootDir;                // `piBoot: folder:`, absolute; empty: the TFTP root (piBootFolder())
    QString workspaceDir;
    // Canonical paths the extra roots never serve, even when a root is pointed at the
    // workspace: netboot.yaml, configs/, patches, leases, the inventory and every
    // assigned config and patch. Folders end with '/'.
    QStringList privatePaths;

    QHash<QString, ArtifactSet> artifacts;
    QString defaultArtifacts;
    UnassignedPolicy unassigned = UnassignedPolicy::Wait;
    AfterInstallPolicy afterInstall = AfterInstallPolicy::Exit;
    // Keyed by normalized MAC: the workspace's entries by MAC, and what the session
    // resolved for the machines it has seen (entries by UUID or serial, rules), under
    // every MAC of each machine.
    QHash<QString, MachineIntent> machines;
    QList<MachineRule> rules;         // absolute paths; the session resolves them
    QList<MachineIntent> identityEntries;   // entries by UUID or serial (absolute paths)
    QSet<QString> identify;           // MACs whose screen flashes at their next poll (not saved)
    // The Raspberry Pis the console has seen, under every MAC of each: the serial number
    // their bootloader names its TFTP folder by ("9ffefdef"). A serial folder is served
    // only to the Pi it is named after (not saved: learnt from their DHCP).
    QHash<QString, QString> piSerials;

    // Where the TFTP, HTTP and log sockets listen: bindAddress, else serverAddress, else
    // every IPv4 address (tests and the demo leave both empty or set one).
    QHostAddress listenAddress() const;
    // The DHCP sockets listen on every address once an interface is named: broadcasts
    // to 255.255.255.255 reach only a socket bound to INADDR_ANY (SO_BINDTODEVICE keeps
    // them to the interface).
    QHostAddress dhcpListenAddress() const;

    // The folder holding the Raspberry Pis' boot folders (their serial-number folders and
    // those named by `piFolder:`): piBootDir, else the TFTP root; empty when neither is set.
    QString piBootFolder() const { return piBootDir.isEmpty() ? tftpRoot : piBootDir; }

    // True for a canonical path that is one of privatePaths or lies below one of them.
    bool isPrivateFile(const QString &canonicalPath) const;
    // Talos reported the machine installed (installed.json): its next boot goes to its disk.
    void markInstalled(const QString &mac);

    // The base URL iPXE and Talos use to reach the HTTP engine, e.g. http://10.77.0.1:8080
    QString httpBaseUrl() const;
    const ArtifactSet *artifactsFor(const QString &mac) const;
};

} // namespace Nbc

Q_DECLARE_METATYPE(Nbc::BootSnapshot)
