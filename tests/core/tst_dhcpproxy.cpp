// The proxy DHCP engine in its own QThread (through ServiceHost, as the application runs
// it) on loopback: captured firmware packets go in over a real UDP socket with ciaddr set
// to 127.0.0.1, so the replies come back unicast and nothing leaves this machine.

#include "engine/dhcpproxy.h"
#include "engine/servicehost.h"
#include "protocol/dhcp/dhcppacket.h"
#include "testutil.h"

#include <QFile>
#include <QSet>
#include <QtEndian>
#include <QSignalSpy>
#include <QTest>
#include <QUdpSocket>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace Nbc;
using Dhcp::MessageType;
using Dhcp::OptionCode;
using Dhcp::Packet;

namespace {

const QHostAddress kLoopback(QHostAddress::LocalHost);

// A UDP port free right now on 127.0.0.1, bound without SO_REUSEADDR so that the port
// is really unused (not merely shareable).
// Holds a port the way another program (dnsmasq, a second console) would.
int occupyUdpPort(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) < 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

QByteArray withLoopbackCiaddr(QByteArray bytes)
{
    bytes.replace(12, 4, QByteArray::fromHex("7f000001"));
    return bytes;
}

QByteArray capture(const char *name)
{
    return TestUtil::readHexData(QStringLiteral("dhcp/") + QLatin1String(name));
}

int unprivilegedPortStart()
{
    QFile f(QStringLiteral("/proc/sys/net/ipv4/ip_unprivileged_port_start"));
    if (!f.open(QIODevice::ReadOnly))
        return 1024;
    return f.readAll().trimmed().toInt();
}

struct Reply {
    Packet packet;
    quint16 fromPort = 0;
};

} // namespace

class tst_DhcpProxy : public QObject
{
    Q_OBJECT

    ServiceHost *m_host = nullptr;
    QList<MachineEvent> m_events;
    EngineStatus m_status;
    BootSnapshot m_snapshot;
    QUdpSocket *m_client = nullptr;

    void startEngine(const BootSnapshot &snapshot)
    {
        m_host = new ServiceHost;
        connect(m_host, &ServiceHost::machineEvent, this, [this](const MachineEvent &e) { m_events.append(e); });
        connect(m_host, &ServiceHost::statusChanged, this, [this](const EngineStatus &s) { m_status = s; });
        m_host->addEngine(new DhcpProxy);
        m_host->setSnapshot(snapshot);
        m_host->start();
    }

    bool waitForState(EngineStatus::State state)
    {
        return QTest::qWaitFor([&] { return m_status.state == state; }, 5000);
    }

    std::optional<Reply> exchange(const QByteArray &request, quint16 port, int timeoutMs = 3000)
    {
        m_client->writeDatagram(request, kLoopback, port);
        if (!m_client->hasPendingDatagrams() && !m_client->waitForReadyRead(timeoutMs))
            return std::nullopt;
        QHostAddress from;
        quint16 fromPort = 0;
        QByteArray data(int(m_client->pendingDatagramSize()), '\0');
        m_client->readDatagram(data.data(), data.size(), &from, &fromPort);
        const Dhcp::Result<Packet> parsed = Packet::parse(data);
        if (!parsed.ok() || from != kLoopback)
            return std::nullopt;
        return Reply{parsed.value(), fromPort};
    }

    QList<MachineEvent> eventsOf(EventKind kind) const
    {
        return TestUtil::eventsOfKind(m_events, kind);
    }

private Q_SLOTS:
    void init()
    {
        m_events.clear();
        m_status = EngineStatus();
        m_snapshot = BootSnapshot();
        m_snapshot.serverAddress = kLoopback;
        m_snapshot.ports.dhcp = TestUtil::freeUdpPort();
        m_snapshot.ports.proxy = TestUtil::freeUdpPort();
        m_snapshot.ports.http = 18080;
        m_client = new QUdpSocket;
        QVERIFY(m_client->bind(kLoopback, 0));
    }

