#pragma once

#include "boot/bootsnapshot.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace Nbc {

class Workspace;
struct WorkspaceSettings;

// A kernel and initramfs the user chose, extracted from an ISO or downloaded: where the
// files are now. They are copied into the workspace only when the plan is applied.
struct ArtifactChoice {
    QString talosVersion;    // "1.9.5" (a leading v is dropped)
    QString kernelFile;
    QString initramfsFile;
    QString cmdlineFile;     // optional: an Image Factory's cmdline-metal-amd64
    QString extraKernelArgs;
    QString name;            // empty: setNameFor(talosVersion)
    bool isEmpty() const { return kernelFile.isEmpty() && initramfsFile.isEmpty(); }
};

// Everything the first-run wizard decided. Nothing is written until apply(); an empty
// field keeps what the workspace has.
struct SetupPlan {
    QString interfaceName;
    DhcpMode mode = DhcpMode::Proxy;
    QString serverAddress;
    QString dhcpRange;                 // full mode: "10.77.0.100-10.77.0.199"
    ArtifactChoice artifacts;          // made the default set
    QString ipxeBios;                  // undionly.kpxe; empty: keep
    QString ipxeUefi;                  // ipxe.efi; empty: keep
    QString configsFolder;             // `talosctl gen config` output to import; empty: none
    UnassignedPolicy unassigned = UnassignedPolicy::Wait;
    // A trial without the permission for ports below 1024: DHCP on 1067 and TFTP on 1069
    // (firmware asks on 67 and 69, so no real machine boots that way).
    bool highPorts = false;
};

struct SetupResult {
    bool ok = false;
    QString error;                     // for a person: what failed and what to do
    QString artifactSet;               // the set written, if any
    QStringList importedConfigs;       // config ids
    QString talosconfigPath;           // where the admin credentials were kept aside
};

class Setup
{
    Q_DECLARE_TR_FUNCTIONS(Setup)
public:
    // No usable workspace yet: no netboot.yaml, or one that names neither an interface
    // nor an artefact set. A netboot.yaml that does not parse is the user's: not first run.
    static bool needsFirstRun(const QString &workspaceDir);

    // "talos-1.9.5"; "talos" when the version is unknown.
    static QString setNameFor(const QString &talosVersion);
    static QString normalizeVersion(const QString &version);   // "v1.9.5" → "1.9.5"

    // Checks both files (bzImage, compressed initramfs) and copies them into
    // <workspace>/artifacts/<set>/ atomically. *set gets workspace-relative paths.
    static bool installArtifacts(const QString &workspaceDir, const ArtifactChoice &choice, ArtifactSet *set,
                                 QString *error);
    // Removes the files under <workspace>/artifacts/<set>/ that installArtifacts wrote;
    // files elsewhere (a path the user wrote by hand) are left alone.
    static void removeArtifactFiles(const QString &workspaceDir, const ArtifactSet &set);

    // The plan's settings onto `settings` (pure).
    static void applySettings(const SetupPlan &plan, const ArtifactSet *set, WorkspaceSettings *settings);

    // Files first (artefacts, configs), then netboot.yaml in one atomic write. Refuses a
    // workspace that was opened with an error: its file is never overwritten.
    static SetupResult apply(Workspace &workspace, const SetupPlan &plan);
};

} // namespace Nbc
