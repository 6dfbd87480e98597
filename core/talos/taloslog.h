#pragma once

#include <QString>

namespace Nbc::Talos {

// One Talos log record as it arrives as a JSON line (reference §8.1): `msg`,
// `talos-level`, and `talos-service` only from machine.logging destinations; the kmsg
// copies carry `seq`/`facility`/`priority` instead.
struct LogRecord {
    QString message;
    QString level;
    QString service;
};

// The milestones the console follows, from Talos's own source strings (reference §8.2).
enum class Milestone {
    None,
    ConfigFetching,       // fetching machine config from: / downloading config
    ConfigFetchFailing,   // retrying error: failed to download config (Talos keeps trying)
    ConfigRejected,       // the config was acquired and refused, or could not be loaded
    ConfigLoaded,         // machine config loaded successfully
    Maintenance,          // entering maintenance service (no usable config)
    InstallStarted,       // installing Talos (to disk) / task install: starting / installer runs
    InstallFailed,        // task install (…): failed:
    InstallDone,          // install successful
    SequenceFailed,       // sequence: failed (the boot or install sequence gave up)
    BootDone,             // boot sequence: done: services up, the node is not Ready yet
    BootstrapNeeded,      // etcd is waiting to join the cluster
    Ready,                // machine is running and ready: the join milestone
    KsppRefused,          // a KSPP kernel parameter is missing or wrong; Talos reboots
    ServiceRunning,       // service[<name>](Running)
};

struct LogOutcome {
    Milestone milestone = Milestone::None;
    // What the milestone is about, for display: the KSPP parameter, the service name,
    // the error text of a failure.
    QString subject;
};

// Pure and table-driven: the same record always gives the same outcome. The registry
// applies it; nothing here knows about machines or stages.
LogOutcome classifyLog(const LogRecord &record);

// The key of a milestone ("install-done", ...), stable for tests and event lines.
QString milestoneKey(Milestone milestone);

} // namespace Nbc::Talos
