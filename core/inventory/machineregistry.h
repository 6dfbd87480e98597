#pragma once

#include "talos/taloslog.h"
#include "model/machineevent.h"
#include "model/stage.h"

#include <QDateTime>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QMap>
#include <QMultiHash>
#include <QObject>
#include <QSet>
#include <QStringList>

#include <deque>
#include <functional>

class QTimer;

namespace Nbc {

struct StageChange {
    Stage stage = Stage::Discovered;
    QDateTime time;
    QString detail;
};

struct LogLine {
    QDateTime time;
    QString level;
    QString service;
    QString message;
    bool kernelLog = false;   // came by the kernel log (numbered), not a service log
};

// What the console knows about one machine. Keyed by its first MAC.
struct Machine {
    QString mac;
    QStringList otherMacs;     // further NICs of the same machine (matched by SMBIOS UUID/serial)
    Stage stage = Stage::Discovered;
    Stage stalledFrom = Stage::Discovered;   // the stage a Stalled machine was in
    QDateTime firstSeen;
    QDateTime lastSeen;
    QDateTime stageSince;
    QDateTime lastProgress;
    QHostAddress ip;
    QString firmware;          // "bios", "uefi", "rpi" (what its firmware is; iPXE is a later step)
    QString arch;
    QString uuid, serial, manufacturer, product;
    QString download;          // the running or last download's name
    qint64 bytes = -1, total = -1, rate = -1;
    bool downloading = false;
    QString hint;              // what a person should look at, if anything
    QString failure;           // why it is Failed
    QString talosState;        // the last Talos milestone for display, e.g. "installing"
    bool bootstrapPending = false;   // etcd waits for `talosctl bootstrap` (until a new boot)
    QString configProblem;     // why its assigned config cannot be served, if it cannot
    int boots = 0;             // firmware boots seen
    bool simulated = false;
    QList<StageChange> history;   // capped
    QList<LogLine> logs;          // the last lines, capped
    QList<LogLine> events;        // what the console saw of it (DHCP, TFTP, HTTP), capped, not saved

    // Per-boot diagnosis counters.
    int offersThisBoot = 0;
    int bootFilesFetchedThisBoot = 0;
    int ipxeFetchesThisBoot = 0;
    bool bootFileFetched = false;
    bool configFetchedThisBoot = false;
    bool installReportedThisBoot = false;   // Talos sends each line up to three times
    quint32 talosSeenThisBoot = 0;   // once-per-boot milestones already applied (bit per Milestone)
    int talosRankThisBoot = 0;       // how far this Talos boot got: a late copy never goes back
    QString configAnswer;            // what the console last answered its config request, e.g. "404 ..."
    bool live = false;         // seen in this run (not only restored from the inventory)
    bool overdue = false;      // it stayed in its stage past the stage's deadline
    QString cause;             // why it needs a person, in the same words for every machine with that cause
    QString servedConfig;      // the config file it was last served (absolute path)
    QString servedRole;        // "controlplane" / "worker": the role of that config

    // Failed, stalled, waiting, past its stage's deadline, or its config cannot be served.
    bool needsAttention() const;
};

// The single place that decides a machine's stage (DESIGN.md data flow). Lives on the
// main thread, consumes the engines' events, and publishes changes coalesced (at most
// ten times a second) so views never repaint per packet.
class MachineRegistry : public QObject
{
    Q_OBJECT
public:
    explicit MachineRegistry(QObject *parent = nullptr);
    ~MachineRegistry() override;

    static constexpr int kHistoryCap = 64;
    static constexpr int kLogCap = 500;
    static constexpr int kEventCap = 64;   // a few boots of events; a thousand machines stay light
    static constexpr int kPublishIntervalMs = 100;
    // Machines per machinesChanged: the window remakes about 500 rows in 5-8 ms.
    static constexpr qsizetype kPublishBatch = 500;
    // Thresholds of the diagnoses.
    static constexpr int kOffersWithoutFetch = 3;
    static constexpr int kIpxeLoop = 3;
    // Bounds against a LAN that is not ours: forged DHCP can name any number of MACs.
    // The cap is the workspace's `limits: maxMachines`; a pallet of 5000 fits.
    static constexpr int kDefaultMaxMachines = 10000;
    // New machines per source address: a burst, then a steady rate (token bucket).
    static constexpr int kNewMachineBurst = 256;
    static constexpr int kNewMachinesPerSecond = 32;

    // Machines beyond the cap push out those that never got past Discovered, the oldest
    // first; when there are none, a new machine is refused (counted).
    void setMaxMachines(int maximum);
    int maxMachines() const { return m_maxMachines; }
    int machineCount() const { return int(m_machines.size()); }
    // Gives up machines that never got past Discovered until the cap holds (or none is left).
    void trimToCap();
    // What the registry turned away, by reason: "ignored:unknown-machine" (no DHCP of it
    // seen, so not a machine of ours), "refused:new-machine-rate", "refused:registry-full",
    // "evicted".
    QMap<QString, quint64> counters() const { return m_counters; }

    const QHash<QString, Machine> &machines() const { return m_machines; }
    const Machine *machine(const QString &mac) const;
    // The machine a MAC belongs to (its own key, or the machine it is another NIC of).
    QString primaryMac(const QString &mac) const;
    QString macForAddress(const QHostAddress &address) const;

