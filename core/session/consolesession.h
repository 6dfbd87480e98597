#pragma once

#include "session/neighbourwatch.h"
#include "session/rulenumbers.h"
#include "boot/bootsnapshot.h"
#include "boot/intentresolver.h"
#include "engine/engine.h"
#include "inventory/installedstate.h"
#include "inventory/kitbundle.h"
#include "inventory/wakeonlan.h"
#include "inventory/workspace.h"
#include "session/setupplan.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <functional>
#include <optional>

class QFileSystemWatcher;
class QTimer;

namespace Nbc {

namespace Talos {
class ConfigLibrary;
}

class FileWriter;
class InventoryStore;
struct Machine;
class MachineRegistry;
class RogueGuard;
class ServiceHost;
class WakeScheduler;

// Settings given on the command line; they override the workspace for this run only.
struct SessionOverrides {
    QString interfaceName;
    std::optional<DhcpMode> mode;
    PortOverrides ports;
    QString tftpRoot;
    QString httpRoot;
    QString serverAddress;   // demo and tests: serve on this address instead of the interface's
};

// Why a rule cannot be saved (ConsoleSession::ruleProblems): decided per field, so an
// editor can show it next to that field; worded for people.
struct RuleProblem {
    enum class Field { Name, MacPrefix, MacRange, Firmware, Config, Artifacts, InstallDisk, Hostname };
    int rule = -1;            // index in the list that was checked
    QString ruleName;
    Field field = Field::Name;
    QString message;          // about the field alone: "configs/x.yaml is not in the workspace"
    // "rule 'x', config: configs/x.yaml is not in the workspace"
    QString toString() const;
    static QString fieldName(Field field);
};

// One running console: the workspace (intent), the engines (wire), the registry (what
// happened). Shared by the window and --headless. Reloads netboot.yaml when it changes
// on disk and pushes a new snapshot; a broken edit is reported and not applied.
class ConsoleSession : public QObject
{
    Q_OBJECT
public:
    explicit ConsoleSession(QObject *parent = nullptr);
    ~ConsoleSession() override;

    // Opens the workspace and resolves the address to serve on. False with error() set
    // when the console cannot start (unreadable workspace, no such interface ...).
    bool open(const QString &workspaceDir, const SessionOverrides &overrides);
    QString error() const { return m_error; }
    // Problems that do not stop the console (e.g. an inventory that cannot be opened).
    QStringList warnings() const { return m_warnings; }

    Workspace &workspace() { return m_workspace; }
    MachineRegistry *registry() const { return m_registry; }
    ServiceHost *services() const { return m_services; }
    InventoryStore *inventory() const { return m_inventory; }
    // The workspace's configs/ (created by open()).
    Talos::ConfigLibrary *configs() const { return m_configs; }
    BootSnapshot snapshot() const;

    void startServices();
    void stopServices();
    // What keeps machines from reaching the console when its interface is not usable;
    // empty when it is. exists: the interface is there at all.
    static QString interfaceProblem(const QString &name, bool exists, bool up, bool running);
    // The engines' last reported statuses (from their own threads, kept here).
    QList<EngineStatus> engineStatuses() const { return m_engineStatus.values(); }
    // Who on the LAN the engines and the registry turned away, and why.
    NeighbourWatch *neighbours() const { return m_neighbours; }
    // The registry as a status like an engine's ("registry"): machines kept of the cap in
    // `address`, and what it ignored, refused and evicted in `counters`.
    EngineStatus registryStatus() const;
    // Writes the workspace (on the file thread; flushFiles() waits for it) and pushes the
    // new intent to the engines. False at once for a broken or newer hand edit.
    bool saveWorkspace(QString *error = nullptr);
    // Returns once netboot.yaml and installed.json hold every change made so far.
    bool flushFiles(QString *error = nullptr);
    void pushSnapshot();

    // "eth1 (10.77.0.1)"-style list of IPv4 interfaces, for error messages and the wizard.
    static QStringList describeInterfaces();

