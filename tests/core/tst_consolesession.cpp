#include "engine/servicehost.h"
#include "session/consolesession.h"
#include "inventory/inventorystore.h"
#include "inventory/machineregistry.h"

#include "testutil.h"

#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Nbc;

class tst_ConsoleSession : public QObject
{
    Q_OBJECT
private:
    static SessionOverrides loopback()
    {
        SessionOverrides o;
        o.serverAddress = QStringLiteral("127.0.0.1");
        return o;
    }
    static QByteArray read(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    // Talos says it installed, over TCP from the address the machine's DHCP exchange gave it.
    static void installed(ConsoleSession *session, const QString &mac, const QString &ip)
    {
        session->registry()->handleEvent(makeEvent(EventKind::DhcpRequest, mac, QHostAddress(ip)));
        session->registry()->handleEvent(makeEvent(EventKind::ConfigServed, mac, QHostAddress(ip)));
        MachineEvent line = makeEvent(EventKind::Log, {}, QHostAddress(ip), QStringLiteral("[talos] task install (1/1): install successful"));
        line.facts.insert(QStringLiteral("transport"), QStringLiteral("tcp"));
        session->registry()->handleEvent(line);
    }

    // A machine as the registry learns it: firmware from its DHCP (arch 7: UEFI), the rest
    // from what iPXE reports.
    static void seeMachine(ConsoleSession *session, const QString &mac, const QString &manufacturer,
                           const QString &serial)
    {
        MachineEvent e = makeEvent(EventKind::DhcpDiscover, mac, QHostAddress(QStringLiteral("10.0.0.5")));
        e.facts.insert(QStringLiteral("arch"), 7);
        e.facts.insert(QStringLiteral("manufacturer"), manufacturer);
        e.facts.insert(QStringLiteral("product"), QStringLiteral("OptiPlex 7060"));
        e.facts.insert(QStringLiteral("serial"), serial);
        session->registry()->handleEvent(e);
    }

    static MachineRule workersRule()
    {
        MachineRule rule;
        rule.name = QStringLiteral("optiplex-workers");
        rule.match.manufacturer = QStringLiteral("Dell*");
        rule.match.firmware = QStringLiteral("uefi");
        rule.configPath = QStringLiteral("configs/worker.yaml");
        rule.hostname = QStringLiteral("worker-{n:02}");
        rule.installDisk = QStringLiteral("/dev/nvme0n1");
        return rule;
    }

private Q_SLOTS:
    // Each wrong field is said with the rule's name and the field, and nothing is written.
    void ruleProblemsNameTheRuleAndField_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<int>("expected");   // RuleProblem::Field
        QTest::addColumn<QString>("words");
        using F = RuleProblem::Field;
        QTest::newRow("no name") << QStringLiteral("name") << QStringLiteral("  ") << int(F::Name) << QStringLiteral("give the rule a name");
        QTest::newRow("twice") << QStringLiteral("name") << QStringLiteral("catch-all") << int(F::Name) << QStringLiteral("named 'catch-all' too");
        QTest::newRow("prefix not hex") << QStringLiteral("macPrefix") << QStringLiteral("52:54:zz") << int(F::MacPrefix) << QStringLiteral("not the start of a MAC");
        QTest::newRow("prefix too long") << QStringLiteral("macPrefix") << QStringLiteral("52:54:00:00:00:00:01") << int(F::MacPrefix) << QStringLiteral("52:54:00:00:00:00:01");
        QTest::newRow("range one end") << QStringLiteral("macRange") << QStringLiteral("52:54:00:00:00:10") << int(F::MacRange) << QStringLiteral("not a range of MACs");
        QTest::newRow("range short") << QStringLiteral("macRange") << QStringLiteral("52:54:00:00:10-52:54:00:00:00:3f") << int(F::MacRange) << QStringLiteral("two whole MACs");
        QTest::newRow("range dashes") << QStringLiteral("macRange") << QStringLiteral("52-54-00-00-00-10-52-54-00-00-00-3f") << int(F::MacRange) << QStringLiteral("not a range");
        QTest::newRow("range backwards") << QStringLiteral("macRange") << QStringLiteral("52:54:00:00:00:3f-52:54:00:00:00:10") << int(F::MacRange) << QStringLiteral("runs backwards");
        QTest::newRow("firmware") << QStringLiteral("firmware") << QStringLiteral("efi") << int(F::Firmware) << QStringLiteral("'efi' is neither bios nor uefi");
        QTest::newRow("no config") << QStringLiteral("config") << QStringLiteral("") << int(F::Config) << QStringLiteral("choose the config");
        QTest::newRow("missing config") << QStringLiteral("config") << QStringLiteral("configs/nope.yaml") << int(F::Config)
                                        << QStringLiteral("configs/nope.yaml is not in the workspace folder");
        QTest::newRow("config is a folder") << QStringLiteral("config") << QStringLiteral("configs") << int(F::Config) << QStringLiteral("is not a file");
        QTest::newRow("missing absolute") << QStringLiteral("config") << QStringLiteral("/nonexistent/w.yaml") << int(F::Config)
                                          << QStringLiteral("/nonexistent/w.yaml does not exist");
        QTest::newRow("artefact set") << QStringLiteral("artifacts") << QStringLiteral("talos-0.1") << int(F::Artifacts) << QStringLiteral("no artefact set named talos-0.1");
        QTest::newRow("disk") << QStringLiteral("installDisk") << QStringLiteral("sda") << int(F::InstallDisk) << QStringLiteral("not a device path");
        QTest::newRow("unknown field") << QStringLiteral("hostname") << QStringLiteral("node-{rack}") << int(F::Hostname) << QStringLiteral("{rack} is not a field");
        QTest::newRow("nothing left") << QStringLiteral("hostname") << QStringLiteral("___") << int(F::Hostname) << QStringLiteral("leaves no hostname");
    }
    void ruleProblemsNameTheRuleAndField()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(int, expected);
        QFETCH(QString, words);
        QTemporaryDir dir;
        TestUtil::writeFile(dir.path(), QStringLiteral("configs/worker.yaml"), TestUtil::readData(QStringLiteral("talos/talos-1.7-worker.yaml")));
        ConsoleSession session;
        QVERIFY2(session.open(dir.path(), loopback()), qPrintable(session.error()));
        MachineRule first;
        first.name = QStringLiteral("catch-all");
        first.configPath = QStringLiteral("configs/worker.yaml");
        MachineRule rule = workersRule();
        if (field == QLatin1String("name"))
            rule.name = value;
        else if (field == QLatin1String("macPrefix"))
            rule.match.macPrefix = value;
        else if (field == QLatin1String("macRange"))
            rule.match.macRange = value;
        else if (field == QLatin1String("firmware"))
            rule.match.firmware = value;
        else if (field == QLatin1String("config"))
            rule.configPath = value;
        else if (field == QLatin1String("artifacts"))
            rule.artifacts = value;
        else if (field == QLatin1String("installDisk"))
            rule.installDisk = value;
        else
            rule.hostname = value;
        const QList<RuleProblem> problems = session.ruleProblems({first, rule});
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems.first().rule, 1);
        QCOMPARE(int(problems.first().field), expected);
        QVERIFY2(problems.first().message.contains(words), qPrintable(problems.first().message));
        const QByteArray before = read(dir.filePath(QStringLiteral("netboot.yaml")));
        QString error;
        QVERIFY(!session.setRules({first, rule}, &error));
        QVERIFY2(error.contains(RuleProblem::fieldName(RuleProblem::Field(expected)) + u':'), qPrintable(error));
        if (!rule.name.trimmed().isEmpty())
            QVERIFY2(error.startsWith(QStringLiteral("rule '%1', ").arg(rule.name)), qPrintable(error));
        else
            QVERIFY2(error.startsWith(QLatin1String("rule 2, ")), qPrintable(error));
        QCOMPARE(read(dir.filePath(QStringLiteral("netboot.yaml"))), before);
        QVERIFY(session.rules().isEmpty());
    }

    // Rules set in the window: written to netboot.yaml, read back by the next start, and
    // followed at once by the machines with no entry of their own; an entry beats them.
    void rulesAreWrittenReloadedAndFollowed()
    {
        QTemporaryDir dir;
        TestUtil::writeFile(dir.path(), QStringLiteral("configs/worker.yaml"), TestUtil::readData(QStringLiteral("talos/talos-1.7-worker.yaml")));
        TestUtil::writeFile(dir.path(), QStringLiteral("configs/controlplane.yaml"),
                            TestUtil::readData(QStringLiteral("talos/talos-1.7-controlplane.yaml")));
        const QString dell = QStringLiteral("52:54:00:00:00:01");
        const QString other = QStringLiteral("52:54:00:00:00:02");
        MachineRule rule = workersRule();
        rule.name = QStringLiteral(" optiplex-workers ");   // kept without the spaces
        rule.match.firmware = QStringLiteral("UEFI");
        {
            ConsoleSession session;
            QVERIFY2(session.open(dir.path(), loopback()), qPrintable(session.error()));
            seeMachine(&session, dell, QStringLiteral("Dell Inc."), QStringLiteral("5CG1234XYZ"));
            seeMachine(&session, other, QStringLiteral("LENOVO"), QStringLiteral("PF2ABCDE"));
            QCOMPARE(session.machinesMatching(rule), QStringList{dell});
            // A preview gives no number away: the same one twice, and nothing on disk.
            QCOMPARE(session.hostnameFor(rule, dell), QStringLiteral("worker-01"));
            QCOMPARE(session.hostnameFor(rule, dell), QStringLiteral("worker-01"));
            QCOMPARE(session.hostnameFor(rule), QStringLiteral("worker-01"));
            rule.hostname = QStringLiteral("{product}-{serial}");
            QCOMPARE(session.hostnameFor(rule), QStringLiteral("optiplex-7060-5cg1234xyz"));
            rule.hostname = QStringLiteral("worker-{n:02}");
            QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("rulenumbers.json"))));

            QSignalSpy intent(&session, &ConsoleSession::intentChanged);
            QString error;
            QVERIFY2(session.setRules({rule}, &error), qPrintable(error));
            QCOMPARE(intent.size(), 1);
            QVERIFY(session.flushFiles());   // netboot.yaml is written by the file thread
            const QByteArray yaml = read(dir.filePath(QStringLiteral("netboot.yaml")));
            QVERIFY2(yaml.contains("rules:\n  - name: optiplex-workers\n    match: {manufacturer: \"Dell*\", firmware: \"uefi\"}\n"
                                   "    config: configs/worker.yaml\n"),
                     yaml.constData());
            QCOMPARE(session.rules().size(), 1);
            QCOMPARE(session.rules().first().name, QStringLiteral("optiplex-workers"));
            // Followed at once: the table's words and the engines' snapshot.
            QCOMPARE(session.ruleOf(dell), QStringLiteral("optiplex-workers"));
            QCOMPARE(session.assignment(dell), QStringLiteral("configs/worker.yaml"));
            QCOMPARE(session.services()->snapshot().machines.value(dell).hostname, QStringLiteral("worker-01"));
            QCOMPARE(session.services()->snapshot().machines.value(dell).installDisk, QStringLiteral("/dev/nvme0n1"));
            QVERIFY(session.ruleOf(other).isEmpty());
            QVERIFY(session.assignment(other).isEmpty());
            // An assignment of its own beats the rule.
            QVERIFY(session.assign({dell}, QStringLiteral("configs/controlplane.yaml")));
            QVERIFY(session.ruleOf(dell).isEmpty());
            QCOMPARE(session.assignment(dell), QStringLiteral("configs/controlplane.yaml"));
            QVERIFY(session.assign({dell}, QString()));
            QCOMPARE(session.ruleOf(dell), QStringLiteral("optiplex-workers"));
            // No rules: the machine waits again.
            QVERIFY(session.setRules({}, &error));
            QVERIFY(session.ruleOf(dell).isEmpty());
            QVERIFY(session.flushFiles());   // netboot.yaml is written by the file thread
            QVERIFY(!read(dir.filePath(QStringLiteral("netboot.yaml"))).contains("rules:"));
            QVERIFY(session.setRules({rule}, &error));
        }
        ConsoleSession again;
        QVERIFY2(again.open(dir.path(), loopback()), qPrintable(again.error()));
        QCOMPARE(again.rules().size(), 1);
        const MachineRule loaded = again.rules().first();
        QCOMPARE(loaded.name, QStringLiteral("optiplex-workers"));
        QCOMPARE(loaded.match.manufacturer, QStringLiteral("Dell*"));
        QCOMPARE(loaded.match.firmware, QStringLiteral("uefi"));
        QCOMPARE(loaded.configPath, QStringLiteral("configs/worker.yaml"));
        QCOMPARE(loaded.hostname, QStringLiteral("worker-{n:02}"));
        QCOMPARE(loaded.installDisk, QStringLiteral("/dev/nvme0n1"));
        // The machine kept its number across the restart.
        QTRY_COMPARE(again.ruleOf(dell), QStringLiteral("optiplex-workers"));
        QCOMPARE(again.services()->snapshot().machines.value(dell).hostname, QStringLiteral("worker-01"));
    }

    // A write that fails keeps the rules the console had: a broken hand edit is not written over.
    void rulesAreNotWrittenOverABrokenEdit()
    {
        QTemporaryDir dir;
        TestUtil::writeFile(dir.path(), QStringLiteral("configs/worker.yaml"), TestUtil::readData(QStringLiteral("talos/talos-1.7-worker.yaml")));
        ConsoleSession session;
        QVERIFY(session.open(dir.path(), loopback()));
        QSignalSpy broken(&session, &ConsoleSession::workspaceError);
        const QString path = dir.filePath(QStringLiteral("netboot.yaml"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("rules: [\n");
        }
        QTRY_VERIFY_WITH_TIMEOUT(!broken.isEmpty(), 5000);
        QString error;
        QVERIFY(!session.setRules({workersRule()}, &error));
        QVERIFY2(error.contains(QLatin1String("netboot.yaml has an error")), qPrintable(error));
        QVERIFY(session.rules().isEmpty());
        QCOMPARE(read(path), QByteArray("rules: [\n"));
    }

    void noInterfaceIsExplained()
    {
        QTemporaryDir dir;
        ConsoleSession session;
        QVERIFY(!session.open(dir.path(), SessionOverrides{}));
        QVERIFY(session.error().contains(QLatin1String("--interface")));
        // Machines and configs can be looked at before an interface is chosen.
        QVERIFY(session.configs());
        QVERIFY(session.inventory()->isOpen());
        SessionOverrides bad;
        bad.interfaceName = QStringLiteral("no-such-if0");
        QVERIFY(!session.open(dir.path(), bad));
        QVERIFY(session.error().contains(QLatin1String("no-such-if0")));
    }
    void assignIsWrittenAndPushedAtOnce()
    {
        QTemporaryDir dir;
        ConsoleSession session;
        QVERIFY2(session.open(dir.path(), loopback()), qPrintable(session.error()));
        QSignalSpy intent(&session, &ConsoleSession::intentChanged);
        QVERIFY(session.assign({QStringLiteral("52-54-00-00-00-0A"), QStringLiteral("52:54:00:00:00:0b")},
                               QStringLiteral("configs/w.yaml")));
        QCOMPARE(intent.size(), 1);
        QVERIFY(session.flushFiles());   // netboot.yaml is written by the file thread
        const QByteArray yaml = read(dir.filePath(QStringLiteral("netboot.yaml")));
        QVERIFY(yaml.contains("mac: 52:54:00:00:00:0a\n    config: configs/w.yaml"));
        QVERIFY(yaml.contains("mac: 52:54:00:00:00:0b\n    config: configs/w.yaml"));
        QCOMPARE(session.services()->snapshot().machines.value(QStringLiteral("52:54:00:00:00:0a")).configPath,
                 dir.filePath(QStringLiteral("configs/w.yaml")));
        QCOMPARE(session.assignment(QStringLiteral("52:54:00:00:00:0b")), QStringLiteral("configs/w.yaml"));
        QVERIFY(session.assign({QStringLiteral("52:54:00:00:00:0a")}, QString()));
        QVERIFY(session.services()->snapshot().machines.value(QStringLiteral("52:54:00:00:00:0a")).configPath.isEmpty());
    }
    // One machine across its NICs: assigned by its first NIC's MAC, it boots from its
    // second; iPXE reports the same SMBIOS UUID, and the second NIC gets the config.
    void secondNicGetsTheMachinesConfig()
    {
        QTemporaryDir dir;
        ConsoleSession session;
        QVERIFY2(session.open(dir.path(), loopback()), qPrintable(session.error()));
        const QString nic1 = QStringLiteral("52:54:00:00:00:01");
        const QString nic2 = QStringLiteral("52:54:00:00:00:02");
        QVERIFY(session.assign({nic1}, QStringLiteral("configs/w.yaml")));
        const QVariantMap smbios{{QStringLiteral("uuid"), QStringLiteral("4c4c4544-0042-3510-8050-b4c04f4e4a31")},
                                 {QStringLiteral("serial"), QStringLiteral("5CG1234XYZ")}};
        auto script = [&](const QString &mac, const QString &ip) {
            MachineEvent e = makeEvent(EventKind::ScriptServed, mac, QHostAddress(ip), QStringLiteral("wait"));
            e.script = ScriptKind::Wait;
            e.facts = smbios;
            session.registry()->handleEvent(e);
        };
        session.registry()->handleEvent(makeEvent(EventKind::DhcpRequest, nic1, QHostAddress(QStringLiteral("10.0.0.5"))));
        script(nic1, QStringLiteral("10.0.0.5"));
        // Later it boots from the other NIC: a row of its own for a moment, then merged.
        session.registry()->handleEvent(makeEvent(EventKind::DhcpRequest, nic2, QHostAddress(QStringLiteral("10.0.0.6"))));
        script(nic2, QStringLiteral("10.0.0.6"));
        QCOMPARE(session.registry()->machines().size(), 1);
        QCOMPARE(session.registry()->primaryMac(nic2), nic1);
        QCOMPARE(session.registry()->machine(nic1)->ip, QHostAddress(QStringLiteral("10.0.0.6")));
        QTRY_COMPARE(session.services()->snapshot().machines.value(nic2).configPath,
                     dir.filePath(QStringLiteral("configs/w.yaml")));
        QCOMPARE(session.assignment(nic2), QStringLiteral("configs/w.yaml"));
        // The user's file still names one MAC: what the network taught is not written into it.
        QVERIFY(session.flushFiles());   // netboot.yaml is written by the file thread
        QVERIFY(!read(dir.filePath(QStringLiteral("netboot.yaml"))).contains(nic2.toLatin1()));
    }
    void installReportsAreCoalesced()
    {
        QTemporaryDir dir;
        ConsoleSession session;
        QVERIFY(session.open(dir.path(), loopback()));
        QSignalSpy intent(&session, &ConsoleSession::intentChanged);
        // The engines are told before the file is written (a machine may reboot at once):
        // whenever the write happens, the engines' snapshot already has the flag. Checked
        // by order, not by time, so a slow (sanitizer) build cannot make it flaky.
        bool enginesKnewFirst = false;
        connect(&session, &ConsoleSession::intentChanged, this, [&] {
            enginesKnewFirst = session.services()->snapshot().machines.value(QStringLiteral("02:00:00:00:03:e7")).installed;
        });
        // A thousand machines report their install within one burst: one write, not 1000.
        for (int i = 0; i < 1000; ++i) {
            const QString mac = QStringLiteral("02:00:00:00:%1:%2").arg(i / 256, 2, 16, QLatin1Char('0')).arg(i % 256, 2, 16, QLatin1Char('0'));
            const QString ip = QStringLiteral("10.1.%1.%2").arg(i / 250).arg(i % 250 + 1);
            installed(&session, mac, ip);
        }
        QCOMPARE(intent.size(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(intent.size(), 1, 3000);
        QVERIFY(enginesKnewFirst);
        QTest::qWait(400);
        QCOMPARE(intent.size(), 1);
        const BootSnapshot snap = session.services()->snapshot();
        QCOMPARE(snap.machines.size(), 1000);
        QVERIFY(snap.machines.value(QStringLiteral("02:00:00:00:03:e7")).installed);
        // Kept in installed.json; the user's netboot.yaml is not touched by the network.
        QCOMPARE(read(dir.filePath(QStringLiteral("installed.json"))).count("\"02:00:00:00:"), 1000);
        QVERIFY(session.flushFiles());   // netboot.yaml is written by the file thread
        QVERIFY(!read(dir.filePath(QStringLiteral("netboot.yaml"))).contains("installed"));
    }
    void pendingInstallIsSavedOnExit()
    {
        QTemporaryDir dir;
        {
            ConsoleSession session;
            QVERIFY(session.open(dir.path(), loopback()));
            installed(&session, QStringLiteral("52:54:00:00:00:01"), QStringLiteral("10.0.0.1"));
        }
        QVERIFY(read(dir.filePath(QStringLiteral("installed.json"))).contains("\"52:54:00:00:00:01\""));
        // And it is in force at the next start: the machine is sent to its disk.
        ConsoleSession again;
        QVERIFY(again.open(dir.path(), loopback()));
        QVERIFY(again.snapshot().machines.value(QStringLiteral("52:54:00:00:00:01")).installed);
        QVERIFY(again.isInstalled(QStringLiteral("52:54:00:00:00:01")));
        // "Reinstall on next boot" (a person) clears it.
        QVERIFY(again.setInstalled(QStringLiteral("52:54:00:00:00:01"), false));
        QVERIFY(!again.snapshot().machines.value(QStringLiteral("52:54:00:00:00:01")).installed);
    }
    void networkNeverEditsTheWorkspaceFile()
    {
        // A hand edit with a comment and a key the console does not know: a hundred
        // machines' worth of network events later (installs reported, logs from strangers,
        // scripts asked for) the file is the same byte for byte.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("netboot.yaml"));
        const QByteArray handEdit = "# my lab: keep this comment\n"
                                    "network: {interface: lo, mode: proxy}\n"
                                    "myOwnKey: {note: kept}\n"
                                    "machines:\n"
                                    "  - mac: 52:54:00:00:00:01   # the rack's first node\n"
                                    "    config: configs/w.yaml\n";
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(handEdit);
        }
        ConsoleSession session;
        QVERIFY(session.open(dir.path(), loopback()));
        for (int i = 0; i < 100; ++i) {
            const QString mac = QStringLiteral("02:00:00:00:01:%1").arg(i, 2, 16, QLatin1Char('0'));
            installed(&session, mac, QStringLiteral("10.2.0.%1").arg(i + 1));
            session.registry()->handleEvent(makeEvent(EventKind::Log, {}, QHostAddress(QStringLiteral("10.9.9.9")),
                                                      QStringLiteral("[talos] task install (1/1): install successful")));
        }
        QTest::qWait(600);   // past the batched write of installed.json
        QCOMPARE(read(path), handEdit);
        QVERIFY(read(dir.filePath(QStringLiteral("installed.json"))).contains("02:00:00:00:01:63"));
    }
    void brokenOrNewerHandEditIsNeverOverwritten()
    {
        QTemporaryDir dir;
        ConsoleSession session;
        QVERIFY(session.open(dir.path(), loopback()));
        QSignalSpy broken(&session, &ConsoleSession::workspaceError);
        const QString path = dir.filePath(QStringLiteral("netboot.yaml"));
        // An edit made on disk that the console has not read yet is not written over.
        QByteArray edit = read(path) + "# a note added by hand\n";
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(edit);
        }
        QString error;
        QVERIFY(!session.assign({QStringLiteral("52:54:00:00:00:01")}, QStringLiteral("configs/w.yaml"), &error));
        QVERIFY2(error.contains(QLatin1String("changed on disk")), qPrintable(error));
        QCOMPARE(read(path), edit);
        // A broken edit: every change is refused until the file reads again.
        const QByteArray typo = "machines: [\n  - mac: 52:54:00:00:00:01\n";
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(typo);
        }
        QTRY_VERIFY_WITH_TIMEOUT(!broken.isEmpty(), 5000);
        for (int i = 0; i < 100; ++i) {
            QVERIFY(!session.assign({QStringLiteral("52:54:00:00:00:02")}, QStringLiteral("configs/w.yaml"), &error));
            installed(&session, QStringLiteral("02:00:00:00:02:%1").arg(i, 2, 16, QLatin1Char('0')),
                      QStringLiteral("10.3.0.%1").arg(i + 1));
        }
        QVERIFY2(error.contains(QLatin1String("netboot.yaml has an error")), qPrintable(error));
        QTest::qWait(600);
        QCOMPARE(read(path), typo);
        // Fixed by hand: changes are saved again.
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("machines: []\n");
        }
        QTRY_VERIFY_WITH_TIMEOUT(session.assign({QStringLiteral("52:54:00:00:00:02")}, QStringLiteral("configs/w.yaml"), &error), 5000);
        QVERIFY(session.flushFiles());   // netboot.yaml is written by the file thread
        QVERIFY(read(path).contains("52:54:00:00:00:02"));
    }
    // Raspberry Pis: the engines learn a Pi's serial at once (it asks for its serial folder
    // right after its DHCP), and its boot folder is written to netboot.yaml and pushed like
    // an assignment, whatever gives it its config.
    void piFoldersForRaspberryPis()
    {
        QTemporaryDir dir;
        TestUtil::writeFile(dir.path(), QStringLiteral("configs/worker.yaml"), TestUtil::readData(QStringLiteral("talos/talos-1.7-worker.yaml")));
        TestUtil::writeFile(dir.path(), QStringLiteral("tftp/uefi-rpi4/RPI_EFI.fd"), QByteArray("uefi"));
        TestUtil::writeFile(dir.path(), QStringLiteral("tftp/9ffefdef/config.txt"), QByteArray("own"));
        TestUtil::writeFile(dir.path(), QStringLiteral("outside/start4.elf"), QByteArray("not served"));
        QVERIFY(QFile::link(dir.filePath(QStringLiteral("outside")), dir.filePath(QStringLiteral("tftp/link-out"))));
        SessionOverrides overrides = loopback();
        overrides.tftpRoot = QStringLiteral("tftp");
        ConsoleSession session;
        QVERIFY2(session.open(dir.path(), overrides), qPrintable(session.error()));
        const QString pi = QStringLiteral("dc:a6:32:01:36:c2");
        const QString pc = QStringLiteral("52:54:00:00:00:01");

        // The bootloader's DISCOVER as DhcpProxy reports it (tst_raspberrypi has the packet).
        MachineEvent discover = makeEvent(EventKind::DhcpDiscover, pi, QHostAddress());
        discover.facts.insert(QStringLiteral("arch"), 0);
        discover.facts.insert(QStringLiteral("firmware"), QStringLiteral("rpi"));
        discover.facts.insert(QStringLiteral("serial"), QStringLiteral("9ffefdef"));
        session.registry()->handleEvent(discover);
        // Well before the coalesced push of new facts (100 ms + 200 ms).
        QTRY_COMPARE_WITH_TIMEOUT(session.services()->snapshot().piSerials.value(pi), QStringLiteral("9ffefdef"), 150);
        QVERIFY(session.isRaspberryPi(pi));
        QVERIFY(!session.isRaspberryPi(pc));

        QCOMPARE(session.piBootFolder(), dir.filePath(QStringLiteral("tftp")));
        // Neither its serial folder (its own already) nor a link out is offered.
        QCOMPARE(session.piBootFolders(), QStringList{QStringLiteral("uefi-rpi4")});

        QSignalSpy intent(&session, &ConsoleSession::intentChanged);
        QVERIFY(session.setPiFolder({QStringLiteral("DC-A6-32-01-36-C2")}, QStringLiteral("uefi-rpi4")));
        QCOMPARE(intent.size(), 1);
        QVERIFY(session.flushFiles());   // netboot.yaml is written by the file thread
        QVERIFY(read(dir.filePath(QStringLiteral("netboot.yaml"))).contains("mac: dc:a6:32:01:36:c2\n    piFolder: uefi-rpi4"));
        QCOMPARE(session.services()->snapshot().machines.value(pi).piFolder, QStringLiteral("uefi-rpi4"));
        QCOMPARE(session.piFolder(pi), QStringLiteral("uefi-rpi4"));

        // A name that leads out is refused, and nothing is written.
        const QByteArray before = read(dir.filePath(QStringLiteral("netboot.yaml")));
        QString error;
        QVERIFY(!session.setPiFolder({pi}, QStringLiteral("../outside"), &error));
        QVERIFY2(error.contains(QLatin1String("'..'")), qPrintable(error));
        QCOMPARE(read(dir.filePath(QStringLiteral("netboot.yaml"))), before);

        // A rule gives it its config; its own boot folder stays.
        MachineRule everyone;
        everyone.name = QStringLiteral("everyone");
        everyone.configPath = QStringLiteral("configs/worker.yaml");
        QVERIFY2(session.setRules({everyone}, &error), qPrintable(error));
        QTRY_COMPARE(session.services()->snapshot().machines.value(pi).configPath, dir.filePath(QStringLiteral("configs/worker.yaml")));
        QCOMPARE(session.services()->snapshot().machines.value(pi).piFolder, QStringLiteral("uefi-rpi4"));

        QVERIFY(session.setPiFolder({pi}, QString()));
        QVERIFY(session.flushFiles());   // netboot.yaml is written by the file thread
        QVERIFY(!read(dir.filePath(QStringLiteral("netboot.yaml"))).contains("piFolder"));
        QVERIFY(session.services()->snapshot().machines.value(pi).piFolder.isEmpty());
    }

    void handEditIsReloadedAndBrokenEditReported()
    {
        QTemporaryDir dir;
        ConsoleSession session;
        QVERIFY(session.open(dir.path(), loopback()));
        QSignalSpy reloaded(&session, &ConsoleSession::workspaceReloaded);
        QSignalSpy broken(&session, &ConsoleSession::workspaceError);
        const QString path = dir.filePath(QStringLiteral("netboot.yaml"));
        QByteArray yaml = read(path);
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(yaml.replace("machines:\n  []", "machines:\n  - mac: 52:54:00:00:00:77\n    config: configs/x.yaml"));
        }
        QTRY_COMPARE_WITH_TIMEOUT(reloaded.size(), 1, 5000);
        QCOMPARE(session.services()->snapshot().machines.size(), 1);
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("machines: [\n");
        }
        QTRY_COMPARE_WITH_TIMEOUT(broken.size(), 1, 5000);
        QVERIFY(broken.first().first().toString().contains(QLatin1String("not applied")));
        // The last good intent stays in force.
        QCOMPARE(session.services()->snapshot().machines.size(), 1);
    }
};

QTEST_GUILESS_MAIN(tst_ConsoleSession)
#include "tst_consolesession.moc"