    // Seconds without progress after which a download counts as stalled.
    void setStallSeconds(int seconds) { m_stallSeconds = seconds; }
    int stallSeconds() const { return m_stallSeconds; }
    // Seconds a machine may stay in a stage before it needs attention (0: no deadline).
    // Defaults: Discovered 90, FirmwareFiles 120, LoadingIpxe 120, Ipxe 120, Waiting 600,
    // Kernel 300 (after its downloads), Config 600, Installing 1200.
    void setStageDeadline(Stage stage, int seconds);
    int stageDeadline(Stage stage) const;
    // Idle seconds after which a shown download rate has decayed to zero.
    static constexpr int kRateDecaySeconds = 4;

    // The console itself keeps machines from going on (its services are stopped, an engine
    // failed, its interface went down); empty when nothing does. Machines that wait then
    // say so, and none is told to check its cable.
    void setConsoleProblem(const QString &problem);
    QString consoleProblem() const { return m_consoleProblem; }

    // Machines that need a person for the same reason, largest group first; only groups of
    // at least `minimum` machines.
    struct CauseGroup {
        QString cause;
        QStringList macs;
    };
    QList<CauseGroup> causeGroups(int minimum = 2) const;
    // Time source, for tests.
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }

    // Restores machines from the inventory (their stage as last seen, no transfer running).
    void restore(const QList<Machine> &machines);
    void markSimulated(const QString &mac);
    // MAC -> why its assigned config cannot be served (from the config library).
    void setConfigProblems(const QHash<QString, QString> &problems);
    // "Forget": drops the machine and its aliases.
    void forget(const QString &mac);

public Q_SLOTS:
    void handleEvent(const Nbc::MachineEvent &event);
    // Once a second (a timer, or tests): decays the rates of idle downloads, marks stalled
    // downloads and machines past their stage's deadline.
    void checkStalls();
    // Sends the coalesced changes now.
    void publish();

Q_SIGNALS:
    // Every event, MAC resolved where possible, with the machine's stage after it.
    void eventResolved(const Nbc::MachineEvent &event, Nbc::Stage stage);
    // Coalesced: the machines that changed since the last time (new ones included).
    void machinesChanged(const QStringList &macs);
    void machineAdded(const QString &mac);
    void machineRemoved(const QString &mac);
    // Talos reported a successful install: the workspace marks the machine installed so
    // its next network boot is answered per the after-install policy.
    void installReported(const QString &mac);
    void logReceived(const QString &mac, const Nbc::LogLine &line);
    // One of the console's own events about the machine, as a line for its log view.
    void eventLogged(const QString &mac, const Nbc::LogLine &line);
    void stageChanged(const QString &mac, Nbc::Stage stage, const QString &detail);
    // A would-be new machine was turned away ("new-machine-rate", "registry-full"); source
    // is the address its packet came from (0.0.0.0 for a client without one yet).
    void refused(const QString &reason, const QHostAddress &source);

public:
    // A Log event as the Talos classifier reads it, from whichever transport it came.
    static Talos::LogRecord logRecordOf(const MachineEvent &event);

private:
    static QString ignoresProxyHint();
    QString resolveMac(const MachineEvent &event) const;
    void reportInstall(Machine &machine, const MachineEvent &event);
    Machine &ensure(const QString &mac, const QDateTime &time, bool *created);
    void setStage(Machine &machine, Stage stage, const QDateTime &time, const QString &detail = {});
    void advance(Machine &machine, Stage stage, const QDateTime &time, const QString &detail = {});
    void learnAddress(Machine &machine, const QHostAddress &address);
    void learnIdentity(Machine &machine, const QVariantMap &facts);
    void learnIdentityFields(Machine &machine, const QVariantMap &facts);
    void indexIdentity(const Machine &machine, bool add);
    // Another NIC of a known machine: the primary MAC with the same SMBIOS UUID or serial.
    QString sameMachineAs(const MachineEvent &event) const;
    bool admitNewMachine(const MachineEvent &event);
    bool evictUnproven();
    void newBoot(Machine &machine, const QDateTime &time);
    void applyLog(Machine &machine, const MachineEvent &event);
    void touch(const QString &mac);
    // What a machine past its stage's deadline is told, and its cause (without durations).
    QString overdueHint(const Machine &machine, qint64 seconds, QString *cause) const;
    QDateTime now() const { return m_clock ? m_clock() : QDateTime::currentDateTimeUtc(); }

    QHash<QString, Machine> m_machines;
    QHash<QString, QString> m_aliasOf;     // other MAC -> primary MAC
    QHash<quint32, QString> m_macByIp;
    QHash<QString, QString> m_macByUuid;        // every spelling of a machine's UUID -> its MAC
    QMultiHash<QString, QString> m_macsBySerial;
    struct Bucket {
        double tokens = kNewMachineBurst;
        qint64 atMs = 0;
    };
    QHash<QHostAddress, Bucket> m_newMachineBuckets;
    std::deque<QString> m_unproven;             // created and maybe never past Discovered, oldest first
    int m_maxMachines = kDefaultMaxMachines;
    QMap<QString, quint64> m_counters;
    QSet<QString> m_changed;
    QHash<QString, QString> m_configProblems;
    QTimer *m_publishTimer = nullptr;
    QTimer *m_stallTimer = nullptr;
    int m_stallSeconds = 60;
    QHash<int, int> m_deadlines;   // Stage -> seconds
    QString m_consoleProblem;
    std::function<QDateTime()> m_clock;
};


} // namespace Nbc

Q_DECLARE_METATYPE(Nbc::LogLine)
