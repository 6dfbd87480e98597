// The full DHCP server in its own QThread (through ServiceHost, next to the proxy as the
// application runs them) on loopback. The pool is 127.0.0.100-102 on 127.0.0.0/8; the
// client speaks from 127.0.0.1 with ciaddr set so that replies come back unicast, and
// from a leased address (also loopback on Linux) when it renews.

#include "engine/dhcpproxy.h"
#include "engine/dhcpserver.h"
#include "engine/servicehost.h"
#include "protocol/dhcp/dhcppacket.h"
#include "testutil.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>
#include <QtEndian>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Nbc;
using Dhcp::MessageType;
using Dhcp::OptionCode;
using Dhcp::Packet;

namespace {

const QHostAddress kLoopback(QHostAddress::LocalHost);
const quint32 kLoopbackV4 = 0x7f000001;

quint32 ip(const char *text)
{
    return QHostAddress(QLatin1String(text)).toIPv4Address();
}

quint32 u32Option(const Packet &p, OptionCode c)
{
    const QByteArray data = p.option(c).value_or(QByteArray());
    return data.size() == 4 ? qFromBigEndian<quint32>(data.constData()) : 0;
}

QByteArray capture(const char *name)
{
    return TestUtil::readHexData(QStringLiteral("dhcp/") + QLatin1String(name));
}

// A plain client (no PXE): a laptop, a switch, the installed OS.
Packet plainMessage(MessageType type, const QByteArray &mac, quint32 xid)
{
    Packet p;
    p.xid = xid;
    p.ciaddr = kLoopbackV4;
    p.chaddr = mac;
    p.setMessageType(type);
    p.setOption(OptionCode::ParameterRequestList, QByteArray::fromHex("01030633"));
    return p;
}

} // namespace

class tst_DhcpServer : public QObject
{
    Q_OBJECT

    ServiceHost *m_host = nullptr;
    QList<MachineEvent> m_events;
    QHash<QString, EngineStatus> m_status;
    BootSnapshot m_snapshot;
    QTemporaryDir *m_workspace = nullptr;
    QUdpSocket *m_client = nullptr;

    void startHost(const BootSnapshot &snapshot)
    {
        m_host = new ServiceHost;
        connect(m_host, &ServiceHost::machineEvent, this, [this](const MachineEvent &e) { m_events.append(e); });
        connect(m_host, &ServiceHost::statusChanged, this,
                [this](const EngineStatus &s) { m_status.insert(s.engine, s); });
        m_host->addEngine(new DhcpProxy);
        m_host->addEngine(new DhcpServer);
        m_host->setSnapshot(snapshot);
        m_host->start();
    }

    void stopHost()
    {
        delete m_host;   // stops the engines (the server saves its leases) and joins the threads
        m_host = nullptr;
        m_status.clear();
    }

    EngineStatus status(const char *engine) const { return m_status.value(QLatin1String(engine)); }

    bool waitForState(const char *engine, EngineStatus::State state)
    {
        return QTest::qWaitFor([&] { return status(engine).state == state; }, 5000);
    }

    bool waitForCounter(const char *engine, const char *counter, quint64 value)
    {
        return QTest::qWaitFor([&] { return status(engine).counters.value(QLatin1String(counter)) == value; }, 3000);
    }

    std::optional<Packet> receive(QUdpSocket *socket, int timeoutMs)
    {
        if (!socket->hasPendingDatagrams() && !socket->waitForReadyRead(timeoutMs))
            return std::nullopt;
        QByteArray data(int(socket->pendingDatagramSize()), '\0');
        socket->readDatagram(data.data(), data.size());
        const Dhcp::Result<Packet> parsed = Packet::parse(data);
        if (!parsed.ok())
            return std::nullopt;
        return parsed.value();
    }

    std::optional<Packet> exchange(const QByteArray &request, int timeoutMs = 3000)
    {
        m_client->writeDatagram(request, kLoopback, m_snapshot.ports.dhcp);
        return receive(m_client, timeoutMs);
    }

    std::optional<Packet> exchange(const Packet &request, int timeoutMs = 3000)
    {
        return exchange(request.build().value(), timeoutMs);
    }

