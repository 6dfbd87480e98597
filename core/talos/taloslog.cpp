#include "talos/taloslog.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <array>

namespace Nbc::Talos {

namespace {

// A rule matches when the text contains every one of its texts. First match wins, so a
// failure is tried before the start of the same task ("task install (1/1): failed:" also
// contains "task install ("), and "install successful" before "installing". Nothing
// matches "phase install": that phase's own "done" and "failed" lines say it too.
struct Rule {
    Milestone milestone;
    std::array<const char *, 2> texts;   // the second may be null
};

constexpr Rule kRules[] = {
    {Milestone::KsppRefused, {"KSPP kernel parameter", nullptr}},
    // Config acquisition (controllers/config/acquire.go, platform/metal/metal.go,
    // pkg/download/download.go through go-retry's "retrying error:").
    {Milestone::ConfigRejected, {"failed to validate config acquired via platform", nullptr}},
    {Milestone::ConfigRejected, {"error acquiring via platform", nullptr}},
    {Milestone::ConfigFetchFailing, {"failed to download config", nullptr}},
    {Milestone::ConfigFetchFailing, {"retrying error:", "config"}},
    {Milestone::ConfigLoaded, {"machine config loaded successfully", nullptr}},
    {Milestone::ConfigFetching, {"fetching machine config from", nullptr}},
    {Milestone::ConfigFetching, {"downloading config", nullptr}},
    {Milestone::Maintenance, {"entering maintenance service", nullptr}},
    // Install (v1alpha1_sequencer_tasks.go, unattended_install.go, v1alpha1_controller.go,
    // the installer writing to /dev/kmsg).
    {Milestone::InstallFailed, {"task install (", "): failed"}},
    {Milestone::SequenceFailed, {"sequence: failed", nullptr}},
    {Milestone::InstallDone, {"install successful", nullptr}},
    {Milestone::InstallStarted, {"installing Talos", nullptr}},
    {Milestone::InstallStarted, {"task install (", "): starting"}},
    {Milestone::InstallStarted, {"running Talos installer", nullptr}},
    // A new boot, and the way out of one (machined/main.go, the reboot and kexec phases).
    {Milestone::Booting, {"[initramfs] booting Talos", nullptr}},
    {Milestone::Rebooting, {"rebooting in ", " seconds"}},
    {Milestone::Rebooting, {"phase reboot (", "tasks(s)"}},
    {Milestone::Rebooting, {"phase kexec (", "tasks(s)"}},
    // Running (system/services/etcd.go, controllers/runtime/machine_status.go).
    {Milestone::BootstrapNeeded, {"etcd is waiting to join the cluster", nullptr}},
    {Milestone::Ready, {"machine is running and ready", nullptr}},
    {Milestone::BootDone, {"boot sequence: done", nullptr}},
    {Milestone::ServiceRunning, {"service[", "](Running)"}},
};

constexpr std::array<const char *, 17> kKeys = {
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
    "booting",
    "rebooting",
};

bool matches(const QString &text, const Rule &rule)
{
    for (const char *part : rule.texts) {
        if (part && !text.contains(QLatin1String(part)))
            return false;
    }
    return true;
}

// Each try parses the rest of the line, so without a limit a line of " {" repeated (64 KiB,
// from any sender on the network) costs seconds of CPU. Talos writes its fields as one
// object after the text: the first few braces are all there is to try.
constexpr int kMaxInlineTries = 8;

QByteArray tailFrom(const QByteArray &utf8, qsizetype at)
{
    // No copy: the parser reads the line's own bytes.
    return QByteArray::fromRawData(utf8.constData() + at, utf8.size() - at);
}

// Splits "[talos] text {"k": "v"}" into the text and its inline fields. A brace that
// does not start a JSON object at the end of the line is part of the text.
QString splitInline(const QString &message, QJsonObject *fields)
{
    QString text = message.trimmed();
    if (text.startsWith(QLatin1String("[talos] ")))
        text.remove(0, 8);
    if (text.endsWith(u'}') && text.contains(QLatin1String(" {"))) {
        // " {" is ASCII, so its n-th place in the UTF-8 bytes is its n-th in the text.
        const QByteArray utf8 = text.toUtf8();
        qsizetype at8 = -1;
        int tries = 0;
        for (qsizetype at = text.indexOf(QLatin1String(" {")); at >= 0 && tries < kMaxInlineTries;
             at = text.indexOf(QLatin1String(" {"), at + 1), ++tries) {
            at8 = utf8.indexOf(" {", at8 + 1);
            const QJsonDocument doc = QJsonDocument::fromJson(tailFrom(utf8, at8 + 1));
            if (doc.isObject()) {
                if (fields)
                    *fields = doc.object();
                text.truncate(at);
                break;
            }
        }
    }
    return text.trimmed();
}

// "KSPP kernel parameter slab_nomerge is required" -> slab_nomerge;
// "KSPP kernel parameter pti was found with value off, expected on" -> pti=on.
// Talos joins several such errors into one message: every one is read.
QString ksppArguments(const QString &text)
{
    static const QRegularExpression required(QStringLiteral("KSPP kernel parameter (\\S+) is required"));
    static const QRegularExpression wrong(
        QStringLiteral("KSPP kernel parameter (\\S+) was found with value (\\S*), expected ([^\\s,;]*)"));
    QStringList args;
    for (auto it = required.globalMatch(text); it.hasNext();) {
        const QString arg = it.next().captured(1);
        if (!args.contains(arg))
            args << arg;
    }
    for (auto it = wrong.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        const QString arg = m.captured(3).isEmpty() ? m.captured(1) : m.captured(1) + u'=' + m.captured(3);
        if (!args.contains(arg))
            args << arg;
    }
    return args.join(u' ');
}

QString errorText(const QString &text, const QString &error, const char *after)
{
    if (!error.trimmed().isEmpty())
        return error.trimmed().left(300);
    const qsizetype at = after ? text.indexOf(QLatin1String(after)) : -1;
    const QString tail = at >= 0 ? text.mid(at + qsizetype(qstrlen(after))).trimmed() : QString();
    return (tail.isEmpty() ? text : tail).left(300);
}

} // namespace

QString logText(const QString &message)
{
    return splitInline(message, nullptr);
}

LogOutcome classifyLog(const LogRecord &record)
{
    QJsonObject fields;
    const QString text = splitInline(record.message, &fields);
    const QString error = !record.error.isEmpty() ? record.error
                                                  : fields.value(QLatin1String("error")).toString();
    for (const Rule &rule : kRules) {
        // A refusal may sit in the error of a more general line ("controller failed"
        // with error "error acquiring via platform metal: ...").
        const bool inError = (rule.milestone == Milestone::KsppRefused || rule.milestone == Milestone::ConfigRejected)
                             && matches(error, rule);
        if (!matches(text, rule) && !inError)
            continue;
        LogOutcome outcome{rule.milestone, {}};
        switch (rule.milestone) {
        case Milestone::KsppRefused:
            outcome.subject = ksppArguments(text + u' ' + error);
            break;
        case Milestone::ServiceRunning:
            outcome.subject = text.section(QStringLiteral("service["), 1).section(u']', 0, 0);
            break;
        case Milestone::Booting:
            outcome.subject = text.section(QStringLiteral("booting Talos "), 1).section(u' ', 0, 0);
            break;
        case Milestone::ConfigRejected:
            outcome.subject = errorText(text, error, nullptr);
            break;
        case Milestone::ConfigFetchFailing:
            outcome.subject = errorText(text, error, "retrying error:");
            break;
        case Milestone::InstallFailed:
            outcome.subject = errorText(text, error, "): failed:");
            break;
        case Milestone::SequenceFailed:
            outcome.subject = errorText(text, error, nullptr);
            break;
        default:
            break;
        }
        return outcome;
    }
    return {};
}

bool oncePerBoot(Milestone milestone)
{
    switch (milestone) {
    case Milestone::None:
    case Milestone::ConfigFetching:       // each retry says it again
    case Milestone::ConfigFetchFailing:
    case Milestone::BootstrapNeeded:      // every 30 s until someone bootstraps
    case Milestone::ServiceRunning:       // one per service
    case Milestone::Booting:              // starts the boot itself
        return false;
    default:
        return true;
    }
}

QString milestoneKey(Milestone milestone)
{
    return QString::fromLatin1(kKeys.at(static_cast<size_t>(milestone)));
}

} // namespace Nbc::Talos
