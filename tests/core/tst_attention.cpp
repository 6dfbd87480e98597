#include "engine/servicehost.h"
#include "inventory/machineregistry.h"
#include "session/consolesession.h"
#include "talos/configlibrary.h"

#include "testutil.h"

#include <QDir>
#include <QFile>
#include <QNetworkInterface>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Nbc;

// What a technician needs from the live state: rates that follow the bytes, a deadline
// in every stage, the console named when it is the cause, one message per cause, Failed
// kept, a question before a role change, and assignment by power-on order.
class tst_Attention : public QObject
{
    Q_OBJECT
private:
    static const QString kMac;
    static const QHostAddress kIp;

    // A registry on a clock the test moves.
    struct Clocked {
        MachineRegistry registry;
        QDateTime t = QDateTime(QDate(2026, 12, 6), QTime(12, 0), Qt::UTC);
        Clocked()
        {
            registry.setClock([this] { return t; });
        }
        void at(int seconds) { t = t.addSecs(seconds); registry.checkStalls(); }
        void send(MachineEvent e)
        {
            e.time = t;
            // A machine is made by its DHCP (as on the wire); HTTP only updates a known one.
            const bool dhcp = e.kind == EventKind::DhcpDiscover || e.kind == EventKind::DhcpRequest
                || e.kind == EventKind::DhcpOffer || e.kind == EventKind::DhcpAck;
            if (!dhcp && !e.mac.isEmpty() && !registry.machine(e.mac)) {
                MachineEvent discover = makeEvent(EventKind::DhcpDiscover, e.mac, QHostAddress());
                discover.time = t;
                registry.handleEvent(discover);
            }
            registry.handleEvent(e);
        }
        const Machine &m(const QString &mac = kMac) { return *registry.machine(mac); }
    };
    static MachineEvent download(const QString &mac, qint64 bytes, qint64 rate)
    {
        MachineEvent e = makeEvent(EventKind::HttpProgress, mac, kIp, QStringLiteral("vmlinuz"));
        e.artifact = ArtifactKind::Kernel;
        e.bytes = bytes;
        e.total = 100 * 1024 * 1024;
        e.rate = rate;
        return e;
    }
    static MachineEvent script(const QString &mac, ScriptKind kind)
    {
        MachineEvent e = makeEvent(EventKind::ScriptServed, mac, kIp, scriptKey(kind));
        e.script = kind;
        return e;
    }
    static SessionOverrides loopback()
    {
        SessionOverrides o;
        o.serverAddress = QStringLiteral("127.0.0.1");
        return o;
    }

private Q_SLOTS:
    void rateDecaysAndStalledShowsNone()
    {
        Clocked c;
        c.send(makeEvent(EventKind::DhcpRequest, kMac, kIp));
        c.send(download(kMac, 10 * 1024 * 1024, 3 * 1024 * 1024));
        QCOMPARE(c.m().rate, qint64(3 * 1024 * 1024));
        c.at(1);
        QCOMPARE(c.m().rate, qint64(3 * 1024 * 1024));   // a second without bytes is normal
        c.at(1);
        QVERIFY(c.m().rate > 0 && c.m().rate < 3 * 1024 * 1024);
        c.at(MachineRegistry::kRateDecaySeconds);
        QCOMPARE(c.m().rate, qint64(0));   // no rate, so no time left is shown
        c.send(download(kMac, 20 * 1024 * 1024, 2 * 1024 * 1024));
        QCOMPARE(c.m().rate, qint64(2 * 1024 * 1024));
        c.at(c.registry.stallSeconds());
        QCOMPARE(c.m().stage, Stage::Stalled);
        QCOMPARE(c.m().rate, qint64(0));
        QVERIFY(c.m().hint.contains(QLatin1String("cable")));
    }

