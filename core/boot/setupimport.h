#pragma once

#include "boot/bootsnapshot.h"
#include "talos/machineconfig.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace Nbc {

// Import of a setup of the seed guide's shape: a dnsmasq.conf (proxy or full DHCP,
// dhcp-boot / pxe-service pointing firmware at an iPXE binary over TFTP and iPXE at a
// script over HTTP), the TFTP root, and a web tree with the iPXE scripts, the Talos
// kernel and initramfs and the machine configs. read() is pure reading (nothing is
// written); apply() writes the plan into a workspace.
//
// Only files inside the chosen folder are read: includes, roots and URLs that lead out
// of it (.., absolute paths elsewhere, symbolic links pointing out) are refused and
// said so. Every line that is not understood, or understood but not carried over, is
// kept as a note with its file and line; none of them stops the import.

struct SetupImportNote {
    enum class Level {
        Ignored,          // understood; the console does not need it (port=0, log-dhcp, ...)
        NotCarried,       // understood, but the console does it its own way or not at all
        NotUnderstood,    // an option or command outside the supported subset
        Refused,          // a path outside the folder, a config Talos would refuse, ...
    };
    Level level = Level::NotUnderstood;
    QString file;         // relative to the import folder
    int line = 0;         // 1-based; 0 when not about a line
    QString text;         // the line as written, trimmed (empty when not about a line)
    QString message;      // for people: what happened and why
    // "dnsmasq.conf:12: message"
    QString toString() const;
};

// A config the plan takes into configs/ (0600, validated).
struct SetupImportConfig {
    QString source;       // absolute path in the import folder
    QString sourceName;   // relative to the import folder, for people
    QString id;           // "configs/controlplane.yaml"
    Talos::MachineConfigFacts facts;
    QStringList problems; // warnings Talos would not refuse ("file:line: message")
};

// One machine entry of netboot.yaml (by MAC, or by SMBIOS UUID or serial).
struct SetupImportMachine {
    QString mac;          // normalized, empty for an entry by uuid/serial
    QString uuid;
    QString serial;
    QString config;       // config id, "configs/52-54-00-12-34-56.yaml"
    QString hostname;     // empty: the config's own
    QString origin;       // for people: how the seed gave it this config
};

struct SetupImportPlan {
    QString folder;                   // canonical import folder
    QString dnsmasqConf;              // relative to folder
    bool ok = false;                  // a dnsmasq.conf was read
    QString error;                    // why not (no dnsmasq.conf, not a folder ...)

    // Settings (empty/0: the workspace keeps its own).
    QString interfaceName;            // may not exist on this computer: the caller decides
    DhcpMode mode = DhcpMode::Proxy;
    QString dhcpRange;                // full mode: "10.77.0.100-10.77.0.199"
    quint16 httpPort = 0;             // from the URL iPXE is sent to
    QString seedServer;               // the seed's server address in its URLs, for people
    QString ipxeBios;                 // absolute path in the import folder
    QString ipxeUefi;

    // Artefacts.
    QString kernel;                   // absolute paths in the import folder
    QString initramfs;
    QString talosVersion;             // from the configs' installer image ("1.12")
    QString extraKernelArgs;          // what the seed's kernel line adds to Talos's own
    QStringList seedKernelArgs;       // the seed's kernel line (without the image)

    QList<SetupImportConfig> configs;
    QList<SetupImportMachine> machines;
    QString defaultConfig;            // config id every other machine got (a catch-all rule)
    QList<SetupImportNote> notes;

    bool hasAnything() const;
    // Notes of these levels, in the order they were made.
    QList<SetupImportNote> notesOf(SetupImportNote::Level level) const;
};

struct SetupImportOptions {
    // Write into a workspace that already has settings, configs or artefacts, replacing
    // configs of the same name and machine entries of the same MAC.
    bool overwrite = false;
};

enum class SetupImportError { None, NotEmpty, BrokenWorkspace, CannotWrite, NothingToImport, BadArtifacts };

struct SetupImportResult {
    SetupImportError code = SetupImportError::None;
    QString error;                    // for people
    QStringList written;              // workspace-relative files written
    QString artifactSet;              // the set written, if any
    int machines = 0;                 // entries written
    QStringList warnings;             // what was left out while applying
    bool ok() const { return code == SetupImportError::None; }
};

class SetupImport
{
    Q_DECLARE_TR_FUNCTIONS(SetupImport)
public:
    // `path` is the folder holding dnsmasq.conf (or any *.conf that says dhcp-range=), or the
    // dnsmasq.conf itself, whose folder is then the import folder.
    static SetupImportPlan read(const QString &path);

    // Why `workspaceDir` is not empty (its settings, configs or artefacts); empty when it is.
    static QString notEmptyReason(const QString &workspaceDir);

    // Artefacts, iPXE binaries and configs first, then netboot.yaml in one atomic write
    // (Workspace::save). Refuses a workspace that is not empty unless options.overwrite, and
    // one whose netboot.yaml does not parse.
    static SetupImportResult apply(const SetupImportPlan &plan, const QString &workspaceDir,
                                   const SetupImportOptions &options = {});

    static QString levelName(SetupImportNote::Level level);
};

} // namespace Nbc
