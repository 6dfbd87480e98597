#include "inventory/inventorystore.h"
#include "inventory/machineregistry.h"
#include "inventory/workspace.h"

#include <QCoreApplication>
#include <QDir>
#include <QProcess>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <cstring>

using namespace Nbc;

namespace {

MachineEvent ev(EventKind kind, const QString &mac, const QString &ip, const QString &detail)
{
    MachineEvent e = makeEvent(kind, mac, QHostAddress(ip), detail);
    return e;
}

QString macFor(int i)
{
    return QStringLiteral("52:54:00:00:%1:%2").arg(i / 256, 2, 16, QLatin1Char('0')).arg(i % 256, 2, 16, QLatin1Char('0'));
}

// The child of the SIGKILL test: writes inventory and workspace as fast as it can until
// it is killed. Never returns.
int runWriter(const QString &dir)
{
    Workspace ws = Workspace::open(dir);
    if (!ws.ok())
        return 3;
    MachineRegistry registry;
    InventoryStore store;
    if (!store.open(dir + QStringLiteral("/inventory.sqlite")))
        return 4;
    registry.restore(store.load());
    store.attach(&registry);
    for (int round = 0;; ++round) {
        for (int i = 0; i < 50; ++i) {
            const QString mac = macFor((round * 50 + i) % 2000);
            const QString ip = QStringLiteral("10.1.%1.%2").arg(i).arg(round % 250 + 1);
            registry.handleEvent(ev(EventKind::ScriptServed, mac, ip, QStringLiteral("boot-talos")));
            registry.handleEvent(ev(EventKind::DhcpRequest, mac, ip, {}));
            registry.handleEvent(ev(EventKind::ConfigServed, mac, ip, QStringLiteral("w.yaml")));
            registry.handleEvent(ev(EventKind::Log, {}, ip, QStringLiteral("[talos] task install (1/1): installing Talos to disk /dev/sda")));
            ws.setAssignment(mac, QStringLiteral("configs/round-%1.yaml").arg(round));
        }
        registry.publish();
        store.flush();
        ws.save();
        QCoreApplication::processEvents();
    }
}

} // namespace

