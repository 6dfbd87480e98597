#include "engine/logsink.h"
#include "inventory/machineregistry.h"
#include "talos/taloslog.h"
#include "testutil.h"

#include <QElapsedTimer>
#include <QTest>

using namespace Nbc;
using namespace Nbc::Talos;

// Talos log records exactly as Talos sends them (reference §8.1, §8.2), by both
// transports, through the console's own line parser:
// - kernel log (talos.logging.kernel= / KmsgLogConfig): numbered, "[talos] " prefix, a
//   controller's fields inline after the text;
// - machine.logging destinations: talos-service set, the inline fields split off.
namespace {

const QHostAddress kPeer(QStringLiteral("10.77.0.31"));
const QString kMac = QStringLiteral("52:54:00:aa:00:31");

MachineEvent parsed(const QByteArray &line, bool tcp = true)
{
    QString dropReason;
    const std::optional<MachineEvent> event = LogSink::eventFromLine(line, kPeer, tcp, &dropReason);
    if (!event)
        qFatal("not a log line (%s): %s", qPrintable(dropReason), line.constData());
    return *event;
}

LogOutcome classified(const QByteArray &line)
{
    return classifyLog(MachineRegistry::logRecordOf(parsed(line)));
}

QByteArray jsonText(QByteArray text)
{
    return text.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n").replace('\t', "\\t");
}

// A kernel-log record; `text` is the msg without its trailing newline.
QByteArray kmsg(const QByteArray &text, int seq = 711)
{
    return R"({"clock":6252819,"facility":"user","msg":")" + jsonText(text)
        + R"(\n","priority":"warning","seq":)" + QByteArray::number(seq)
        + R"(,"talos-level":"warn","talos-time":"2026-11-26T16:53:21.3258698Z"})";
}

// A service-log record of machined (or controller-runtime); `fields` are its split-off
// fields, written as JSON members.
QByteArray service(const QByteArray &text, const QByteArray &fields = {}, const QByteArray &name = "machined")
{
    return "{" + (fields.isEmpty() ? QByteArray() : fields + ",") + R"("msg":")" + jsonText(text)
        + R"(","talos-level":"info","talos-service":")" + name + R"(","talos-time":"2026-11-26T16:53:21.3258698Z"})";
}

// Not in a raw string: the meta-object compiler would read its "//" as a comment.
const QByteArray kConfigUrl = "http://10.77.0.1:8080/m/52-54-00-aa-00-31/config.yaml?t=x";
const QByteArray kAcquire = R"("component":"controller-runtime","controller":"config.AcquireController")";

} // namespace

