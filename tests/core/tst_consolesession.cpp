#include "engine/servicehost.h"
#include "session/consolesession.h"
#include "inventory/inventorystore.h"
#include "inventory/machineregistry.h"

#include <QFile>
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

private Q_SLOTS:
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
        QVERIFY(read(path).contains("52:54:00:00:00:02"));
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