    void deadlineInEachStage_data()
    {
        QTest::addColumn<QList<MachineEvent>>("events");
        QTest::addColumn<int>("stage");
        QTest::addColumn<QString>("hint");
        const QString m = kMac;
        MachineEvent discover = makeEvent(EventKind::DhcpDiscover, m, {});
        discover.facts.insert(QStringLiteral("arch"), 7);
        MachineEvent tftp = makeEvent(EventKind::TftpDone, m, kIp, QStringLiteral("ipxe.efi"));
        tftp.artifact = ArtifactKind::IpxeBinary;
        MachineEvent kernelDone = download(m, 100 * 1024 * 1024, 1);
        kernelDone.kind = EventKind::HttpDone;
        QTest::newRow("discovered") << QList<MachineEvent>{discover} << int(Stage::Discovered) << QStringLiteral("fetched nothing");
        QTest::newRow("loading-ipxe") << QList<MachineEvent>{discover, tftp} << int(Stage::LoadingIpxe) << QStringLiteral("boot script");
        QTest::newRow("ipxe") << QList<MachineEvent>{discover, script(m, ScriptKind::BootTalos)} << int(Stage::Ipxe)
                              << QStringLiteral("iPXE error");
        QTest::newRow("waiting") << QList<MachineEvent>{discover, script(m, ScriptKind::Wait)} << int(Stage::Waiting)
                                 << QStringLiteral("drag one onto this machine");
        QTest::newRow("kernel") << QList<MachineEvent>{discover, script(m, ScriptKind::BootTalos), kernelDone}
                                << int(Stage::Kernel) << QStringLiteral("kernel panic");
        QTest::newRow("config") << QList<MachineEvent>{makeEvent(EventKind::DhcpRequest, m, kIp),
                                                       makeEvent(EventKind::ConfigServed, m, kIp, QStringLiteral("w.yaml"))}
                                << int(Stage::Config) << QStringLiteral("logs reaching the console");
        MachineEvent installing = makeEvent(EventKind::Log, {}, kIp, QStringLiteral("[talos] task install (1/1): installing Talos to disk /dev/sda"));
        installing.facts.insert(QStringLiteral("transport"), QStringLiteral("tcp"));
        QTest::newRow("installing") << QList<MachineEvent>{makeEvent(EventKind::DhcpRequest, m, kIp),
                                                           makeEvent(EventKind::ConfigServed, m, kIp), installing}
                                    << int(Stage::Installing) << QStringLiteral("installing for 20 min");
    }
    void deadlineInEachStage()
    {
        QFETCH(QList<MachineEvent>, events);
        QFETCH(int, stage);
        QFETCH(QString, hint);
        Clocked c;
        for (const MachineEvent &e : events)
            c.send(e);
        QCOMPARE(int(c.m().stage), stage);
        const int deadline = c.registry.stageDeadline(Stage(stage));
        QVERIFY(deadline > 0);
        c.at(deadline - 1);
        QVERIFY(!c.m().overdue);
        c.at(1);
        QVERIFY(c.m().overdue);
        QVERIFY(c.m().needsAttention());
        QVERIFY2(c.m().hint.contains(hint), qPrintable(c.m().hint));
        QVERIFY(!c.m().hint.contains(QLatin1String("cable")));
        // Going on leaves the stage's hint behind.
        c.send(makeEvent(EventKind::DhcpRequest, kMac, kIp));
        c.send(makeEvent(EventKind::ConfigServed, kMac, kIp));
        MachineEvent ready = makeEvent(EventKind::Log, {}, kIp, QStringLiteral("[talos] machine is running and ready"));
        ready.facts.insert(QStringLiteral("transport"), QStringLiteral("tcp"));
        c.send(ready);
        QCOMPARE(c.m().stage, Stage::Joined);
        QVERIFY(!c.m().overdue);
        QVERIFY2(!c.m().hint.contains(hint), qPrintable(c.m().hint));
    }
    void restoredMachinesHaveNoDeadline()
    {
        Clocked c;
        Machine old;
        old.mac = kMac;
        old.stage = Stage::Config;
        old.stageSince = c.t.addDays(-3);
        c.registry.restore({old});
        c.at(1);
        QVERIFY(!c.m().overdue);
    }