    // DISCOVER, OFFER, REQUEST, ACK for a plain client; the ACK.
    std::optional<Packet> lease(const QByteArray &mac)
    {
        const auto offer = exchange(plainMessage(MessageType::Discover, mac, 1));
        if (!offer || offer->messageType() != MessageType::Offer)
            return std::nullopt;
        Packet request = plainMessage(MessageType::Request, mac, 2);
        request.setAddressOption(OptionCode::RequestedAddress, offer->yiaddr);
        request.setAddressOption(OptionCode::ServerId, kLoopbackV4);
        return exchange(request);
    }

    QList<MachineEvent> eventsOf(EventKind kind) const
    {
        QList<MachineEvent> out;
        for (const MachineEvent &e : m_events) {
            if (e.kind == kind)
                out.append(e);
        }
        return out;
    }

private Q_SLOTS:
    void init()
    {
        m_events.clear();
        m_status.clear();
        m_workspace = new QTemporaryDir;
        m_snapshot = BootSnapshot();
        m_snapshot.mode = DhcpMode::Full;
        m_snapshot.serverAddress = kLoopback;
        m_snapshot.netmask = QHostAddress(QStringLiteral("255.0.0.0"));
        m_snapshot.dhcpRange = QStringLiteral("127.0.0.100-127.0.0.102");
        m_snapshot.ports.dhcp = TestUtil::freeUdpPort();
        m_snapshot.ports.proxy = TestUtil::freeUdpPort();
        m_snapshot.dhcpClientPort = TestUtil::freeUdpPort();
        m_snapshot.ports.http = 18080;
        m_snapshot.workspaceDir = m_workspace->path();
        m_client = new QUdpSocket;
        QVERIFY(m_client->bind(kLoopback, 0));
    }

    void cleanup()
    {
        stopHost();
        delete m_client;
        m_client = nullptr;
        delete m_workspace;
        m_workspace = nullptr;
    }

    void plainClientGetsAnAddressAndNoBootFile()
    {
        startHost(m_snapshot);
        QVERIFY(waitForState("dhcp-server", EngineStatus::State::Running));
        QVERIFY2(status("dhcp-server").address.contains(QLatin1String("127.0.0.100-127.0.0.102")),
                 qPrintable(status("dhcp-server").address));

        const QByteArray mac = QByteArray::fromHex("020000000001");
        const auto offer = exchange(plainMessage(MessageType::Discover, mac, 7));
        QVERIFY(offer);
        QCOMPARE(offer->messageType(), std::optional(MessageType::Offer));
        QCOMPARE(offer->xid, 7u);
        QCOMPARE(offer->yiaddr, ip("127.0.0.100"));
        QCOMPARE(offer->serverId(), std::optional(kLoopbackV4));
        QCOMPARE(u32Option(*offer, OptionCode::SubnetMask), ip("255.0.0.0"));
        QCOMPARE(u32Option(*offer, OptionCode::LeaseTime), 3600u);
        QCOMPARE(u32Option(*offer, OptionCode::RenewalTime), 1800u);
        QCOMPARE(u32Option(*offer, OptionCode::RebindingTime), 3150u);
        QVERIFY(!offer->hasOption(OptionCode::Router));       // isolated network: no router
        QVERIFY(!offer->hasOption(OptionCode::BootFileName));
        QVERIFY(!offer->hasOption(OptionCode::VendorClass));
        QVERIFY(offer->file.isEmpty());
        QCOMPARE(offer->siaddr, 0u);

        Packet request = plainMessage(MessageType::Request, mac, 8);
        request.setAddressOption(OptionCode::RequestedAddress, offer->yiaddr);
        request.setAddressOption(OptionCode::ServerId, kLoopbackV4);
        const auto ack = exchange(request);
        QVERIFY(ack);
        QCOMPARE(ack->messageType(), std::optional(MessageType::Ack));
        QCOMPARE(ack->yiaddr, ip("127.0.0.100"));
        QCOMPARE(u32Option(*ack, OptionCode::LeaseTime), 3600u);

        // Not a boot client: served and counted, never a machine in the table.
        QVERIFY(waitForCounter("dhcp-server", "served", 2));
        QTest::qWait(100);
        QVERIFY(m_events.isEmpty());
        // The proxy stays off port 67 in full mode, on 4011 only.
        QVERIFY(!status("dhcp-proxy").address.contains(QString::number(m_snapshot.ports.dhcp)));
        QVERIFY(status("dhcp-proxy").address.contains(QString::number(m_snapshot.ports.proxy)));
    }