    // Intent changes: each is written to netboot.yaml at once (atomically) and pushed to
    // the engines, so the next request of the machine is answered accordingly. They
    // return false with *error set when the workspace cannot be written.
    // configPath as stored in the workspace (relative like "configs/worker.yaml"); empty clears.
    bool assign(const QStringList &macs, const QString &configPath, QString *error = nullptr);
    bool setMachineValues(const QString &mac, const QString &hostname, const QString &installDisk,
                          QString *error = nullptr);
    // Installed machines are sent to their disk (afterInstall); this re-arms a reinstall.
    bool setInstalled(const QString &mac, bool installed, QString *error = nullptr);
    QString assignment(const QString &mac) const;
    // What the machine gets from elsewhere than its own entry by MAC (an entry by UUID or
    // serial, another NIC's entry, a rule): config path as the workspace writes it, rule,
    // hostname, piFolder. `mac` as the registry spells it (not normalised again): the
    // table asks this for thousands of rows.
    MachineIntent resolvedIntent(const QString &mac) const;

    // Raspberry Pis: what their bootloader fetches over TFTP comes from their own boot
    // folder (Boot::resolveTftpName). A machine is a Pi when its bootloader's DHCP said so
    // or its MAC is one of the Raspberry Pi OUIs.
    bool isRaspberryPi(const QString &mac) const;
    // Its `piFolder:` (of its entry by MAC, else of the entry or NIC that gives it its
    // intent); empty when it has none.
    QString piFolder(const QString &mac) const;
    // The folder the Pi boot folders are in (`piBoot: folder:`, else the TFTP root, with
    // --tftp-root applied), absolute; empty when neither is set.
    QString piBootFolder() const;
    // The folders a Pi can be given, by name: the subfolders of piBootFolder(), without the
    // serial-number folders (each is its own Pi's already) and without links out of it.
    QStringList piBootFolders() const;
    // Writes `piFolder: folder` on these machines' entries (by MAC) and pushes it, so their
    // next TFTP request is served from it; an empty folder clears it. False with *error set
    // when the name cannot be one (absolute, '..') or the workspace cannot be written.
    bool setPiFolder(const QStringList &macs, const QString &folder, QString *error = nullptr);
    // What rules and entries by UUID or serial are matched on: one machine, every NIC of it.
    static Boot::MachineFacts factsOf(const Machine &machine);
    // The rule that gave the machine its config, hostname and disk; empty when it has an
    // entry of its own (by MAC, UUID or serial) or nothing.
    QString ruleOf(const QString &mac) const;
    // netboot.yaml `rules:` in order (first match wins), config paths as written there.
    QList<MachineRule> rules() const { return m_workspace.settings().rules; }
    // Replaces the rules: checked (ruleProblems), written to netboot.yaml atomically and
    // pushed, so the machines without an entry of their own follow at once. False with
    // *error naming the rule and the field when a rule is wrong (nothing is written then),
    // or saying why the file cannot be written.
    bool setRules(const QList<MachineRule> &rules, QString *error = nullptr);
    // What keeps `rules` from being saved, rule by rule and field by field; empty when nothing.
    QList<RuleProblem> ruleProblems(const QList<MachineRule> &rules) const;
    // The machines seen whose facts `rule` matches now (primary MACs, in the order they were
    // first seen: the order a new rule numbers them in), whether
    // or not an entry of their own or an earlier rule takes them first.
    QStringList machinesMatching(const MachineRule &rule) const;
    // The hostname `rule` gives machine `mac`: with its number under the rule, or the one it
    // would get next. Without a MAC, for an example machine (a Dell OptiPlex, serial 5CG1234XYZ).
    QString hostnameFor(const MachineRule &rule, const QString &mac = {}) const;
    // Among `macs`, the machines that are installing, joined or installed with a config of
    // another role than `configPath`'s (workspace path): the window asks before it
    // changes them, since the change needs a reinstall.
    QStringList roleChanges(const QStringList &macs, const QString &configPath) const;
    // The machine runs another config than the one assigned now: "reinstall to apply".
    bool needsReinstall(const QString &mac) const;

