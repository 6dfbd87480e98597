#include "engine/logsink.h"
#include "engine/servicehost.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUdpSocket>

#include <memory>
#include <vector>

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

    // A fresh receiver (the one from init() goes) with these limits.
    void startWith(const LogSink::Limits &limits)
    {
        delete m_host;
        m_events.clear();
        m_status = EngineStatus{};
        m_host = new ServiceHost;
        auto *sink = new LogSink;
        sink->setLimits(limits);
        m_host->addEngine(sink);
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

    static bool closedByPeer(QTcpSocket &socket, int ms = 5000)
    {
        return QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::UnconnectedState; }, ms);
    }

private Q_SLOTS:
    void init() { startWith(LogSink::Limits{}); }
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
        // An endless line: far past the limit, in pieces. No Talos line comes near the
        // limit, so the sender is closed and what it held is freed.
        const QByteArray chunk(16 * 1024, 'x');
        for (int i = 0; i < 64; ++i)
            socket.write(chunk);
        socket.flush();
        QVERIFY(closedByPeer(socket));
        QTRY_VERIFY_WITH_TIMEOUT(m_status.counters.value(QStringLiteral("dropped:line-too-long")) == 1u, 3000);
        QTRY_VERIFY_WITH_TIMEOUT(m_status.counters.value(QStringLiteral("dropped:not-json")) >= 3, 3000);
        QCOMPARE(m_status.counters.value(QStringLiteral("dropped:no-msg")), 1u);
        QCOMPARE(m_status.counters.value(QStringLiteral("dropped:empty")), 1u);
        QVERIFY(m_events.isEmpty());   // nothing was a valid message
        QCOMPARE(m_status.refusals.size(), 1);
        QCOMPARE(m_status.refusals.first().reason, QStringLiteral("line-too-long"));
        QCOMPARE(m_status.refusals.first().address, QHostAddress(QHostAddress::LocalHost));
        // A good sender is still served.
        QTcpSocket good;
        good.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(good.waitForConnected(3000));
        good.write("{\"msg\":\"after the flood\"}\n");
        QVERIFY(waitForEvents(1));
        QCOMPARE(m_events.last().detail, QStringLiteral("after the flood"));
    }

    void oneAddressGetsAFewConnections()
    {
        LogSink::Limits limits;
        limits.maxPerAddress = 3;
        startWith(limits);
        // 127.0.0.2 takes its share and more; 127.0.0.3 (another machine) still gets in.
        std::vector<std::unique_ptr<QTcpSocket>> greedy;
        for (int i = 0; i < 10; ++i) {
            auto socket = std::make_unique<QTcpSocket>();
            socket->bind(QHostAddress(QStringLiteral("127.0.0.2")));
            socket->connectToHost(QHostAddress::LocalHost, m_port);
            QVERIFY(socket->waitForConnected(3000));
            greedy.push_back(std::move(socket));
        }
        QTRY_VERIFY_WITH_TIMEOUT(m_status.counters.value(QStringLiteral("dropped:per-address-limit")) == 7u, 5000);
        int open = 0;
        for (auto &socket : greedy)
            open += closedByPeer(*socket, 200) ? 0 : 1;
        QCOMPARE(open, 3);
        QTcpSocket good;
        good.bind(QHostAddress(QStringLiteral("127.0.0.3")));
        good.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(good.waitForConnected(3000));
        good.write("{\"msg\":\"[talos] from the machine\"}\n");
        QVERIFY(waitForEvents(1));
        QCOMPARE(m_events.last().peer, QHostAddress(QStringLiteral("127.0.0.3")));
        QCOMPARE(m_status.refusals.size(), 1);
        QCOMPARE(m_status.refusals.first().address, QHostAddress(QStringLiteral("127.0.0.2")));
        QCOMPARE(m_status.refusals.first().count, 7u);
        // A slot that frees up can be taken again.
        greedy.front()->abort();
        QTcpSocket again;
        QTest::qWait(100);
        again.bind(QHostAddress(QStringLiteral("127.0.0.2")));
        again.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(again.waitForConnected(3000));
        QVERIFY(!closedByPeer(again, 300));
    }

    void idleAndDrippingSendersAreClosed()
    {
        LogSink::Limits limits;
        limits.idleTimeout = std::chrono::milliseconds(400);
        limits.lineTimeout = std::chrono::milliseconds(600);
        startWith(limits);
        QTcpSocket idle;
        idle.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(idle.waitForConnected(3000));
        QTcpSocket dripping;
        dripping.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(dripping.waitForConnected(3000));
        // A byte every 100 ms never looks idle, but the line never ends.
        QElapsedTimer timer;
        timer.start();
        while (dripping.state() == QAbstractSocket::ConnectedState && timer.elapsed() < 3000) {
            dripping.write("x");
            dripping.flush();
            QTest::qWait(100);
        }
        QCOMPARE(dripping.state(), QAbstractSocket::UnconnectedState);
        QVERIFY(timer.elapsed() >= 500);
        QVERIFY(closedByPeer(idle));
        QTRY_COMPARE_WITH_TIMEOUT(m_status.counters.value(QStringLiteral("dropped:idle")), 1u, 3000);
        QTRY_COMPARE_WITH_TIMEOUT(m_status.counters.value(QStringLiteral("dropped:line-timeout")), 1u, 3000);
        // A sender that writes whole lines now and then stays.
        QTcpSocket talos;
        talos.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(talos.waitForConnected(3000));
        for (int i = 0; i < 3; ++i) {
            talos.write("{\"msg\":\"[talos] tick\"}\n");
            QTest::qWait(200);
        }
        QCOMPARE(talos.state(), QAbstractSocket::ConnectedState);
        QVERIFY(waitForEvents(3));
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