    void routerOnlyWhenConfigured()
    {
        m_snapshot.router = QHostAddress(QStringLiteral("127.0.0.254"));
        startHost(m_snapshot);
        QVERIFY(waitForState("dhcp-server", EngineStatus::State::Running));
        const auto offer = exchange(plainMessage(MessageType::Discover, QByteArray::fromHex("020000000002"), 1));
        QVERIFY(offer);
        QCOMPARE(u32Option(*offer, OptionCode::Router), ip("127.0.0.254"));
    }

    // UEFI PXE: address and boot file in one offer, then the ACK; the registry hears of
    // the leased address.
    void pxeClientGetsAddressAndBootFileInOneOffer()
    {
        startHost(m_snapshot);
        QVERIFY(waitForState("dhcp-server", EngineStatus::State::Running));
        QByteArray discover = capture("ovmf-pxe-discover.hex");
        discover.replace(12, 4, QByteArray::fromHex("7f000001"));
        const auto offer = exchange(discover);
        QVERIFY(offer);
        QCOMPARE(offer->messageType(), std::optional(MessageType::Offer));
        QCOMPARE(offer->yiaddr, ip("127.0.0.100"));
        QCOMPARE(offer->siaddr, kLoopbackV4);
        QCOMPARE(offer->file, QByteArray("ipxe.efi"));
        QCOMPARE(offer->option(OptionCode::BootFileName).value_or(QByteArray()), QByteArray("ipxe.efi"));
        QCOMPARE(offer->vendorClass(), QStringLiteral("PXEClient"));
        QVERIFY(offer->hasOption(OptionCode::ClientGuid));
        QVERIFY(!offer->hasOption(OptionCode::VendorSpecific));   // UEFI: no PXE menu
        QCOMPARE(u32Option(*offer, OptionCode::SubnetMask), ip("255.0.0.0"));
        QVERIFY(!m_client->waitForReadyRead(300));                // one offer, not two

        Packet request = Packet::parse(discover).value();
        request.setMessageType(MessageType::Request);
        request.setAddressOption(OptionCode::RequestedAddress, offer->yiaddr);
        request.setAddressOption(OptionCode::ServerId, kLoopbackV4);
        const auto ack = exchange(request);
        QVERIFY(ack);
        QCOMPARE(ack->messageType(), std::optional(MessageType::Ack));
        QCOMPARE(ack->yiaddr, ip("127.0.0.100"));
        QCOMPARE(ack->file, QByteArray("ipxe.efi"));

        QTRY_VERIFY_WITH_TIMEOUT(!eventsOf(EventKind::DhcpAck).isEmpty(), 3000);
        const QString mac = offer->mac();
        QCOMPARE(eventsOf(EventKind::DhcpDiscover).size(), 1);
        QCOMPARE(eventsOf(EventKind::DhcpDiscover)[0].facts.value(QStringLiteral("firmware")).toString(),
                 QStringLiteral("uefi"));
        const MachineEvent offered = eventsOf(EventKind::DhcpOffer).value(0);
        QCOMPARE(offered.mac, mac);
        QCOMPARE(offered.detail, QStringLiteral("ipxe.efi"));
        QCOMPARE(offered.facts.value(QStringLiteral("lease")).toString(), QStringLiteral("127.0.0.100"));
        const MachineEvent requested = eventsOf(EventKind::DhcpRequest).value(0);
        QCOMPARE(requested.peer, QHostAddress(QStringLiteral("127.0.0.100")));
        const MachineEvent acked = eventsOf(EventKind::DhcpAck).value(0);
        QCOMPARE(acked.peer, QHostAddress(QStringLiteral("127.0.0.100")));
        QCOMPARE(acked.detail, QStringLiteral("ipxe.efi"));
        QCOMPARE(acked.facts.value(QStringLiteral("leaseSeconds")).toLongLong(), 3600);
    }

