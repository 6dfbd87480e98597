#include "talos/taloslog.h"

#include <QTest>

using namespace Nbc::Talos;

// Records shaped as Talos sends them (reference §8.1, §8.2): machined's lines through kmsg
// read "[talos] <text>", controller lines carry their fields as inline JSON.
class tst_TalosLog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void milestones_data()
    {
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("milestone");
        QTest::addColumn<QString>("subject");
        auto row = [](const char *name, const char *message, const char *milestone, const char *subject = "") {
            QTest::newRow(name) << QString::fromUtf8(message) << QString::fromLatin1(milestone) << QString::fromUtf8(subject);
        };
        row("fetching", "[talos] fetching machine config from: \"http://10.77.0.1:8080/m/52-54-00-12-34-56/config.yaml\"",
            "config-fetching");
        row("downloading", "[talos] downloading config {\"component\": \"controller-runtime\", \"controller\": \"config.AcquireController\", \"platform\": \"metal\"}",
            "config-fetching");
        row("fetch-failing", "[talos] retrying error: failed to download config, received 404",
            "config-fetch-failing", "[talos] retrying error: failed to download config, received 404");
        row("rejected", "[talos] failed to validate config acquired via platform {\"component\": \"controller-runtime\", \"error\": \"1 error occurred\"}",
            "config-rejected",
            "[talos] failed to validate config acquired via platform {\"component\": \"controller-runtime\", \"error\": \"1 error occurred\"}");
        row("acquire-error", "[talos] error acquiring via platform metal: unknown keys found during decoding", "config-rejected",
            "[talos] error acquiring via platform metal: unknown keys found during decoding");
        row("legacy-controller", "[talos] controller failed {\"controller\": \"config.AcquireController\", \"error\": \"decode error\"}",
            "config-rejected", "[talos] controller failed {\"controller\": \"config.AcquireController\", \"error\": \"decode error\"}");
        row("loaded", "[talos] machine config loaded successfully {\"component\": \"controller-runtime\", \"controller\": \"config.AcquireController\", \"sources\": [\"metal\"]}",
            "config-loaded");
        row("maintenance", "[talos] entering maintenance service", "maintenance");
        row("install-1.9", "[talos] task install (1/1): installing Talos to disk /dev/sda", "install-started");
        row("install-1.14", "[talos] installing Talos {\"component\": \"unattended-install\", \"disk\": \"/dev/nvme0n1\"}", "install-started");
        row("install-task-start", "[talos] task install (1/1): starting", "install-started");
        row("installer", "running Talos installer v1.9.1", "install-started");
        // The phase's own done and failed lines are not its start (the old "phase install" match).
        row("install-done", "[talos] task install (1/1): install successful", "install-done");
        row("install-failed", "[talos] task install (1/1): failed: failed to install: no disk matches",
            "install-failed", "[talos] task install (1/1): failed: failed to install: no disk matches");
        row("sequence-failed", "[talos] sequence: failed {\"sequence\": \"install\"}", "sequence-failed",
            "[talos] sequence: failed {\"sequence\": \"install\"}");
        // Services up is not joined: the node is not Ready yet.
        row("boot-done", "[talos] boot sequence: done: 1m2.345s", "boot-done");
        row("ready", "[talos] machine is running and ready {\"component\": \"controller-runtime\", \"controller\": \"runtime.MachineStatusController\"}",
            "ready");
        row("bootstrap", "[talos] etcd is waiting to join the cluster, if this node is the first node in the cluster, please run `talosctl bootstrap` against one of the following IPs:",
            "bootstrap-needed");
        row("kspp-required", "[talos] KSPP kernel parameter slab_nomerge is required", "kspp-refused", "slab_nomerge");
        row("kspp-value", "[talos] KSPP kernel parameter pti was found with value off, expected on", "kspp-refused", "pti");
        row("service", "[talos] service[kubelet](Running): Health check successful", "service-running", "kubelet");
        row("other", "[talos] task startAllServices (1/1): waiting for 6 services", "");
    }
    void milestones()
    {
        QFETCH(QString, message);
        QFETCH(QString, milestone);
        QFETCH(QString, subject);
        const LogOutcome outcome = classifyLog({message, QStringLiteral("info"), {}});
        QCOMPARE(milestoneKey(outcome.milestone), milestone);
        QCOMPARE(outcome.subject, subject);
    }
    void pure()
    {
        const LogRecord record{QStringLiteral("[talos] task install (1/1): install successful"), {}, QStringLiteral("machined")};
        QCOMPARE(classifyLog(record).milestone, classifyLog(record).milestone);
        QCOMPARE(classifyLog({}).milestone, Milestone::None);
    }
};

QTEST_GUILESS_MAIN(tst_TalosLog)
#include "tst_taloslog.moc"