    // "Which box is this?": the machines' own screens flash their name at their next
    // polls while they wait in iPXE, for `seconds`.
    void identify(const QStringList &macs, int seconds = 60);
    bool isIdentifying(const QString &mac) const;

    // Assign by power-on order: each machine seen for the first time that has no config
    // takes the next entry (config as a workspace path, hostname), so a technician who
    // powers boxes on one by one along a shelf names them in that order.
    struct QueueEntry {
        QString config;
        QString hostname;
        bool operator==(const QueueEntry &) const = default;
    };
    void setAssignQueue(const QList<QueueEntry> &entries);
    QList<QueueEntry> assignQueue() const { return m_queue; }
    // "worker-{n}" with n from `first`, `count` entries; {n:02} pads.
    static QList<QueueEntry> queueFromPattern(const QString &config, const QString &hostnamePattern, int first,
                                              int count);
    // Its hostname from netboot.yaml, else its MAC: how messages name a machine.
    QString displayName(const QString &mac) const;
    // Talos reported its install (installed.json), or netboot.yaml says `installed: true`.
    bool isInstalled(const QString &mac) const;

    // The settings of this run: the command line's overrides over the workspace's.
    const SessionOverrides &overrides() const { return m_overrides; }
    QString interfaceName() const;
    DhcpMode mode() const;

    // Serve on `name` from now on: written to netboot.yaml, then the session is opened
    // again to resolve its address. NotSaved: the workspace could not be written (*error);
    // NotOpened: the interface cannot be served on (error() says why).
    enum class InterfaceChange { Done, NotSaved, NotOpened };
    InterfaceChange setInterface(const QString &name, QString *error = nullptr);
    // Proxy or full DHCP, written to netboot.yaml; takes effect when the services restart.
    bool setMode(DhcpMode mode, QString *error = nullptr);

    // Artefact sets (netboot.yaml `artifacts:`). Adding copies the files into
    // artifacts/<set>/ after checking them; removing deletes only files it put there.
    QMap<QString, ArtifactSet> artifactSets() const;
    QString defaultArtifacts() const;
    bool addArtifactSet(const ArtifactChoice &choice, bool makeDefault, QString *name = nullptr,
                        QString *error = nullptr);
    bool removeArtifactSet(const QString &name, QString *error = nullptr);
    bool setDefaultArtifacts(const QString &name, QString *error = nullptr);

    // The first-run wizard's result: files, configs and settings written at once, then the
    // workspace opened again on the plan's interface. Services that ran are started again.
    SetupResult applySetup(const SetupPlan &plan);

    // Where Wake-on-LAN packets go: the served interface's broadcast address, from the
    // server address (on loopback, to setWakePort's port: the demo and tests).
    WakeTarget wakeTarget() const;
    void setWakePort(quint16 port) { m_wakePort = port; }
    // Wake-on-LAN a batch at a time (WakeScheduler), watching this session's registry.
    WakeScheduler *wakeScheduler() const { return m_waker; }

    // Full DHCP mode: looks for another DHCP server on the segment while the services run;
    // with `onRogueDhcp: pxe-only` the server then answers PXE clients only.
    RogueGuard *rogueGuard() const { return m_rogue; }
    // netboot.yaml `network: onRogueDhcp:`, written and pushed to the engines at once.
    bool setRogueDhcpPolicy(RogueDhcpPolicy policy, QString *error = nullptr);

    // Kit bundles: this workspace as one archive (KitBundle). Export writes what is pending
    // (inventory rows, installed.json) first. Import stops the services that run, closes the
    // inventory while its file may be replaced, opens the workspace again and starts them.
    KitExportResult exportKitBundle(const QString &outFile, const KitExportOptions &options = {});
    KitImportResult importKitBundle(const QString &bundleFile, const KitImportOptions &options = {});