    void ipxeClientGetsTheScriptUrlAndNoMenu()
    {
        startHost(m_snapshot);
        QVERIFY(waitForState("dhcp-server", EngineStatus::State::Running));
        QByteArray discover = capture("bios-ipxe-discover.hex");
        discover.replace(12, 4, QByteArray::fromHex("7f000001"));
        const auto offer = exchange(discover);
        QVERIFY(offer);
        QCOMPARE(offer->yiaddr, ip("127.0.0.100"));
        QCOMPARE(offer->file, QByteArray("http://127.0.0.1:18080/boot.ipxe"));
        QVERIFY(!offer->hasOption(OptionCode::VendorSpecific));
    }

    // The same MAC gets the same address again, also from a new console (leases.json).
    void stickyAcrossRestarts()
    {
        startHost(m_snapshot);
        QVERIFY(waitForState("dhcp-server", EngineStatus::State::Running));
        const QByteArray a = QByteArray::fromHex("020000000011");
        const QByteArray b = QByteArray::fromHex("020000000012");
        QCOMPARE(lease(a).value_or(Packet()).yiaddr, ip("127.0.0.100"));
        QCOMPARE(lease(b).value_or(Packet()).yiaddr, ip("127.0.0.101"));
        QCOMPARE(lease(a).value_or(Packet()).yiaddr, ip("127.0.0.100"));

        // Written within about a second, without waiting for the engine to stop.
        const QString path = QDir(m_workspace->path()).filePath(DhcpServer::leaseFileName());
        QVERIFY(QTest::qWaitFor([&] { return QFile::exists(path); }, 3000));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonArray leases = QJsonDocument::fromJson(file.readAll()).object().value(QLatin1String("leases")).toArray();
        QCOMPARE(leases.size(), 2);
        QCOMPARE(leases[0].toObject().value(QLatin1String("mac")).toString(), QStringLiteral("02:00:00:00:00:11"));
        QCOMPARE(leases[0].toObject().value(QLatin1String("state")).toString(), QStringLiteral("bound"));

        stopHost();
        startHost(m_snapshot);
        QVERIFY(waitForState("dhcp-server", EngineStatus::State::Running));
        // b asks first this time, and still gets its own address, not the first free one.
        QCOMPARE(lease(b).value_or(Packet()).yiaddr, ip("127.0.0.101"));
        QCOMPARE(lease(a).value_or(Packet()).yiaddr, ip("127.0.0.100"));
        QCOMPARE(lease(QByteArray::fromHex("020000000013")).value_or(Packet()).yiaddr, ip("127.0.0.102"));
    }

    void brokenLeaseFileIsSetAsideAndCounted()
    {
        const QString path = QDir(m_workspace->path()).filePath(DhcpServer::leaseFileName());
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("garbage, not JSON");
        file.close();
        startHost(m_snapshot);
        QVERIFY(waitForState("dhcp-server", EngineStatus::State::Running));
        QVERIFY(waitForCounter("dhcp-server", "lease-file:set-aside", 1));
        QCOMPARE(QDir(m_workspace->path()).entryList({QStringLiteral("leases.json.broken-*")}).size(), 1);
        QCOMPARE(lease(QByteArray::fromHex("020000000021")).value_or(Packet()).yiaddr, ip("127.0.0.100"));
    }

    // RENEWING: unicast from the leased address with ciaddr set; the ACK goes back to it.
    void renewFromTheLeasedAddress()
    {
        startHost(m_snapshot);
        QVERIFY(waitForState("dhcp-server", EngineStatus::State::Running));
        const QByteArray mac = QByteArray::fromHex("020000000031");
        QCOMPARE(lease(mac).value_or(Packet()).yiaddr, ip("127.0.0.100"));
        QUdpSocket leased;
        QVERIFY(leased.bind(QHostAddress(QStringLiteral("127.0.0.100")), 0));
        Packet renew = plainMessage(MessageType::Request, mac, 9);
        renew.ciaddr = ip("127.0.0.100");
        leased.writeDatagram(renew.build().value(), kLoopback, m_snapshot.ports.dhcp);
        const auto ack = receive(&leased, 3000);
        QVERIFY(ack);
        QCOMPARE(ack->messageType(), std::optional(MessageType::Ack));
        QCOMPARE(ack->yiaddr, ip("127.0.0.100"));
    }