class tst_InventoryStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("inventory.sqlite"));
        const QString mac = QStringLiteral("52:54:00:aa:bb:cc");
        {
            MachineRegistry registry;
            InventoryStore store;
            QVERIFY(store.open(path));
            store.attach(&registry);
            MachineEvent script = ev(EventKind::ScriptServed, mac, QStringLiteral("10.0.0.9"), QStringLiteral("boot-talos"));
            script.facts = {{QStringLiteral("uuid"), QStringLiteral("u-1")}, {QStringLiteral("serial"), QStringLiteral("SER")}};
            registry.handleEvent(ev(EventKind::DhcpRequest, mac, QStringLiteral("10.0.0.9"), {}));
            registry.handleEvent(script);
            registry.handleEvent(ev(EventKind::ConfigServed, mac, QStringLiteral("10.0.0.9"), QStringLiteral("w.yaml")));
            registry.handleEvent(ev(EventKind::Log, {}, QStringLiteral("10.0.0.9"), QStringLiteral("[talos] machine is running and ready")));
            registry.markSimulated(mac);
            registry.publish();
            QString error;
            QVERIFY2(store.flush(&error), qPrintable(error));
        }
        // A new process: the machine, its facts, history and logs are back.
        MachineRegistry registry;
        InventoryStore store;
        QVERIFY(store.open(path));
        QVERIFY(store.integrityOk());
        const QList<Machine> machines = store.load();
        QCOMPARE(machines.size(), 1);
        const Machine &m = machines.first();
        QCOMPARE(m.mac, mac);
        QCOMPARE(m.stage, Stage::Joined);
        QCOMPARE(m.uuid, QStringLiteral("u-1"));
        QCOMPARE(m.serial, QStringLiteral("SER"));
        QCOMPARE(m.ip, QHostAddress(QStringLiteral("10.0.0.9")));
        QVERIFY(m.simulated);
        QCOMPARE(m.logs.size(), 1);
        QCOMPARE(m.logs.first().message, QStringLiteral("[talos] machine is running and ready"));
        QStringList stages;
        for (const StageChange &c : m.history)
            stages << stageName(c.stage);
        QCOMPARE(stages, (QStringList{QStringLiteral("Ipxe"), QStringLiteral("Config"), QStringLiteral("Joined")}));
        registry.restore(machines);
        // Restored machines are matched by address again (logs carry no MAC).
        QCOMPARE(registry.macForAddress(QHostAddress(QStringLiteral("10.0.0.9"))), mac);
    }
    void logsAreCapped()
    {
        QTemporaryDir dir;
        MachineRegistry registry;
        InventoryStore store;
        QVERIFY(store.open(dir.filePath(QStringLiteral("i.sqlite"))));
        store.attach(&registry);
        const QString mac = QStringLiteral("52:54:00:00:00:01");
        registry.handleEvent(ev(EventKind::DhcpRequest, mac, QStringLiteral("10.0.0.1"), {}));
        registry.handleEvent(ev(EventKind::ConfigServed, mac, QStringLiteral("10.0.0.1"), {}));
        for (int round = 0; round < 3; ++round) {
            for (int i = 0; i < 400; ++i)
                registry.handleEvent(ev(EventKind::Log, {}, QStringLiteral("10.0.0.1"), QStringLiteral("line %1").arg(round * 400 + i)));
            QVERIFY(store.flush());
        }
        const QList<Machine> machines = store.load();
        QCOMPARE(machines.first().logs.size(), InventoryStore::kLogsPerMachine);
        QCOMPARE(machines.first().logs.last().message, QStringLiteral("line 1199"));
    }
    void forgetRemoves()
    {
        QTemporaryDir dir;
        MachineRegistry registry;
        InventoryStore store;
        QVERIFY(store.open(dir.filePath(QStringLiteral("i.sqlite"))));
        store.attach(&registry);
        registry.handleEvent(ev(EventKind::DhcpRequest, QStringLiteral("52:54:00:00:00:02"), QStringLiteral("10.0.0.2"), {}));
        registry.handleEvent(ev(EventKind::ConfigServed, QStringLiteral("52:54:00:00:00:02"), QStringLiteral("10.0.0.2"), {}));
        QVERIFY(store.flush());
        registry.forget(QStringLiteral("52:54:00:00:00:02"));
        QVERIFY(store.flush());
        QVERIFY(store.load().isEmpty());
    }
    void unopenableIsReported()
    {
        QTemporaryDir dir;
        InventoryStore store;
        QString error;
        // A folder where the database file should be.
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("inventory.sqlite")));
        QVERIFY(!store.open(dir.filePath(QStringLiteral("inventory.sqlite")), &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(store.load().isEmpty());
    }
    void sigkillDuringWrites_data()
    {
        QTest::addColumn<int>("killAfterMs");
        QTest::newRow("early") << 300;
        QTest::newRow("mid") << 900;
        QTest::newRow("late") << 1700;
        QTest::newRow("later") << 2600;
    }
    void sigkillDuringWrites()
    {
        QFETCH(int, killAfterMs);
        QTemporaryDir dir;
        QProcess writer;
        writer.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--writer"), dir.path()});
        QVERIFY(writer.waitForStarted());
        QTest::qWait(killAfterMs);
        QCOMPARE(writer.state(), QProcess::Running);   // still writing: the kill lands mid-work
        ::kill(pid_t(writer.processId()), SIGKILL);
        QVERIFY(writer.waitForFinished(5000));
        QCOMPARE(writer.exitStatus(), QProcess::CrashExit);

        // The workspace opens intact (atomic writes: the old or the new file, never half).
        const Workspace ws = Workspace::open(dir.path());
        QVERIFY2(ws.ok(), qPrintable(ws.error().toString()));
        // The inventory opens, passes SQLite's own check, and holds what was committed.
        InventoryStore store;
        QVERIFY(store.open(dir.filePath(QStringLiteral("inventory.sqlite"))));
        QVERIFY(store.integrityOk());
        const QList<Machine> machines = store.load();
        if (killAfterMs >= 900) {
            QVERIFY(!machines.isEmpty());
            QVERIFY(!ws.settings().machines.isEmpty());
        }
        for (const Machine &m : machines)
            QVERIFY(!m.mac.isEmpty());
        // And it keeps working after the crash.
        MachineRegistry registry;
        registry.restore(machines);
        store.attach(&registry);
        registry.handleEvent(ev(EventKind::DhcpRequest, QStringLiteral("52:54:00:ff:ff:ff"), QStringLiteral("10.9.9.9"), {}));
        registry.handleEvent(ev(EventKind::ConfigServed, QStringLiteral("52:54:00:ff:ff:ff"), QStringLiteral("10.9.9.9"), {}));
        QVERIFY(store.flush());
    }
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc == 3 && std::strcmp(argv[1], "--writer") == 0)
        return runWriter(QString::fromLocal8Bit(argv[2]));
    tst_InventoryStore test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_inventorystore.moc"