    void cleanup()
    {
        delete m_host;   // stops the engine and joins its thread
        m_host = nullptr;
        delete m_client;
        m_client = nullptr;
    }

    void ipxeDiscoverGetsTheScriptUrl()
    {
        startEngine(m_snapshot);
        QVERIFY(waitForState(EngineStatus::State::Running));
        QVERIFY(m_status.address.contains(QString::number(m_snapshot.ports.dhcp)));

        const auto reply = exchange(withLoopbackCiaddr(capture("bios-ipxe-discover.hex")), m_snapshot.ports.dhcp);
        QVERIFY(reply);
        QCOMPARE(reply->fromPort, m_snapshot.ports.dhcp);
        const Packet &p = reply->packet;
        QCOMPARE(p.messageType(), std::optional(MessageType::Offer));
        QCOMPARE(p.yiaddr, 0u);
        QCOMPARE(p.siaddr, kLoopback.toIPv4Address());
        QCOMPARE(p.file, QByteArray("http://127.0.0.1:18080/boot.ipxe"));
        QCOMPARE(p.mac(), QStringLiteral("52:54:00:88:00:01"));
        QVERIFY(!p.hasOption(OptionCode::VendorSpecific));

        QTRY_VERIFY_WITH_TIMEOUT(!eventsOf(EventKind::DhcpOffer).isEmpty(), 3000);
        const QList<MachineEvent> discovers = eventsOf(EventKind::DhcpDiscover);
        QCOMPARE(discovers.size(), 1);
        QCOMPARE(discovers[0].mac, QStringLiteral("52:54:00:88:00:01"));
        QCOMPARE(discovers[0].facts.value(QStringLiteral("firmware")).toString(), QStringLiteral("ipxe"));
        QCOMPARE(discovers[0].facts.value(QStringLiteral("arch")).toInt(), 0);
        QCOMPARE(discovers[0].facts.value(QStringLiteral("userClass")).toString(), QStringLiteral("iPXE"));
        QCOMPARE(eventsOf(EventKind::DhcpOffer)[0].detail, QStringLiteral("http://127.0.0.1:18080/boot.ipxe"));

        QVERIFY(QTest::qWaitFor([&] { return m_status.counters.value(QStringLiteral("served")) == 1; }, 3000));
        QCOMPARE(m_status.counters.value(QStringLiteral("received")), 1u);
    }

    // OVMF's boot-server request: ACK from 4011, back to the port it came from.
    void ovmfRequestOn4011GetsAck()
    {
        startEngine(m_snapshot);
        QVERIFY(waitForState(EngineStatus::State::Running));
        const QByteArray request = withLoopbackCiaddr(capture("ovmf-pxe-request-4011.hex"));
        const auto reply = exchange(request, m_snapshot.ports.proxy);
        QVERIFY(reply);
        QCOMPARE(reply->fromPort, m_snapshot.ports.proxy);
        const Packet &p = reply->packet;
        QCOMPARE(p.messageType(), std::optional(MessageType::Ack));
        QCOMPARE(p.yiaddr, 0u);
        QCOMPARE(p.siaddr, kLoopback.toIPv4Address());
        QCOMPARE(p.file, QByteArray("ipxe.efi"));
        QCOMPARE(p.option(OptionCode::BootFileName).value_or(QByteArray()), QByteArray("ipxe.efi"));
        QCOMPARE(p.serverId().value_or(0), kLoopback.toIPv4Address());
        QCOMPARE(p.vendorClass(), QStringLiteral("PXEClient"));
        QVERIFY(p.hasOption(OptionCode::ClientGuid));
        QVERIFY(!p.hasOption(OptionCode::VendorSpecific));

        QTRY_VERIFY_WITH_TIMEOUT(!eventsOf(EventKind::DhcpAck).isEmpty(), 3000);
        QCOMPARE(eventsOf(EventKind::DhcpRequest).size(), 1);
        QCOMPARE(eventsOf(EventKind::DhcpRequest)[0].peer, kLoopback);
        QCOMPARE(eventsOf(EventKind::DhcpAck)[0].detail, QStringLiteral("ipxe.efi"));
    }