    // A REQUEST for an address that is not the client's: NAK, broadcast (RFC 2131 4.1).
    void wrongAddressIsNakedByBroadcast()
    {
        startHost(m_snapshot);
        QVERIFY(waitForState("dhcp-server", EngineStatus::State::Running));
        QCOMPARE(lease(QByteArray::fromHex("020000000041")).value_or(Packet()).yiaddr, ip("127.0.0.100"));
        QUdpSocket clientPort;
        QVERIFY(clientPort.bind(QHostAddress::AnyIPv4, m_snapshot.dhcpClientPort, QUdpSocket::ShareAddress));
        Packet request = plainMessage(MessageType::Request, QByteArray::fromHex("020000000042"), 10);
        request.ciaddr = 0;
        request.setAddressOption(OptionCode::RequestedAddress, ip("127.0.0.100"));   // INIT-REBOOT
        m_client->writeDatagram(request.build().value(), kLoopback, m_snapshot.ports.dhcp);
        const auto nak = receive(&clientPort, 3000);
        QVERIFY(nak);
        QCOMPARE(nak->messageType(), std::optional(MessageType::Nak));
        QCOMPARE(nak->xid, 10u);
        QCOMPARE(nak->yiaddr, 0u);
        QCOMPARE(nak->serverId(), std::optional(kLoopbackV4));
        QVERIFY(waitForCounter("dhcp-server", "nak:in-use", 1));
    }

    void requestForAnotherServerFreesTheOffer()
    {
        m_snapshot.dhcpRange = QStringLiteral("127.0.0.100-127.0.0.100");
        startHost(m_snapshot);
        QVERIFY(waitForState("dhcp-server", EngineStatus::State::Running));
        const QByteArray a = QByteArray::fromHex("020000000051");
        QVERIFY(exchange(plainMessage(MessageType::Discover, a, 1)));
        Packet other = plainMessage(MessageType::Request, a, 2);
        other.setAddressOption(OptionCode::RequestedAddress, ip("10.1.1.1"));
        other.setAddressOption(OptionCode::ServerId, ip("10.1.1.254"));
        QVERIFY(!exchange(other, 500));
        QVERIFY(waitForCounter("dhcp-server", "dropped:for-other-server", 1));
    }

    // All addresses bound: a newcomer gets nothing and the drop is counted.
    void fullPoolIsCounted()
    {
        m_snapshot.dhcpRange = QStringLiteral("127.0.0.100-127.0.0.100");
        startHost(m_snapshot);
        QVERIFY(waitForState("dhcp-server", EngineStatus::State::Running));
        QVERIFY(lease(QByteArray::fromHex("020000000061")));
        QVERIFY(!exchange(plainMessage(MessageType::Discover, QByteArray::fromHex("020000000062"), 3), 500));
        QVERIFY(waitForCounter("dhcp-server", "dropped:pool-full", 1));
    }