    // The console stopped: nobody is told to check a cable.
    void consoleIsTheCause()
    {
        Clocked c;
        const QStringList macs = {QStringLiteral("52:54:00:00:01:01"), QStringLiteral("52:54:00:00:01:02"),
                                  QStringLiteral("52:54:00:00:01:03")};
        for (const QString &mac : macs)
            c.send(download(mac, 1024 * 1024, 5 * 1024 * 1024));
        const QString problem = QStringLiteral("The console's services are stopped: start them (Services ▸ Start).");
        c.registry.setConsoleProblem(problem);
        c.at(c.registry.stallSeconds());
        for (const QString &mac : macs) {
            QCOMPARE(c.m(mac).stage, Stage::Stalled);
            QVERIFY2(c.m(mac).hint.startsWith(problem), qPrintable(c.m(mac).hint));
            QVERIFY(!c.m(mac).hint.contains(QLatin1String("cable")));
            QCOMPARE(c.m(mac).rate, qint64(0));
        }
        const QList<MachineRegistry::CauseGroup> groups = c.registry.causeGroups();
        QCOMPARE(groups.size(), 1);
        QCOMPARE(groups.first().cause, problem);
        QCOMPARE(groups.first().macs, macs);
        // Served again: the hint says so.
        c.registry.setConsoleProblem({});
        QVERIFY(c.m(macs.first()).hint.contains(QLatin1String("serves again")));
    }
    void sessionNamesStoppedServices()
    {
        QTemporaryDir dir;
        ConsoleSession session;
        QVERIFY2(session.open(dir.path(), loopback()), qPrintable(session.error()));
        QVERIFY(session.registry()->consoleProblem().contains(QLatin1String("stopped")));
        session.startServices();
        QTRY_VERIFY(session.registry()->consoleProblem().isEmpty());
        session.stopServices();
        QVERIFY(session.registry()->consoleProblem().contains(QLatin1String("stopped")));
    }

    // The served interface: gone, down or without a link is the console's problem.
    void interfaceProblems()
    {
        QVERIFY(ConsoleSession::interfaceProblem(QStringLiteral("eth1"), true, true, true).isEmpty());
        QVERIFY(ConsoleSession::interfaceProblem(QStringLiteral("eth1"), true, true, false).contains(QLatin1String("no link")));
        QVERIFY(ConsoleSession::interfaceProblem(QStringLiteral("eth1"), true, false, false).contains(QLatin1String("ip link set eth1 up")));
        QVERIFY(ConsoleSession::interfaceProblem(QStringLiteral("usb0"), false, false, false).contains(QLatin1String("gone")));
        // Loopback, as the session sees it: up and running.
        const QNetworkInterface lo = QNetworkInterface::interfaceFromName(QStringLiteral("lo"));
        QVERIFY(lo.isValid());
        QVERIFY(ConsoleSession::interfaceProblem(QStringLiteral("lo"), lo.isValid(), lo.flags().testFlag(QNetworkInterface::IsUp),
                                                 lo.flags().testFlag(QNetworkInterface::IsRunning)).isEmpty());
    }

    // One broken file, thirty failed machines: one message, with the thirty MACs.
    void oneCauseOneGroup()
    {
        Clocked c;
        const QString cause = QStringLiteral("Its config could not be served: demo-worker.yaml:5: cluster.controlPlane.endpoint is missing");
        for (int i = 0; i < 30; ++i) {
            const QString mac = QStringLiteral("52:54:00:00:02:%1").arg(i, 2, 16, QLatin1Char('0'));
            c.send(makeEvent(EventKind::DhcpRequest, mac, QHostAddress(QStringLiteral("10.77.0.%1").arg(100 + i))));
            MachineEvent refused = makeEvent(EventKind::ConfigRefused, mac, QHostAddress(QStringLiteral("10.77.0.%1").arg(100 + i)),
                                             QStringLiteral("demo-worker.yaml:5: cluster.controlPlane.endpoint is missing"));
            refused.failure = FailureCode::ConfigInvalid;
            c.send(refused);
        }
        // Two others, each with its own trouble.
        c.send(script(QStringLiteral("52:54:00:00:03:01"), ScriptKind::Wait));
        c.send(download(QStringLiteral("52:54:00:00:03:02"), 1, 1));
        const QList<MachineRegistry::CauseGroup> groups = c.registry.causeGroups();
        QCOMPARE(groups.size(), 1);
        QCOMPARE(groups.first().cause, cause);
        QCOMPARE(groups.first().macs.size(), 30);
        QCOMPARE(c.registry.causeGroups(1).size(), 2);   // the waiting one alone
    }
    // The machine's own log: the console's events, not its progress ticks, bounded.
    void consoleEventsForTheMachinesLog()
    {
        Clocked c;
        QSignalSpy logged(&c.registry, &MachineRegistry::eventLogged);
        c.send(makeEvent(EventKind::DhcpRequest, kMac, kIp));
        for (int i = 0; i < 50; ++i)
            c.send(download(kMac, i * 1024, 1024));
        MachineEvent refused = makeEvent(EventKind::ConfigRefused, kMac, kIp, QStringLiteral("no config is assigned to ") + kMac);
        refused.failure = FailureCode::NoConfigAssigned;
        c.send(refused);
        QCOMPARE(c.m().events.size(), 2);
        QCOMPARE(logged.size(), 2);
        QVERIFY(c.m().events.first().message.startsWith(QLatin1String("dhcp-request from 10.77.0.77")));
        QVERIFY2(c.m().events.last().message.contains(QLatin1String("config-refused: no config is assigned")), qPrintable(c.m().events.last().message));
        QVERIFY(c.m().events.last().message.contains(QLatin1String("(no-config-assigned)")));
        QCOMPARE(c.m().events.last().service, QStringLiteral("console"));
        for (int i = 0; i < 3 * MachineRegistry::kEventCap; ++i)
            c.send(makeEvent(EventKind::DhcpRequest, kMac, kIp));
        QCOMPARE(c.m().events.size(), MachineRegistry::kEventCap);
        QVERIFY(c.m().logs.isEmpty());   // Talos's lines are their own
    }