    // The proxy ACK on 67 carries the boot info, and the event tells the registry which
    // address the site's DHCP server gave the machine.
    void requestOn67ReportsTheRequestedAddress()
    {
        startEngine(m_snapshot);
        QVERIFY(waitForState(EngineStatus::State::Running));
        const auto reply = exchange(withLoopbackCiaddr(capture("ovmf-pxe-request-67.hex")), m_snapshot.ports.dhcp);
        QVERIFY(reply);
        QCOMPARE(reply->packet.messageType(), std::optional(MessageType::Ack));
        QCOMPARE(reply->packet.yiaddr, 0u);
        QCOMPARE(reply->packet.file, QByteArray("ipxe.efi"));
        QTRY_VERIFY_WITH_TIMEOUT(!eventsOf(EventKind::DhcpRequest).isEmpty(), 3000);
        QCOMPARE(eventsOf(EventKind::DhcpRequest)[0].peer, QHostAddress(QStringLiteral("10.88.0.67")));
    }

    void nonPxeClientGetsNothing()
    {
        startEngine(m_snapshot);
        QVERIFY(waitForState(EngineStatus::State::Running));
        Packet discover;
        discover.xid = 42;
        discover.ciaddr = kLoopback.toIPv4Address();
        discover.chaddr = QByteArray::fromHex("020000000001");
        discover.setMessageType(MessageType::Discover);
        discover.setOption(OptionCode::VendorClass, "MSFT 5.0");
        QVERIFY(!exchange(discover.build().value(), m_snapshot.ports.dhcp, 700));
        QTRY_VERIFY_WITH_TIMEOUT(!eventsOf(EventKind::DhcpIgnored).isEmpty(), 3000);
        QCOMPARE(eventsOf(EventKind::DhcpIgnored)[0].facts.value(QStringLiteral("reason")).toString(), QStringLiteral("not-pxe"));
        QVERIFY(eventsOf(EventKind::DhcpDiscover).isEmpty());   // not a machine of ours
        QVERIFY(QTest::qWaitFor([&] { return m_status.counters.value(QStringLiteral("dropped:not-pxe")) == 1; }, 3000));
        QCOMPARE(m_status.counters.value(QStringLiteral("served")), 0u);
    }

    void garbageIsCountedAndGoodClientsStillServed()
    {
        startEngine(m_snapshot);
        QVERIFY(waitForState(EngineStatus::State::Running));
        QByteArray badCookie = capture("ovmf-pxe-discover.hex");
        badCookie[236] = 0;
        const QList<QByteArray> garbage = {QByteArray(), QByteArray(100, 'x'), badCookie, QByteArray(1400, '\xff')};
        for (int round = 0; round < 25; ++round) {
            for (const QByteArray &g : garbage)
                m_client->writeDatagram(g, kLoopback, m_snapshot.ports.dhcp);
        }
        const auto reply = exchange(withLoopbackCiaddr(capture("ovmf-pxe-discover.hex")), m_snapshot.ports.dhcp);
        QVERIFY(reply);
        QCOMPARE(reply->packet.file, QByteArray("ipxe.efi"));
        QVERIFY(QTest::qWaitFor([&] { return m_status.counters.value(QStringLiteral("served")) == 1; }, 3000));
        QCOMPARE(m_status.counters.value(QStringLiteral("received")), 101u);
        QCOMPARE(m_status.counters.value(QStringLiteral("dropped:empty")), 25u);
        QCOMPARE(m_status.counters.value(QStringLiteral("dropped:truncated-header")), 25u);
        QCOMPARE(m_status.counters.value(QStringLiteral("dropped:bad-magic-cookie")), 25u);
        QCOMPARE(m_status.counters.value(QStringLiteral("dropped:bad-op")), 25u);
        QVERIFY(eventsOf(EventKind::DhcpIgnored).isEmpty());   // garbage is counted, not reported
    }