    void unusableRangeFailsWithTheFix_data()
    {
        QTest::addColumn<QString>("range");
        QTest::addColumn<QString>("netmask");
        QTest::addColumn<QString>("error");
        QTest::newRow("missing") << "" << "255.0.0.0" << "needs a range";
        QTest::newRow("malformed") << "127.0.0.100" << "255.0.0.0" << "not an address range";
        QTest::newRow("other subnet") << "10.77.0.100-10.77.0.199" << "255.0.0.0" << "not inside 127.0.0.0/8";
        QTest::newRow("holds the server") << "127.0.0.1-127.0.0.9" << "255.0.0.0" << "own address 127.0.0.1";
        QTest::newRow("unknown subnet") << "127.0.0.100-127.0.0.102" << "" << "cannot tell the subnet";
    }
    void unusableRangeFailsWithTheFix()
    {
        QFETCH(QString, range);
        QFETCH(QString, netmask);
        QFETCH(QString, error);
        m_snapshot.dhcpRange = range;
        m_snapshot.netmask = netmask.isEmpty() ? QHostAddress() : QHostAddress(netmask);
        startHost(m_snapshot);
        QVERIFY(waitForState("dhcp-server", EngineStatus::State::Failed));
        QVERIFY2(status("dhcp-server").error.contains(error), qPrintable(status("dhcp-server").error));
        if (!netmask.isEmpty())
            QVERIFY2(status("dhcp-server").fix.contains(QLatin1String("dhcpRange: 127.")), qPrintable(status("dhcp-server").fix));
        // 67 is not taken by anyone: the proxy does not step in for a failed server.
        QVERIFY(waitForState("dhcp-proxy", EngineStatus::State::Running));
        QVERIFY(!status("dhcp-proxy").address.contains(QString::number(m_snapshot.ports.dhcp)));
    }

    // Proxy mode: the server is idle and the proxy owns 67. Switching the mode at run time
    // moves 67 from one engine to the other and back.
    void modeSwitchMovesPort67()
    {
        m_snapshot.mode = DhcpMode::Proxy;
        startHost(m_snapshot);
        QVERIFY(waitForState("dhcp-proxy", EngineStatus::State::Running));
        QVERIFY(status("dhcp-proxy").address.contains(QString::number(m_snapshot.ports.dhcp)));
        // Idle, but "running", so that a demo waiting for every service still starts.
        QVERIFY(waitForState("dhcp-server", EngineStatus::State::Running));
        QCOMPARE(status("dhcp-server").address, QStringLiteral("not used in proxy mode"));
        QByteArray discover = capture("ovmf-pxe-discover.hex");
        discover.replace(12, 4, QByteArray::fromHex("7f000001"));
        auto offer = exchange(discover);
        QVERIFY(offer);
        QCOMPARE(offer->yiaddr, 0u);   // proxy offer

        BootSnapshot full = m_snapshot;
        full.mode = DhcpMode::Full;
        m_host->setSnapshot(full);
        QVERIFY(QTest::qWaitFor([&] { return status("dhcp-server").address.contains(QLatin1String("leases")); }, 5000));
        QCOMPARE(status("dhcp-server").state, EngineStatus::State::Running);
        QVERIFY(QTest::qWaitFor([&] {
            return !status("dhcp-proxy").address.contains(QString::number(m_snapshot.ports.dhcp))
                && status("dhcp-proxy").state == EngineStatus::State::Running; }, 5000));
        offer = exchange(discover);
        QVERIFY(offer);
        QCOMPARE(offer->yiaddr, ip("127.0.0.100"));
        QCOMPARE(offer->file, QByteArray("ipxe.efi"));
        QVERIFY(!m_client->waitForReadyRead(300));   // and no proxy offer besides

        m_host->setSnapshot(m_snapshot);
        QVERIFY(QTest::qWaitFor([&] { return status("dhcp-server").address == QLatin1String("not used in proxy mode"); }, 5000));
        QVERIFY(QTest::qWaitFor([&] {
            return status("dhcp-proxy").address.contains(QString::number(m_snapshot.ports.dhcp)); }, 5000));
        offer = exchange(discover);
        QVERIFY(offer);
        QCOMPARE(offer->yiaddr, 0u);
        // The lease made in full mode was saved when the server stopped.
        QVERIFY(QFile::exists(QDir(m_workspace->path()).filePath(DhcpServer::leaseFileName())));
        // Stopping the services stops the idle server too.
        m_host->stop();
        QVERIFY(waitForState("dhcp-server", EngineStatus::State::Stopped));
    }