    // A Failed machine stays Failed while Talos retries; something new moves it.
    void failedIsKept()
    {
        Clocked c;
        c.send(makeEvent(EventKind::DhcpRequest, kMac, kIp));
        MachineEvent refused = makeEvent(EventKind::ConfigRefused, kMac, kIp, QStringLiteral("w.yaml:3: bad"));
        refused.failure = FailureCode::ConfigInvalid;
        c.send(refused);
        QCOMPARE(c.m().stage, Stage::Failed);
        for (int i = 0; i < 5; ++i) {
            MachineEvent retry = makeEvent(EventKind::Log, {}, kIp, QStringLiteral("[talos] fetching machine config from: \"http://10.77.0.1:8080/m/x/config.yaml\""));
            retry.facts.insert(QStringLiteral("transport"), QStringLiteral("tcp"));
            c.send(retry);
            c.send(refused);
            c.at(10);
        }
        QCOMPARE(c.m().stage, Stage::Failed);
        QVERIFY(c.m().needsAttention());
        QVERIFY(c.m().failure.contains(QLatin1String("w.yaml:3: bad")));
        c.send(makeEvent(EventKind::ConfigServed, kMac, kIp));   // the file was fixed
        QCOMPARE(c.m().stage, Stage::Config);
    }

    // A control-plane config dropped on workers that are installing asks first; after a
    // change, the machine shows that it runs another config than assigned.
    void roleChangeAndReinstall()
    {
        QTemporaryDir dir;
        ConsoleSession session;
        QVERIFY2(session.open(dir.path(), loopback()), qPrintable(session.error()));
        QDir().mkpath(dir.filePath(QStringLiteral("configs")));
        for (const char *name : {"talos-1.12-worker.yaml", "talos-1.12-controlplane.yaml"}) {
            QFile f(dir.filePath(QStringLiteral("configs/") + QLatin1String(name)));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(TestUtil::readData(QStringLiteral("talos/") + QLatin1String(name)));
            f.close();
            f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        }
        session.configs()->rescan();
        const QString worker = QStringLiteral("configs/talos-1.12-worker.yaml");
        const QString controlPlane = QStringLiteral("configs/talos-1.12-controlplane.yaml");
        const QStringList macs = {QStringLiteral("52:54:00:00:04:01"), QStringLiteral("52:54:00:00:04:02"),
                                  QStringLiteral("52:54:00:00:04:03"), QStringLiteral("52:54:00:00:04:04")};
        QVERIFY(session.assign(macs, worker));
        for (int i = 0; i < 3; ++i) {
            const QHostAddress ip(QStringLiteral("10.77.0.%1").arg(50 + i));
            session.registry()->handleEvent(makeEvent(EventKind::DhcpRequest, macs.at(i), ip));
            MachineEvent served = makeEvent(EventKind::ConfigServed, macs.at(i), ip, QStringLiteral("talos-1.12-worker.yaml"));
            served.facts.insert(QStringLiteral("config"), dir.filePath(worker));
            served.facts.insert(QStringLiteral("role"), QStringLiteral("worker"));
            session.registry()->handleEvent(served);
            MachineEvent line = makeEvent(EventKind::Log, {}, ip, QStringLiteral("[talos] task install (1/1): installing Talos to disk /dev/sda"));
            line.facts.insert(QStringLiteral("transport"), QStringLiteral("tcp"));
            session.registry()->handleEvent(line);
        }
        // The fourth has not booted: nothing to ask about it.
        QCOMPARE(session.roleChanges(macs, controlPlane), macs.mid(0, 3));
        QVERIFY(session.roleChanges(macs, worker).isEmpty());
        QVERIFY(!session.needsReinstall(macs.first()));
        QVERIFY(session.assign({macs.first()}, controlPlane));
        QVERIFY(session.needsReinstall(macs.first()));
        QVERIFY(!session.needsReinstall(macs.at(1)));
    }

