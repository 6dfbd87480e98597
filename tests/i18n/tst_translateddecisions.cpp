// Every sentence translated, and nothing decided differently: the console loads a
// pseudo-translation built from core's own strings at build time (every sentence in upper
// case between markers), then a bad kernel must still fail its machine, a refused config
// must still be a refusal, and a port in use must still get its fix (STYLE.md rule 10).
#include "engine/httpserver.h"
#include "engine/logsink.h"
#include "engine/servicehost.h"
#include "inventory/machineregistry.h"
#include "testutil.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QUrl>

using namespace Nbc;

class tst_TranslatedDecisions : public QObject
{
    Q_OBJECT
private:
    QTranslator m_translator;
    QTemporaryDir m_dir;

    static QByteArray get(quint16 port, const QByteArray &path)
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        if (!socket.waitForConnected(3000))
            return {};
        socket.write("GET " + path + " HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n");
        QByteArray answer;
        while (socket.state() == QAbstractSocket::ConnectedState && socket.waitForReadyRead(3000))
            answer += socket.readAll();
        return answer + socket.readAll();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_translator.load(QStringLiteral(NBC_PSEUDO_QM)), NBC_PSEUDO_QM);
        QVERIFY(QCoreApplication::installTranslator(&m_translator));
        // The translation is in force: a sentence of core comes out changed.
        QCOMPARE(QCoreApplication::translate("Engine", "Check the interface and address in the settings."),
                 QStringLiteral("\u27e6CHECK THE INTERFACE AND ADDRESS IN THE SETTINGS.\u27e7"));
        QVERIFY(m_dir.isValid());
    }

    void badKernelFailsAndRefusedConfigIsARefusal()
    {
        BootSnapshot snap;
        snap.serverAddress = QHostAddress(QHostAddress::LocalHost);
        snap.ports.http = 0;
        ArtifactSet set;
        set.name = QStringLiteral("t");
        set.kernelPath = TestUtil::writeFile(m_dir.path(), QStringLiteral("artifacts/vmlinuz"), QByteArray(4096, 'x'));   // not a bzImage
        set.initramfsPath = TestUtil::writeFile(m_dir.path(), QStringLiteral("artifacts/initramfs.xz"), QByteArray::fromHex("fd377a585a00") + QByteArray(64, 'x'));
        snap.artifacts.insert(set.name, set);
        snap.defaultArtifacts = set.name;
        MachineIntent broken;
        broken.mac = QStringLiteral("52:54:00:00:00:03");
        broken.configPath = TestUtil::writeFile(m_dir.path(), QStringLiteral("configs/broken.yaml"), "machine: [unclosed\n");
        snap.machines.insert(broken.mac, broken);

        ServiceHost host;
        host.addEngine(new HttpServer);
        host.setSnapshot(snap);
        MachineRegistry registry;
        QList<MachineEvent> events;
        connect(&host, &ServiceHost::machineEvent, &registry, &MachineRegistry::handleEvent);
        connect(&host, &ServiceHost::machineEvent, this, [&events](const MachineEvent &e) { events.append(e); });
        EngineStatus status;
        connect(&host, &ServiceHost::statusChanged, this, [&status](const EngineStatus &s) { status = s; });
        host.start();
        QTRY_COMPARE_WITH_TIMEOUT(status.state, EngineStatus::State::Running, 5000);
        const quint16 port = status.address.section(u':', -1).toUShort();

        const QString kernelMac = QStringLiteral("52:54:00:00:00:01");
        // Machines are made by their DHCP; HTTP only ever updates a known one.
        for (const char *mac : {"52:54:00:00:00:01", "52:54:00:00:00:02"})
            registry.handleEvent(makeEvent(EventKind::DhcpDiscover, QLatin1String(mac), QHostAddress()));
        QVERIFY(get(port, "/m/52-54-00-00-00-01/vmlinuz").startsWith("HTTP/1.1 500"));
        QTRY_COMPARE_WITH_TIMEOUT(registry.machine(kernelMac)->stage, Stage::Failed, 3000);
        // The reason a person reads is the translated one.
        QVERIFY2(registry.machine(kernelMac)->failure.contains(QLatin1String("IS NOT AN X86 LINUX KERNEL")),
                 qPrintable(registry.machine(kernelMac)->failure));

        // The machines' DHCP exchanges were seen from this address.
        for (const char *mac : {"52:54:00:00:00:02", "52:54:00:00:00:03"})
            TestUtil::learnAddress(&host, QLatin1String(mac), QHostAddress(QHostAddress::LocalHost));
        QTest::qWait(50);

        // A config asked for without its token: refused, and not a failure of the machine.
        QVERIFY(get(port, "/m/52-54-00-00-00-03/config.yaml").startsWith("HTTP/1.1 403"));
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(events.cbegin(), events.cend(), [&](const MachineEvent &e) {
            return e.kind == EventKind::ConfigRefused && e.failure == FailureCode::Unauthorized;
        }), 3000);
        QVERIFY(!registry.machine(broken.mac));

        // No config assigned (cleared after its script was served): a refusal with a hint.
        const QString unassigned = QStringLiteral("52:54:00:00:00:02");
        const QString url = TestUtil::configUrlOf(get(port, "/m/52-54-00-00-00-02/script.ipxe"));
        QVERIFY2(url.isEmpty(), qPrintable(url));   // unassigned machines wait: no config URL at all
        MachineIntent cleared;
        cleared.mac = unassigned;
        cleared.configPath = broken.configPath;
        snap.machines.insert(cleared.mac, cleared);
        host.setSnapshot(snap);
        QTest::qWait(50);
        const QByteArray withToken = QUrl(TestUtil::configUrlOf(get(port, "/m/52-54-00-00-00-02/script.ipxe"))).toString(QUrl::RemoveScheme | QUrl::RemoveAuthority).toUtf8();
        QVERIFY2(withToken.contains("?t="), withToken.constData());
        snap.machines.remove(cleared.mac);
        host.setSnapshot(snap);
        QTest::qWait(50);
        QVERIFY(get(port, withToken).startsWith("HTTP/1.1 404"));
        QVERIFY(registry.machine(unassigned)->stage != Stage::Failed);
        QTRY_VERIFY_WITH_TIMEOUT(!registry.machine(unassigned)->hint.isEmpty(), 3000);
        const auto refusal = std::find_if(events.cbegin(), events.cend(), [&](const MachineEvent &e) {
            return e.mac == unassigned && e.kind == EventKind::ConfigRefused;
        });
        QVERIFY(refusal != events.cend());
        QCOMPARE(refusal->failure, FailureCode::NoConfigAssigned);

        // A config that does not render, asked for as Talos would (the script's URL, token
        // and all): refused, and its machine Failed.
        registry.handleEvent(makeEvent(EventKind::DhcpDiscover, broken.mac, QHostAddress()));
        const QByteArray script = get(port, "/m/52-54-00-00-00-03/script.ipxe");
        const QByteArray tokenPath = QUrl(TestUtil::configUrlOf(script)).toString(QUrl::RemoveScheme | QUrl::RemoveAuthority).toUtf8();
        QVERIFY2(tokenPath.contains("?t="), script.constData());
        QVERIFY(get(port, tokenPath).startsWith("HTTP/1.1 500"));
        QTRY_COMPARE_WITH_TIMEOUT(registry.machine(broken.mac)->stage, Stage::Failed, 3000);
    }

    void portInUseGetsItsFix()
    {
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
        BootSnapshot snap;
        snap.serverAddress = QHostAddress(QHostAddress::LocalHost);
        snap.ports.logs = taken.serverPort();
        ServiceHost host;
        host.addEngine(new LogSink);
        host.setSnapshot(snap);
        EngineStatus status;
        connect(&host, &ServiceHost::statusChanged, this, [&status](const EngineStatus &s) { status = s; });
        host.start();
        QTRY_COMPARE_WITH_TIMEOUT(status.state, EngineStatus::State::Failed, 5000);
        // The fix for a port in use names the port and how to find its owner, translated;
        // not the generic advice.
        QVERIFY2(status.fix.contains(QString::number(taken.serverPort())), qPrintable(status.fix));
        QVERIFY2(status.fix.contains(QLatin1String("SUDO SS -t")), qPrintable(status.fix));
        QVERIFY(status.fix != QCoreApplication::translate("Engine", "Check the interface and address in the settings."));
    }
};

QTEST_GUILESS_MAIN(tst_TranslatedDecisions)
#include "tst_translateddecisions.moc"