    // Another DHCP server answers on the segment and the workspace says pxe-only: plain
    // clients are left to it; PXE clients, and machines that hold a lease of ours (Talos
    // asking again without PXE), are still answered.
    void pxeOnlyLeavesPlainClientsToTheOtherServer()
    {
        startHost(m_snapshot);
        QVERIFY(waitForState("dhcp-server", EngineStatus::State::Running));
        const QByteArray booted = QByteArray::fromHex("020000000031");
        const auto bound = lease(booted);
        QVERIFY(bound && bound->messageType() == MessageType::Ack);

        m_snapshot.pxeClientsOnly = true;
        m_host->setSnapshot(m_snapshot);
        QTest::qWait(50);
        const QByteArray newcomer = QByteArray::fromHex("020000000032");
        QVERIFY(!exchange(plainMessage(MessageType::Discover, newcomer, 1), 500));
        QVERIFY(waitForCounter("dhcp-server", "dropped:pxe-only", 1));
        const auto again = exchange(plainMessage(MessageType::Discover, booted, 2));
        QVERIFY(again && again->messageType() == MessageType::Offer);
        QCOMPARE(again->yiaddr, bound->yiaddr);
        QByteArray discover = capture("ovmf-pxe-discover.hex");
        discover.replace(12, 4, QByteArray::fromHex("7f000001"));
        const auto pxe = exchange(discover);
        QVERIFY(pxe && pxe->messageType() == MessageType::Offer);
        QCOMPARE(pxe->file, QByteArray("ipxe.efi"));

        // The other server went away: everyone is answered again.
        m_snapshot.pxeClientsOnly = false;
        m_host->setSnapshot(m_snapshot);
        QTest::qWait(50);
        const auto answered = exchange(plainMessage(MessageType::Discover, newcomer, 3));
        QVERIFY(answered && answered->messageType() == MessageType::Offer);
    }

    // What the server sees of another DHCP server in passing: a client's REQUEST naming
    // it, its reply on port 67. Said once per server within kOtherServerReportMs; our own
    // id is not another server.
    void otherServersSeenInPassingAreReported()
    {
        startHost(m_snapshot);
        QVERIFY(waitForState("dhcp-server", EngineStatus::State::Running));
        DhcpServer *server = nullptr;
        for (Engine *engine : m_host->engines()) {
            if (auto *s = qobject_cast<DhcpServer *>(engine))
                server = s;
        }
        QVERIFY(server);
        QList<QPair<QHostAddress, QString>> seen;
        connect(server, &DhcpServer::otherServerSeen, this,
                [&seen](const QHostAddress &address, const QString &evidence) { seen.append({address, evidence}); },
                Qt::QueuedConnection);

        const QByteArray mac = QByteArray::fromHex("020000000041");
        Packet request = plainMessage(MessageType::Request, mac, 5);
        request.ciaddr = 0;
        request.setAddressOption(OptionCode::RequestedAddress, ip("127.0.0.150"));
        request.setAddressOption(OptionCode::ServerId, ip("127.0.0.9"));
        m_client->writeDatagram(request.build().value(), kLoopback, m_snapshot.ports.dhcp);
        QTRY_COMPARE(seen.size(), 1);
        QCOMPARE(seen.at(0).first, QHostAddress(QStringLiteral("127.0.0.9")));
        QCOMPARE(seen.at(0).second, QStringLiteral("request"));

        Packet reply = request.makeReply(MessageType::Ack);
        reply.yiaddr = ip("127.0.0.150");
        reply.setAddressOption(OptionCode::ServerId, ip("127.0.0.10"));
        m_client->writeDatagram(reply.build().value(), kLoopback, m_snapshot.ports.dhcp);
        QTRY_COMPARE(seen.size(), 2);
        QCOMPARE(seen.at(1).first, QHostAddress(QStringLiteral("127.0.0.10")));
        QCOMPARE(seen.at(1).second, QStringLiteral("reply"));

        // The same server again at once, and a reply carrying our own id: nothing new.
        m_client->writeDatagram(request.build().value(), kLoopback, m_snapshot.ports.dhcp);
        reply.setAddressOption(OptionCode::ServerId, kLoopbackV4);
        m_client->writeDatagram(reply.build().value(), kLoopback, m_snapshot.ports.dhcp);
        QVERIFY(waitForCounter("dhcp-server", "dropped:not-request", 2));
        QTest::qWait(100);
        QCOMPARE(seen.size(), 2);
    }
};

QTEST_GUILESS_MAIN(tst_DhcpServer)
#include "tst_dhcpserver.moc"