    // Files written into the workspace from outside the session (File ▸ Import dnsmasq
    // setup): the services that run stop and their engines finish, `write` runs with the
    // workspace folder, then the workspace is opened again and the services start again.
    // Returns what `write` returned.
    bool rewriteWorkspace(const std::function<bool(const QString &workspaceDir)> &write);

Q_SIGNALS:
    // Assignments or per-machine values changed (by this session or a hand edit).
    void intentChanged();
    void workspaceReloaded();
    void artifactsChanged();
    void workspaceError(const QString &message);
    void assignQueueChanged();
    // A machine took the next entry of the assign queue.
    void queueAssigned(const QString &mac, const QString &config, const QString &hostname);
    // registryStatus() changed; checked once a second.
    void registryStatusChanged(const Nbc::EngineStatus &status);

private:
    void watchWorkspace();
    // Tells the registry when the console itself keeps machines waiting.
    void updateConsoleProblem();
    // The rogue-DHCP guard runs while the services do, in full mode.
    void updateRogueGuard();
    void takeQueueEntry(const QString &mac);
    // What comes from the wire (Talos reported an install) goes to installed.json,
    // written together at most a few times a second: with a thousand machines installing
    // at once, one write each would stall the main thread.
    void scheduleSave();
    void schedulePush();
    void saveScheduled();
    void onWorkspaceFileChanged();
    void onWorkspaceConflict(const QString &path);
    // Tells the file thread what netboot.yaml holds now (after opening or rewriting it).
    void rememberWorkspaceFile();
    static QString workspaceConflictMessage();
    bool resolveAddress(BootSnapshot *snapshot, QString *error) const;
    void applyOverrides(BootSnapshot *snapshot) const;

    Workspace m_workspace;
    SessionOverrides m_overrides;
    QString m_error;
    QStringList m_warnings;
    MachineRegistry *m_registry = nullptr;
    ServiceHost *m_services = nullptr;
    InventoryStore *m_inventory = nullptr;
    // installed.json, written off the main thread (a pallet reports installs in bursts).
    FileWriter *m_files = nullptr;
    NeighbourWatch *m_neighbours = nullptr;
    EngineStatus m_lastRegistryStatus;
    Talos::ConfigLibrary *m_configs = nullptr;
    QFileSystemWatcher *m_watcher = nullptr;
    QTimer *m_reloadTimer = nullptr;
    QTimer *m_saveTimer = nullptr;
    QTimer *m_pushTimer = nullptr;
    QElapsedTimer m_lastPush;
    // The pushed snapshot has rules or entries by UUID/serial: every fact of a machine
    // may change what it is given.
    bool m_resolving = true;
    static constexpr qint64 kMinPushIntervalMs = 50;
    QString m_brokenEdit;         // why the file on disk does not parse; empty when it does
    InstalledState m_installed;
    // Rules and entries by UUID/serial, resolved for the machines seen (by every MAC of
    // each): refreshed with each snapshot, which runs whenever a machine's facts change.
    void resolveMachines(BootSnapshot *snapshot) const;
    mutable RuleNumbers m_ruleNumbers;
    mutable QHash<QString, MachineIntent> m_resolved;   // MAC -> what it resolved to
    QHash<QString, QString> m_factsSeen;                // primary MAC -> facts last resolved on
    QHash<QString, QString> m_pushedPiSerials;          // what the engines know of the Pis (MAC -> serial)
    QTimer *m_resolveTimer = nullptr;
    quint16 m_wakePort = 9;
    bool m_servicesWanted = false;                 // started, and not stopped since
    QHash<QString, EngineStatus> m_engineStatus;   // engine name -> its last status
    QList<QueueEntry> m_queue;
    QHash<QString, QDateTime> m_identify;          // MAC -> until when its screen flashes
    QTimer *m_linkTimer = nullptr;                 // watches the served interface's link
    RogueGuard *m_rogue = nullptr;
    WakeScheduler *m_waker = nullptr;
    QString m_linkProblem;
};

} // namespace Nbc
