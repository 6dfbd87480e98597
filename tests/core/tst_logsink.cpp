#include "engine/logsink.h"
#include "engine/servicehost.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUdpSocket>

using namespace Nbc;

// The log receiver in its own thread on loopback, fed by real TCP and UDP senders.
class tst_LogSink : public QObject
{
    Q_OBJECT
private:
    ServiceHost *m_host = nullptr;
    quint16 m_port = 0;
    QList<MachineEvent> m_events;
    EngineStatus m_status;

    bool waitForEvents(int n)
    {
        return QTest::qWaitFor([&] { return m_events.size() >= n; }, 5000);
    }

private Q_SLOTS:
    void init()
    {
        m_events.clear();
        m_status = EngineStatus{};
        m_host = new ServiceHost;
        m_host->addEngine(new LogSink);
        BootSnapshot snap;
        snap.serverAddress = QHostAddress(QHostAddress::LocalHost);
        snap.ports.logs = 0;
        m_host->setSnapshot(snap);
        connect(m_host, &ServiceHost::machineEvent, this, [this](const MachineEvent &e) { m_events.append(e); });
        connect(m_host, &ServiceHost::statusChanged, this, [this](const EngineStatus &s) { m_status = s; });
        m_host->start();
        QTRY_COMPARE_WITH_TIMEOUT(m_status.state, EngineStatus::State::Running, 5000);
        m_port = m_status.address.section(u':', -1).toUShort();
        QVERIFY(m_port > 0);
    }
    void cleanup()
    {
        delete m_host;
        m_host = nullptr;
    }
    void tcpLines()
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(socket.waitForConnected(3000));
        // Samples from the Talos documentation (reference §3.1, §3.2), split across writes.
        socket.write(R"({"clock":6252819,"facility":"user","msg":"[talos] task startAllServices (1/1): waiting for 6 services\n","priority":"warning","seq":711,"talos-level":"warn","talos-time":"2021-11-26T16:53:21.3258698Z"})");
        socket.flush();
        QTest::qWait(50);
        socket.write("\n");
        socket.write(R"({"msg":"[talos] apply config request: immediate true, on reboot false","talos-level":"info","talos-service":"machined","talos-time":"2021-11-10T10:48:49.294858021Z"})" "\n");
        QVERIFY(socket.waitForBytesWritten(3000));
        QVERIFY(waitForEvents(2));
        QCOMPARE(m_events.at(0).kind, EventKind::Log);
        QCOMPARE(m_events.at(0).detail, QStringLiteral("[talos] task startAllServices (1/1): waiting for 6 services"));
        QCOMPARE(m_events.at(0).facts.value(QStringLiteral("talos-level")).toString(), QStringLiteral("warn"));
        QCOMPARE(m_events.at(0).peer, QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(m_events.at(1).facts.value(QStringLiteral("talos-service")).toString(), QStringLiteral("machined"));
    }
    void malformedAndOversized()
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(socket.waitForConnected(3000));
        socket.write("not json\n");
        socket.write("{\"nomsg\":1}\n");
        socket.write("\n");
        socket.write("[1,2,3]\n");
        // An endless line: far past the limit, in pieces, then a good line after it.
        const QByteArray chunk(16 * 1024, 'x');
        for (int i = 0; i < 64; ++i)
            socket.write(chunk);
        socket.write("\n{\"msg\":\"after the flood\"}\n");
        QVERIFY(socket.waitForBytesWritten(5000));
        QTRY_VERIFY_WITH_TIMEOUT(!m_events.isEmpty() && m_events.last().detail == QLatin1String("after the flood"), 5000);
        QCOMPARE(m_events.size(), 1);   // nothing else was a valid message
        QTRY_VERIFY_WITH_TIMEOUT(m_status.counters.value(QStringLiteral("dropped:not-json")) >= 3, 3000);
        QCOMPARE(m_status.counters.value(QStringLiteral("dropped:no-msg")), 1u);
        QCOMPARE(m_status.counters.value(QStringLiteral("dropped:empty")), 1u);
        QCOMPARE(m_status.counters.value(QStringLiteral("dropped:line-too-long")), 1u);
        QVERIFY(socket.state() == QAbstractSocket::ConnectedState);   // a good client is still served
    }
    void udpDatagrams()
    {
        QUdpSocket udp;
        udp.writeDatagram(R"({"msg":"[talos] machine is running and ready","talos-level":"info"})", QHostAddress::LocalHost, m_port);
        udp.writeDatagram("garbage\x01\x02", QHostAddress::LocalHost, m_port);
        udp.writeDatagram(R"({"msg":"second"})" "\n", QHostAddress::LocalHost, m_port);
        QVERIFY(waitForEvents(2));
        QCOMPARE(m_events.at(0).detail, QStringLiteral("[talos] machine is running and ready"));
        QCOMPARE(m_events.at(1).detail, QStringLiteral("second"));
    }
    void portInUseIsReported()
    {
        QTcpServer blocker;
        QVERIFY(blocker.listen(QHostAddress::LocalHost, 0));
        ServiceHost host;
        host.addEngine(new LogSink);
        BootSnapshot snap;
        snap.serverAddress = QHostAddress(QHostAddress::LocalHost);
        snap.ports.logs = blocker.serverPort();
        host.setSnapshot(snap);
        EngineStatus status;
        connect(&host, &ServiceHost::statusChanged, this, [&status](const EngineStatus &s) { status = s; });
        host.start();
        QTRY_COMPARE_WITH_TIMEOUT(status.state, EngineStatus::State::Failed, 5000);
        QVERIFY(status.error.contains(QString::number(blocker.serverPort())));
        QVERIFY2(status.fix.contains(QLatin1String("ss -tlpn")), qPrintable(status.fix));   // TCP, not UDP
    }
};

QTEST_GUILESS_MAIN(tst_LogSink)
#include "tst_logsink.moc"