    // A relayed request (giaddr set) is answered to the relay on the server port
    // (RFC 2131 4.1). Here the "relay" is 127.0.0.1:<dhcpPort>, the engine itself, which
    // then sees its own reply arrive and drops it as not a request.
    void relayedRequestIsAnsweredToTheRelay()
    {
        startEngine(m_snapshot);
        QVERIFY(waitForState(EngineStatus::State::Running));
        QByteArray relayed = capture("ovmf-pxe-discover.hex");
        relayed.replace(24, 4, QByteArray::fromHex("7f000001"));   // giaddr
        relayed[3] = 1;                                           // hops
        QVERIFY(!exchange(relayed, m_snapshot.ports.dhcp, 700));    // nothing to the client
        QVERIFY(QTest::qWaitFor([&] { return m_status.counters.value(QStringLiteral("dropped:not-request")) == 1; }, 3000));
        QCOMPARE(m_status.counters.value(QStringLiteral("served")), 1u);
        QCOMPARE(m_status.counters.value(QStringLiteral("received")), 2u);
    }

    // A burst far beyond a default socket buffer (~200 KiB, some 300 of these packets)
    // is answered whole: the engine's receive buffer is 4 MiB.
    void burstIsAnsweredWhole()
    {
        if (!TestUtil::isRoot())
            QSKIP("needs root: SO_RCVBUFFORCE for a client buffer that holds every reply");
        startEngine(m_snapshot);
        QVERIFY(waitForState(EngineStatus::State::Running));
        const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
        const int big = 16 * 1024 * 1024;
        QVERIFY(::setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &big, sizeof big) == 0);
        QVERIFY(::setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &big, sizeof big) == 0);
        sockaddr_in self{};
        self.sin_family = AF_INET;
        self.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QVERIFY(::bind(fd, reinterpret_cast<sockaddr *>(&self), sizeof self) == 0);
        sockaddr_in server = self;
        server.sin_port = htons(m_snapshot.ports.dhcp);

        constexpr int kBurst = 2000;
        QByteArray request = withLoopbackCiaddr(capture("ovmf-pxe-discover.hex"));
        int sent = 0;
        for (quint32 xid = 1; xid <= kBurst; ++xid) {
            qToBigEndian(xid, request.data() + 4);
            if (::sendto(fd, request.constData(), size_t(request.size()), 0, reinterpret_cast<sockaddr *>(&server),
                         sizeof server) == request.size())
                ++sent;
        }
        QCOMPARE(sent, kBurst);
        QSet<quint32> answered;
        const bool all = QTest::qWaitFor([&] {
            char buf[2048];
            ssize_t n;
            while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0) {
                const auto reply = Packet::parse(QByteArray(buf, int(n)));
                if (reply.ok())
                    answered.insert(reply.value().xid);
            }
            return answered.size() == kBurst;
        }, 20000);
        ::close(fd);
        QVERIFY2(all, qPrintable(QStringLiteral("%1 of %2 answered").arg(answered.size()).arg(kBurst)));
        QVERIFY(QTest::qWaitFor([&] { return m_status.counters.value(QStringLiteral("served")) == kBurst; }, 3000));
    }

    void portInUseIsReportedWithTheFix()
    {
        const int blocker = occupyUdpPort(m_snapshot.ports.proxy);
        QVERIFY(blocker >= 0);
        startEngine(m_snapshot);
        QVERIFY(waitForState(EngineStatus::State::Failed));
        QVERIFY2(m_status.error.contains(QString::number(m_snapshot.ports.proxy)), qPrintable(m_status.error));
        QVERIFY2(m_status.fix.contains(QLatin1String("ss -ulpn")), qPrintable(m_status.fix));
        // The port that was free is released again, not held by a half-started engine.
        const int other = occupyUdpPort(m_snapshot.ports.dhcp);
        QVERIFY(other >= 0);
        ::close(other);

        // Once the other program is gone, starting again works.
        ::close(blocker);
        m_host->start();
        QVERIFY(waitForState(EngineStatus::State::Running));
        QVERIFY(exchange(withLoopbackCiaddr(capture("ovmf-pxe-request-4011.hex")), m_snapshot.ports.proxy));
    }

    void stopIsIdempotentAndReleasesThePorts()
    {
        startEngine(m_snapshot);
        QVERIFY(waitForState(EngineStatus::State::Running));
        m_host->stop();
        m_host->stop();
        QVERIFY(waitForState(EngineStatus::State::Stopped));
        const int a = occupyUdpPort(m_snapshot.ports.dhcp);
        const int b = occupyUdpPort(m_snapshot.ports.proxy);
        QVERIFY(a >= 0);
        QVERIFY(b >= 0);
        ::close(a);
        ::close(b);
    }

    void newPortsInTheSnapshotRebind()
    {
        startEngine(m_snapshot);
        QVERIFY(waitForState(EngineStatus::State::Running));
        BootSnapshot moved = m_snapshot;
        moved.ports.dhcp = TestUtil::freeUdpPort();
        m_host->setSnapshot(moved);
        QVERIFY(QTest::qWaitFor([&] { return m_status.address.contains(QString::number(moved.ports.dhcp)); }, 5000));
        QCOMPARE(m_status.state, EngineStatus::State::Running);
        QVERIFY(exchange(withLoopbackCiaddr(capture("ovmf-pxe-discover.hex")), moved.ports.dhcp));
        const int old = occupyUdpPort(m_snapshot.ports.dhcp);
        QVERIFY(old >= 0);   // the old port was let go
        ::close(old);
    }

    // Port 67 without root or CAP_NET_BIND_SERVICE: Failed, with the setcap command. As
    // root the check runs in a forked child that first becomes nobody, so it is real.
    void privilegedPortRefusedWithSetcapFix()
    {
        if (unprivilegedPortStart() <= 67)
            QSKIP("net.ipv4.ip_unprivileged_port_start allows port 67 to everyone here");
        int fds[2];
        QVERIFY(::pipe(fds) == 0);
        const quint16 proxyPort = TestUtil::freeUdpPort();
        const pid_t pid = ::fork();
        QVERIFY(pid >= 0);
        if (pid == 0) {
            ::close(fds[0]);
            if (TestUtil::isRoot() && (::setresgid(65534, 65534, 65534) != 0 || ::setresuid(65534, 65534, 65534) != 0))
                ::_exit(3);
            // Single-threaded here: call the slots directly, statusChanged is synchronous.
            DhcpProxy engine;
            EngineStatus last;
            QObject::connect(&engine, &Engine::statusChanged, [&last](const EngineStatus &s) { last = s; });
            BootSnapshot s;
            s.serverAddress = kLoopback;
            s.ports.dhcp = 67;
            s.ports.proxy = proxyPort;
            engine.setSnapshot(s);
            engine.start();
            const QByteArray out = engineStateName(last.state).toUtf8() + '\n' + last.error.toUtf8() + '\n'
                + last.fix.toUtf8();
            const bool written = ::write(fds[1], out.constData(), size_t(out.size())) == out.size();
            ::_exit(written ? 0 : 4);
        }
        ::close(fds[1]);
        QByteArray result;
        char buf[512];
        ssize_t n;
        while ((n = ::read(fds[0], buf, sizeof buf)) > 0)
            result.append(buf, n);
        ::close(fds[0]);
        int wstatus = 0;
        QCOMPARE(::waitpid(pid, &wstatus, 0), pid);
        QVERIFY(WIFEXITED(wstatus));
        QCOMPARE(WEXITSTATUS(wstatus), 0);
        const QList<QByteArray> lines = result.split('\n');
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines[0], QByteArray("failed"));
        QVERIFY2(lines[1].contains("67"), lines[1].constData());
        QVERIFY2(lines[2].contains("setcap 'cap_net_bind_service"), lines[2].constData());
    }
};

QTEST_GUILESS_MAIN(tst_DhcpProxy)
#include "tst_dhcpproxy.moc"
