#include "talos/taloslog.h"

#include <array>

namespace Nbc::Talos {

namespace {

// A rule matches when the message contains every one of its texts. First match wins, so
// a failure is tried before the start of the same phase ("task install (1/1): failed:"
// also contains "task install"), and "install successful" before "installing".
struct Rule {
    Milestone milestone;
    std::array<const char *, 2> texts;   // the second may be null
};

constexpr Rule kRules[] = {
    {Milestone::KsppRefused, {"KSPP kernel parameter", nullptr}},
    // Config acquisition (controllers/config/acquire.go, platform/metal/metal.go).
    {Milestone::ConfigRejected, {"failed to validate config acquired via platform", nullptr}},
    {Milestone::ConfigRejected, {"error acquiring via platform", nullptr}},
    {Milestone::ConfigRejected, {"failed to load config", nullptr}},
    {Milestone::ConfigRejected, {"controller failed", "config.AcquireController"}},
    {Milestone::ConfigFetchFailing, {"failed to download config", nullptr}},
    {Milestone::ConfigLoaded, {"machine config loaded successfully", nullptr}},
    {Milestone::ConfigFetching, {"fetching machine config from", nullptr}},
    {Milestone::ConfigFetching, {"downloading config", nullptr}},
    {Milestone::Maintenance, {"entering maintenance service", nullptr}},
    // Install (v1alpha1_sequencer_tasks.go, v1alpha1_controller.go, the installer).
    {Milestone::InstallFailed, {"task install", ": failed"}},
    {Milestone::InstallDone, {"install successful", nullptr}},
    {Milestone::SequenceFailed, {"sequence: failed", nullptr}},
    {Milestone::InstallStarted, {"installing Talos", nullptr}},
    {Milestone::InstallStarted, {"task install", ": starting"}},
    {Milestone::InstallStarted, {"running Talos installer", nullptr}},
    // Running (system/services/etcd.go, controllers/runtime/machine_status.go).
    {Milestone::BootstrapNeeded, {"etcd is waiting to join the cluster", nullptr}},
    {Milestone::Ready, {"machine is running and ready", nullptr}},
    {Milestone::BootDone, {"boot sequence: done", nullptr}},
    {Milestone::ServiceRunning, {"service[", "](Running)"}},
};

constexpr std::array<const char *, 15> kKeys = {
    "",
    "config-fetching",
    "config-fetch-failing",
    "config-rejected",
    "config-loaded",
    "maintenance",
    "install-started",
    "install-failed",
    "install-done",
    "sequence-failed",
    "boot-done",
    "bootstrap-needed",
    "ready",
    "kspp-refused",
    "service-running",
};

bool matches(const QString &message, const Rule &rule)
{
    for (const char *text : rule.texts) {
        if (text && !message.contains(QLatin1String(text)))
            return false;
    }
    return true;
}

QString subjectOf(Milestone milestone, const QString &message)
{
    switch (milestone) {
    case Milestone::KsppRefused:
        // "KSPP kernel parameter slab_nomerge is required" / "... was found with value ..."
        return message.section(QStringLiteral("KSPP kernel parameter "), 1).section(u' ', 0, 0);
    case Milestone::ServiceRunning:
        return message.section(QStringLiteral("service["), 1).section(u']', 0, 0);
    case Milestone::ConfigRejected:
    case Milestone::ConfigFetchFailing:
    case Milestone::InstallFailed:
    case Milestone::SequenceFailed:
        return message.left(300);
    default:
        return {};
    }
}

} // namespace

LogOutcome classifyLog(const LogRecord &record)
{
    for (const Rule &rule : kRules) {
        if (matches(record.message, rule))
            return {rule.milestone, subjectOf(rule.milestone, record.message)};
    }
    return {};
}

QString milestoneKey(Milestone milestone)
{
    return QString::fromLatin1(kKeys.at(static_cast<size_t>(milestone)));
}

} // namespace Nbc::Talos
