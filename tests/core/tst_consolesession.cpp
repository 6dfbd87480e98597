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
            session.registry()->handleEvent(makeEvent(EventKind::ConfigServed, mac, QHostAddress(ip)));
            session.registry()->handleEvent(makeEvent(EventKind::Log, {}, QHostAddress(ip),
                                                      QStringLiteral("[talos] task install (1/1): install successful")));
        }
        QCOMPARE(intent.size(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(intent.size(), 1, 3000);
        QVERIFY(enginesKnewFirst);
        QTest::qWait(400);
        QCOMPARE(intent.size(), 1);
        const BootSnapshot snap = session.services()->snapshot();
        QCOMPARE(snap.machines.size(), 1000);
        QVERIFY(snap.machines.value(QStringLiteral("02:00:00:00:03:e7")).installed);
        QCOMPARE(read(dir.filePath(QStringLiteral("netboot.yaml"))).count("installed: true"), 1000);
    }
    void pendingInstallIsSavedOnExit()
    {
        QTemporaryDir dir;
        {
            ConsoleSession session;
            QVERIFY(session.open(dir.path(), loopback()));
            session.registry()->handleEvent(makeEvent(EventKind::ConfigServed, QStringLiteral("52:54:00:00:00:01"),
                                                      QHostAddress(QStringLiteral("10.0.0.1"))));
            session.registry()->handleEvent(makeEvent(EventKind::Log, {}, QHostAddress(QStringLiteral("10.0.0.1")),
                                                      QStringLiteral("[talos] task install (1/1): install successful")));
        }
        QVERIFY(read(dir.filePath(QStringLiteral("netboot.yaml"))).contains("installed: true"));
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