    // Powered on one by one along a shelf: each new machine takes the next name.
    void assignQueueByPowerOnOrder()
    {
        QTemporaryDir dir;
        ConsoleSession session;
        QVERIFY2(session.open(dir.path(), loopback()), qPrintable(session.error()));
        const QList<ConsoleSession::QueueEntry> queue =
            ConsoleSession::queueFromPattern(QStringLiteral("configs/w.yaml"), QStringLiteral("rack1-{n:02}"), 7, 3);
        QCOMPARE(queue.size(), 3);
        QCOMPARE(queue.first().hostname, QStringLiteral("rack1-07"));
        QCOMPARE(queue.last().hostname, QStringLiteral("rack1-09"));
        session.setAssignQueue(queue);
        QSignalSpy taken(&session, &ConsoleSession::queueAssigned);
        // A machine that already has a config keeps it and takes no entry.
        QVERIFY(session.assign({QStringLiteral("52:54:00:00:05:00")}, QStringLiteral("configs/other.yaml")));
        session.registry()->handleEvent(makeEvent(EventKind::DhcpDiscover, QStringLiteral("52:54:00:00:05:00"), {}));
        for (const char *mac : {"52:54:00:00:05:03", "52:54:00:00:05:01", "52:54:00:00:05:02", "52:54:00:00:05:04"})
            session.registry()->handleEvent(makeEvent(EventKind::DhcpDiscover, QLatin1String(mac), {}));
        QCOMPARE(taken.size(), 3);
        QCOMPARE(session.assignment(QStringLiteral("52:54:00:00:05:03")), QStringLiteral("configs/w.yaml"));
        QCOMPARE(session.displayName(QStringLiteral("52:54:00:00:05:03")), QStringLiteral("rack1-07"));
        QCOMPARE(session.displayName(QStringLiteral("52:54:00:00:05:01")), QStringLiteral("rack1-08"));
        QCOMPARE(session.displayName(QStringLiteral("52:54:00:00:05:02")), QStringLiteral("rack1-09"));
        QVERIFY(session.assignment(QStringLiteral("52:54:00:00:05:04")).isEmpty());   // the queue ran out
        QCOMPARE(session.assignment(QStringLiteral("52:54:00:00:05:00")), QStringLiteral("configs/other.yaml"));
        QVERIFY(session.assignQueue().isEmpty());
        // Seen again (a second boot) takes nothing.
        session.setAssignQueue(ConsoleSession::queueFromPattern(QStringLiteral("configs/w.yaml"), QStringLiteral("x-{n}"), 1, 1));
        session.registry()->handleEvent(makeEvent(EventKind::DhcpDiscover, QStringLiteral("52:54:00:00:05:04"), {}));
        QCOMPARE(session.assignQueue().size(), 1);
    }
};

const QString tst_Attention::kMac = QStringLiteral("52:54:00:00:00:77");
const QHostAddress tst_Attention::kIp = QHostAddress(QStringLiteral("10.77.0.77"));

QTEST_GUILESS_MAIN(tst_Attention)
#include "tst_attention.moc"