class tst_TalosLog : public QObject
{
    Q_OBJECT
private:
    struct Lan {
        MachineRegistry registry;
        QStringList reported;
    };
    // A machine that got its address and its config from the console.
    static void boot(Lan &lan)
    {
        QObject::connect(&lan.registry, &MachineRegistry::installReported, &lan.registry,
                         [&lan](const QString &mac) { lan.reported << mac; });
        MachineEvent request = makeEvent(EventKind::DhcpRequest, kMac, kPeer);
        lan.registry.handleEvent(request);
        lan.registry.handleEvent(makeEvent(EventKind::ConfigServed, kMac, kPeer));
    }
    static void send(Lan &lan, const QByteArray &line, bool tcp = true)
    {
        lan.registry.handleEvent(parsed(line, tcp));
    }
    static const Machine &machine(Lan &lan) { return *lan.registry.machine(kMac); }

private Q_SLOTS:
    void milestones_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("milestone");
        QTest::addColumn<QString>("subject");
        auto row = [](const char *name, const QByteArray &line, const char *milestone, const char *subject = "") {
            QTest::newRow(name) << line << QString::fromLatin1(milestone) << QString::fromUtf8(subject);
        };
        // Config acquisition.
        row("fetching/kmsg", kmsg("[talos] fetching machine config from: \"" + kConfigUrl + "\""),
            "config-fetching");
        row("fetching/service", service("[talos] fetching machine config from: \"" + kConfigUrl + "\""),
            "config-fetching");
        row("downloading/kmsg", kmsg(R"([talos] downloading config {"component": "controller-runtime", "controller": "config.AcquireController", "platform": "metal"})"),
            "config-fetching");
        row("downloading/service", service("[talos] downloading config", kAcquire + R"(,"platform":"metal")"), "config-fetching");
        row("fetch-404/kmsg", kmsg(R"([talos] retrying error: failed to download config, received 404 {"component": "controller-runtime", "controller": "config.AcquireController"})"),
            "config-fetch-failing", "failed to download config, received 404");
        row("fetch-refused/kmsg", kmsg("[talos] retrying error: Get \"" + kConfigUrl + "\": dial tcp 10.77.0.1:8080: connect: connection refused"),
            "config-fetch-failing", QByteArray("Get \"" + kConfigUrl + "\": dial tcp 10.77.0.1:8080: connect: connection refused").constData());
        row("rejected/kmsg", kmsg(R"([talos] failed to validate config acquired via platform {"component": "controller-runtime", "controller": "config.AcquireController", "error": "1 error occurred:\n\t* cluster instructions are required\n\n"})"),
            "config-rejected", "1 error occurred:\n\t* cluster instructions are required");
        row("rejected/service", service("[talos] failed to validate config acquired via platform",
                                        kAcquire + R"(,"error":"1 error occurred:\n\t* cluster instructions are required\n\n")"),
            "config-rejected", "1 error occurred:\n\t* cluster instructions are required");
        // From 1.8 the kernel copy of a controller error comes only from the fifth on;
        // what it carries is in its error field.
        row("acquire-error/kmsg", kmsg(R"([talos] controller failed {"component": "controller-runtime", "controller": "config.AcquireController", "error": "error acquiring via platform metal: unknown keys found during decoding"})"),
            "config-rejected", "error acquiring via platform metal: unknown keys found during decoding");
        row("acquire-error/controller-runtime", service("[talos] controller failed",
                                                       kAcquire + R"(,"error":"error acquiring via platform metal: unknown keys found during decoding")",
                                                       "controller-runtime"),
            "config-rejected", "error acquiring via platform metal: unknown keys found during decoding");
        row("loaded/kmsg", kmsg(R"([talos] machine config loaded successfully {"component": "controller-runtime", "controller": "config.AcquireController", "sources": ["metal"]})"),
            "config-loaded");
        row("loaded/service", service("[talos] machine config loaded successfully", kAcquire + R"(,"sources":["metal"])"),
            "config-loaded");
        row("maintenance", kmsg("[talos] entering maintenance service"), "maintenance");
        // Install.
        row("install-task-start", kmsg("[talos] task install (1/1): starting"), "install-started");
        row("install-1.9", kmsg("[talos] task install (1/1): installing Talos to disk /dev/sda"), "install-started");
        row("install-1.14", kmsg(R"([talos] installing Talos {"component": "unattended-install", "disk": "/dev/nvme0n1"})"),
            "install-started");
        row("installer", kmsg("running Talos installer v1.9.5"), "install-started");
        row("install-done/kmsg", kmsg("[talos] task install (1/1): install successful"), "install-done");
        row("install-done/service", service("[talos] task install (1/1): install successful"), "install-done");
        // The phase's and task's own done lines are no milestone (the old "phase install" match).
        row("task-done", kmsg("[talos] task install (1/1): done, 21.2s"), "");
        row("phase-start", kmsg("[talos] phase install (5/11): 1 tasks(s)"), "");
        row("phase-done", kmsg("[talos] phase install (5/11): done, 21.3s"), "");
        row("phase-failed", kmsg("[talos] phase install (5/11): failed"), "");
        row("install-failed", kmsg("[talos] task install (1/1): failed: failed to install: no disk matches"),
            "install-failed", "failed to install: no disk matches");
        row("sequence-failed", kmsg("[talos] install sequence: failed"), "sequence-failed", "install sequence: failed");
        // Boot, reboot, running.
        row("booting", kmsg("[talos] [initramfs] booting Talos v1.9.5"), "booting", "v1.9.5");
        row("rebooting", kmsg("[talos] rebooting in 10 seconds"), "rebooting");
        row("reboot-phase", kmsg("[talos] phase reboot (11/11): 1 tasks(s)"), "rebooting");
        row("boot-done", kmsg("[talos] boot sequence: done: 1m2.345s"), "boot-done");
        row("ready/kmsg", kmsg(R"([talos] machine is running and ready {"component": "controller-runtime", "controller": "runtime.MachineStatusController"})"),
            "ready");
        row("ready/service", service("[talos] machine is running and ready",
                                     R"("component":"controller-runtime","controller":"runtime.MachineStatusController")"),
            "ready");
        row("bootstrap", kmsg("[talos] etcd is waiting to join the cluster, if this node is the first node in the cluster, please run `talosctl bootstrap` against one of the following IPs:"),
            "bootstrap-needed");
        row("service-running", kmsg("[talos] service[kubelet](Running): Health check successful"), "service-running", "kubelet");
        row("service-waiting", kmsg("[talos] service[kubelet](Waiting): Waiting for service \"cri\" to be \"up\""), "");
        // KSPP: the argument to add, every one of a joined error.
        row("kspp-required", kmsg("[talos] KSPP kernel parameter slab_nomerge is required"), "kspp-refused", "slab_nomerge");
        row("kspp-value", kmsg("[talos] KSPP kernel parameter pti was found with value off, expected on"), "kspp-refused", "pti=on");
        row("kspp-joined", kmsg("[talos] boot failed: 2 errors occurred:\n\t* KSPP kernel parameter slab_nomerge is required\n\t* KSPP kernel parameter pti was found with value off, expected on\n\n"),
            "kspp-refused", "slab_nomerge pti=on");
        row("other", kmsg("[talos] task startAllServices (1/1): waiting for 6 services"), "");
        row("inline-brace-is-text", kmsg("[talos] hello {not json}"), "");
    }
    void milestones()
    {
        QFETCH(QByteArray, line);
        QFETCH(QString, milestone);
        QFETCH(QString, subject);
        const LogOutcome outcome = classified(line);
        QCOMPARE(milestoneKey(outcome.milestone), milestone);
        QCOMPARE(outcome.subject, subject);
    }
    void textOfBothTransportsIsTheSame()
    {
        QCOMPARE(logText(parsed(kmsg(R"([talos] machine config loaded successfully {"component": "controller-runtime", "sources": ["metal"]})")).detail),
                 logText(parsed(service("[talos] machine config loaded successfully", kAcquire)).detail));
        QCOMPARE(logText(QStringLiteral("[talos] a {b} c")), QStringLiteral("a {b} c"));
    }

    // A whole install as Talos sends it: every machined line twice, controller lines three
    // times, in no fixed order. Reported once, never back to an earlier state, Joined only
    // at Ready, and the window shows each line once.
    void installAsTalosSendsIt()
    {
        Lan lan;
        boot(lan);
        int seq = 100;
        auto both = [&](const QByteArray &text, bool serviceFirst = false) {
            if (serviceFirst)
                send(lan, service(text));
            send(lan, kmsg(text, ++seq));
            if (!serviceFirst)
                send(lan, service(text));
        };
        send(lan, kmsg("[talos] [initramfs] booting Talos v1.9.5", ++seq));
        send(lan, kmsg(R"([talos] machine config loaded successfully {"component": "controller-runtime", "controller": "config.AcquireController", "sources": ["metal"]})", ++seq));
        send(lan, service("[talos] machine config loaded successfully", kAcquire + R"(,"sources":["metal"])"));
        send(lan, service("[talos] machine config loaded successfully", kAcquire + R"(,"sources":["metal"])", "controller-runtime"));
        QCOMPARE(machine(lan).talosState, QStringLiteral("config loaded"));
        both("[talos] task install (1/1): installing Talos to disk /dev/sda");
        QCOMPARE(machine(lan).stage, Stage::Installing);
        // The service copy of "successful" overtakes the kernel copy of "installing".
        send(lan, service("[talos] task install (1/1): install successful"));
        send(lan, kmsg("running Talos installer v1.9.5", ++seq));
        send(lan, kmsg("[talos] task install (1/1): install successful", ++seq));
        QCOMPARE(lan.reported, QStringList{kMac});
        QCOMPARE(machine(lan).talosState, QStringLiteral("installed to disk"));
        send(lan, kmsg("[talos] task install (1/1): installing Talos to disk /dev/sda", ++seq));
        QCOMPARE(machine(lan).talosState, QStringLiteral("installed to disk"));
        // kexec: a new Talos boot, its config from STATE.
        send(lan, kmsg("[talos] [initramfs] booting Talos v1.9.5", ++seq));
        QCOMPARE(machine(lan).talosState, QStringLiteral("booting Talos v1.9.5"));
        both("[talos] boot sequence: done: 1m2s");
        QCOMPARE(machine(lan).stage, Stage::Installing);
        QCOMPARE(machine(lan).talosState, QStringLiteral("services up, waiting for the node to be ready"));
        both("[talos] service[kubelet](Running): Health check successful");
        QCOMPARE(machine(lan).talosState, QStringLiteral("services up, waiting for the node to be ready"));
        send(lan, kmsg(R"([talos] machine is running and ready {"component": "controller-runtime", "controller": "runtime.MachineStatusController"})", ++seq));
        send(lan, service("[talos] machine is running and ready", R"("component":"controller-runtime","controller":"runtime.MachineStatusController")"));
        QCOMPARE(machine(lan).stage, Stage::Joined);
        QCOMPARE(machine(lan).talosState, QStringLiteral("running and ready"));
        QCOMPARE(lan.reported, QStringList{kMac});
        // Every line once, whichever ways it came; a line said again by the same way
        // (each boot's "booting") stays.
        QStringList texts;
        for (const LogLine &line : machine(lan).logs)
            texts << logText(line.message);
        QCOMPARE(texts.count(QStringLiteral("machine config loaded successfully")), 1);
        QCOMPARE(texts.count(QStringLiteral("task install (1/1): install successful")), 1);
        QCOMPARE(texts.count(QStringLiteral("machine is running and ready")), 1);
        QCOMPARE(texts.count(QStringLiteral("[initramfs] booting Talos v1.9.5")), 2);
    }
    // The old bug: over UDP the install was never "reported", so a late copy of the start
    // line took the state back to installing.
    void udpInstallDoesNotFlipBack()
    {
        Lan lan;
        boot(lan);
        send(lan, kmsg("[talos] task install (1/1): installing Talos to disk /dev/sda"), false);
        send(lan, kmsg("[talos] task install (1/1): install successful"), false);
        send(lan, service("[talos] task install (1/1): installing Talos to disk /dev/sda"), false);
        QCOMPARE(machine(lan).talosState, QStringLiteral("installed to disk"));
        QVERIFY(lan.reported.isEmpty());   // a UDP source proves nothing
    }
    void installFailureIsTheTasksError()
    {
        Lan lan;
        boot(lan);
        send(lan, kmsg("[talos] task install (1/1): installing Talos to disk /dev/sdz"));
        send(lan, kmsg("[talos] task install (1/1): failed: failed to install: no disk matches"));
        send(lan, kmsg("[talos] phase install (5/11): failed"));
        send(lan, kmsg("[talos] install sequence: failed"));
        send(lan, service("[talos] task install (1/1): failed: failed to install: no disk matches"));
        QCOMPARE(machine(lan).stage, Stage::Failed);
        QVERIFY2(machine(lan).failure.contains(QLatin1String("failed to install: no disk matches")),
                 qPrintable(machine(lan).failure));
        QVERIFY(lan.reported.isEmpty());

        Lan other;
        boot(other);
        send(other, kmsg("[talos] boot sequence: failed"));
        QCOMPARE(machine(other).stage, Stage::Failed);
        QVERIFY(machine(other).failure.contains(QLatin1String("boot sequence: failed")));
    }
    // Talos 1.8+: the first four kernel copies of a controller error are suppressed. The
    // warning line says it at once; the fifth attempt's copy changes nothing.
    void suppressedControllerErrors()
    {
        Lan lan;
        boot(lan);
        for (int attempt = 1; attempt <= 5; ++attempt) {
            send(lan, kmsg(R"([talos] downloading config {"component": "controller-runtime", "controller": "config.AcquireController", "platform": "metal"})"));
            send(lan, kmsg(R"([talos] failed to validate config acquired via platform {"component": "controller-runtime", "controller": "config.AcquireController", "error": "1 error occurred:\n\t* unknown keys found during decoding:\n\tmachine:\n\t  instal: {}\n\n"})"));
            if (attempt == 1) {
                QCOMPARE(machine(lan).stage, Stage::Failed);
                QVERIFY2(machine(lan).failure.contains(QLatin1String("unknown keys found during decoding")),
                         qPrintable(machine(lan).failure));
            }
            if (attempt == 5)
                send(lan, kmsg(R"([talos] controller failed {"component": "controller-runtime", "controller": "config.AcquireController", "error": "error acquiring via platform metal: failed to validate"})"));
        }
        QCOMPARE(machine(lan).stage, Stage::Failed);
        QVERIFY2(machine(lan).failure.contains(QLatin1String("unknown keys found during decoding")),
                 qPrintable(machine(lan).failure));

        // Only the controller error, the fifth time: still recognised.
        Lan late;
        boot(late);
        send(late, kmsg(R"([talos] controller failed {"component": "controller-runtime", "controller": "config.AcquireController", "error": "error acquiring via platform metal: yaml: line 3: did not find expected key"})"));
        QCOMPARE(machine(late).stage, Stage::Failed);
        QVERIFY(machine(late).failure.contains(QLatin1String("did not find expected key")));
    }
    // "Cannot download" says what the console itself answered.
    void fetchFailingNamesTheConsolesAnswer()
    {
        Lan lan;
        MachineEvent request = makeEvent(EventKind::DhcpRequest, kMac, kPeer);
        lan.registry.handleEvent(request);
        MachineEvent refused = makeEvent(EventKind::ConfigRefused, kMac, kPeer, QStringLiteral("no config is assigned to ") + kMac);
        refused.failure = FailureCode::NoConfigAssigned;
        refused.facts.insert(QStringLiteral("status"), 404);
        lan.registry.handleEvent(refused);
        send(lan, kmsg(R"([talos] retrying error: failed to download config, received 404 {"component": "controller-runtime", "controller": "config.AcquireController"})"));
        const Machine &m = machine(lan);
        QCOMPARE(m.talosState, QStringLiteral("cannot download its config"));
        QVERIFY2(m.hint.contains(QLatin1String("received 404")), qPrintable(m.hint));
        QVERIFY2(m.hint.contains(QLatin1String("the console answered 404: no config is assigned")), qPrintable(m.hint));

        // No request reached the console: it says so.
        Lan silent;
        silent.registry.handleEvent(makeEvent(EventKind::DhcpRequest, kMac, kPeer));
        send(silent, kmsg("[talos] retrying error: Get \"" + kConfigUrl + "\": dial tcp 10.77.0.1:8080: i/o timeout"));
        QVERIFY2(machine(silent).hint.contains(QLatin1String("no request for it has reached the console")),
                 qPrintable(machine(silent).hint));
    }
    void ksppRefusalNamesTheArgumentsThenReboots()
    {
        Lan lan;
        boot(lan);
        send(lan, kmsg("[talos] boot failed: 2 errors occurred:\n\t* KSPP kernel parameter slab_nomerge is required\n\t* KSPP kernel parameter pti was found with value off, expected on\n\n"));
        QCOMPARE(machine(lan).stage, Stage::Failed);
        QVERIFY2(machine(lan).failure.contains(QLatin1String("\"slab_nomerge pti=on\"")), qPrintable(machine(lan).failure));
        send(lan, kmsg("[talos] rebooting in 10 seconds"));
        QCOMPARE(machine(lan).talosState, QStringLiteral("rebooting"));
        QCOMPARE(machine(lan).stage, Stage::Failed);
    }
    void bootstrapWaitThenReady()
    {
        Lan lan;
        boot(lan);
        const QByteArray waiting = kmsg("[talos] etcd is waiting to join the cluster, if this node is the first node in the cluster, please run `talosctl bootstrap` against one of the following IPs:");
        send(lan, kmsg("[talos] boot sequence: done: 50s"));
        for (int i = 0; i < 3; ++i)   // every 30 s
            send(lan, waiting);
        QCOMPARE(machine(lan).talosState, QStringLiteral("bootstrap needed"));
        QVERIFY(machine(lan).hint.contains(QLatin1String("talosctl bootstrap --nodes 10.77.0.31")));
        send(lan, kmsg("[talos] service[etcd](Running): Health check successful"));
        QVERIFY(machine(lan).hint.isEmpty());
        send(lan, kmsg("[talos] machine is running and ready"));
        QCOMPARE(machine(lan).stage, Stage::Joined);
    }
    // Found with fuzz_taloslog (tests/data/fuzz/fuzz_taloslog/line-of-inline-braces.json):
    // a 64 KiB line of "x {" that ends in '}' made every brace a try at the inline fields,
    // each parsing the rest of the line: seconds of CPU per line, from any sender.
    void lineOfBracesIsCheap()
    {
        const QByteArray line = TestUtil::readData(QStringLiteral("fuzz/fuzz_taloslog/line-of-inline-braces.json"));
        QVERIFY(line.size() <= LogSink::kMaxLineBytes);
        Lan lan;
        boot(lan);
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < 30; ++i)   // before the fix: 0.2 s each in a release build
            send(lan, line);
        QCOMPARE(classified(line).milestone, Milestone::None);
        QVERIFY(logText(parsed(line).detail).endsWith(u'}'));   // no inline fields: all text
        QVERIFY2(timer.elapsed() < 3000, qPrintable(QStringLiteral("%1 ms").arg(timer.elapsed())));
    }
    void pure()
    {
        const LogRecord record{QStringLiteral("[talos] task install (1/1): install successful"), {}, QStringLiteral("machined"), {}, false};
        QCOMPARE(classifyLog(record).milestone, classifyLog(record).milestone);
        QCOMPARE(classifyLog({}).milestone, Milestone::None);
        QVERIFY(oncePerBoot(Milestone::InstallDone));
        QVERIFY(!oncePerBoot(Milestone::BootstrapNeeded));
    }
};

QTEST_GUILESS_MAIN(tst_TalosLog)
#include "tst_taloslog.moc"
