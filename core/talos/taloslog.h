#pragma once

#include <QString>

namespace Nbc::Talos {

// One Talos log record as it arrives as a JSON line (reference §8.1). Two transports:
// - the kernel log (talos.logging.kernel= / KmsgLogConfig): `seq`, `facility`, no
//   `talos-service`; machined's lines read "[talos] <text>", and a controller's fields
//   follow the text as inline JSON ({"controller": ..., "error": ...});
// - machine.logging destinations: `talos-service` is set, and a trailing {...} has been
//   split off into top-level fields, so `error` is a field, not part of `msg`.
struct LogRecord {
    QString message;
    QString level;
    QString service;          // talos-service: only the service-log transport sets it
    QString error;            // the service-log transport's separate `error` field
    bool kernelLog = false;   // the record carries `seq` (a kmsg copy)
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
    Booting,              // [initramfs] booting Talos vX: a new Talos boot (also after kexec)
    Rebooting,            // rebooting in N seconds / the reboot or kexec phase starts
};

struct LogOutcome {
    Milestone milestone = Milestone::None;
    // What the milestone is about, for display: the KSPP arguments to add ("slab_nomerge
    // pti=on"), the service name, the Talos version booting, or a failure's error text.
    QString subject;
};

// Pure and table-driven: the same record always gives the same outcome, whichever
// transport it came by. The registry applies it; nothing here knows about machines.
LogOutcome classifyLog(const LogRecord &record);

// The text a record says, as both transports would give it: without the "[talos] "
// prefix and without a controller's inline JSON fields.
QString logText(const QString &message);

// True for milestones Talos reports once per boot: a second copy (Talos sends a line up
// to three times) must change nothing.
bool oncePerBoot(Milestone milestone);

// The key of a milestone ("install-done", ...), stable for tests and event lines.
QString milestoneKey(Milestone milestone);

} // namespace Nbc::Talos
