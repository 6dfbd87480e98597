#pragma once

#include "boot/bootsnapshot.h"

#include <QCoreApplication>
#include <QList>
#include <QMap>
#include <QString>

namespace Nbc {

// What full DHCP mode does when another DHCP server answers on its segment: warn only and
// keep answering every client, or answer PXE/iPXE clients only (and the machines it booted).
enum class RogueDhcpPolicy { Warn, PxeOnly };

// The user's declared intent: the workspace folder and its netboot.yaml (DESIGN.md
// "Contracts"). Paths are kept as written (relative to the folder or absolute) so a
// saved file stays hand-editable and git-friendly; toSnapshot() makes them absolute.
struct WorkspaceSettings {
    QString interfaceName;
    DhcpMode mode = DhcpMode::Proxy;
    QString serverAddress;            // empty: first IPv4 of the interface
    QString dhcpRange;                // "10.77.0.100-10.77.0.199", dhcp mode only
    Ports ports;
    QString tftpRoot;
    QString httpRoot;
    // `piBoot: {folder: PATH}`: the folder holding the Raspberry Pis' boot folders (their
    // serial-number folders and those `piFolder:` names); empty: the TFTP root.
    QString piBootDir;
    QString ipxeBios = QStringLiteral("/usr/lib/ipxe/undionly.kpxe");
    // snponly.efi: it hands the NIC back to the firmware when it exits (afterInstall exit),
    // where Debian's ipxe.efi (2019) hangs OVMF; it uses the firmware's own NIC driver.
    QString ipxeUefi = QStringLiteral("/usr/lib/ipxe/snponly.efi");
    QMap<QString, ArtifactSet> artifacts;    // keyed by set name
    QString defaultArtifacts;
    UnassignedPolicy unassigned = UnassignedPolicy::Wait;
    AfterInstallPolicy afterInstall = AfterInstallPolicy::Exit;
    QList<MachineIntent> machines;
    QList<MachineRule> rules;          // `rules:`, first match wins
    // `limits: {maxMachines: N}`: machines the registry and inventory keep; 0 = the default.
    int maxMachines = 0;
    // Full mode, another DHCP server on the segment (RogueGuard): `network: onRogueDhcp:`
    // and how often to probe for one, `network: rogueProbeSeconds:` (0: never probe).
    RogueDhcpPolicy onRogueDhcp = RogueDhcpPolicy::Warn;
    int rogueProbeSeconds = 180;
};

struct WorkspaceError {
    QString file;
    int line = 0;                     // 1-based; 0 when not about a line
    QString message;
    QString toString() const;
};

class Workspace
{
    Q_DECLARE_TR_FUNCTIONS(Workspace)
public:
    static QString defaultDirectory();
    static QString settingsFileName() { return QStringLiteral("netboot.yaml"); }

    // Opens DIR. A folder that is missing or has no netboot.yaml is initialised with
    // defaults (and the folders configs/ and artifacts/); a file that cannot be read or
    // parsed is reported and left untouched: ok() is false and nothing is ever saved over it.
    static Workspace open(const QString &dir);

    bool ok() const { return m_error.message.isEmpty(); }
    const WorkspaceError &error() const { return m_error; }
    QString directory() const { return m_dir; }
    QString settingsPath() const;

    const WorkspaceSettings &settings() const { return m_settings; }
    WorkspaceSettings &settings() { return m_settings; }

    // Parses netboot.yaml text; pure, used by open() and by reload-on-change.
    static bool parse(const QByteArray &yaml, const QString &fileName, WorkspaceSettings *out,
                      WorkspaceError *error);
    static QByteArray serialize(const WorkspaceSettings &settings);
    // The whole file save() writes: a short header comment, then serialize().
    static QByteArray fileBytes(const WorkspaceSettings &settings);

    // Atomic write (QSaveFile). Refuses when the workspace was opened with an error.
    bool save(QString *error = nullptr) const;
    // Re-reads netboot.yaml; on error keeps the current settings and returns false.
    bool reload(WorkspaceError *error);

    QString absolutePath(const QString &path) const;
    MachineIntent *machine(const QString &mac);
    void setAssignment(const QString &mac, const QString &configPath);
    // `piFolder:` of the machine's entry by MAC (made when there is none); empty clears.
    void setPiFolder(const QString &mac, const QString &folder);
    // Why `folder` cannot be a `piFolder:` (a folder inside the piBoot folder, named
    // relative to it), for a person; empty when it can.
    static QString piFolderProblem(const QString &folder);

    // Everything the engines need; interface addresses are resolved by the caller.
    BootSnapshot toSnapshot() const;

private:
    QString m_dir;
    WorkspaceSettings m_settings;
    WorkspaceError m_error;
};

QString dhcpModeName(DhcpMode mode);
QString afterInstallName(AfterInstallPolicy policy);
QString unassignedName(UnassignedPolicy policy);
QString rogueDhcpPolicyName(RogueDhcpPolicy policy);

} // namespace Nbc
