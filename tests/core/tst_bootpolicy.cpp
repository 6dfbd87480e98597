// Which proxy DHCP reply each kind of client gets (DESIGN.md, wire contract), with the
// firmware packets captured in tests/data/dhcp where we have them.

#include "boot/bootpolicy.h"
#include "testutil.h"

#include <QTest>

using namespace Nbc;
using namespace Nbc::Boot;
using Dhcp::MessageType;
using Dhcp::OptionCode;
using Dhcp::Packet;

Q_DECLARE_METATYPE(Nbc::Boot::DhcpPort)

namespace {

const QHostAddress kServer(QStringLiteral("10.77.0.1"));

BootSnapshot snapshot()
{
    BootSnapshot s;
    s.interfaceName = QStringLiteral("eth1");
    s.serverAddress = kServer;
    s.ports.http = 8080;
    return s;
}

Packet captured(const QString &file)
{
    const Dhcp::Result<Packet> p = Packet::parse(TestUtil::readHexData(QStringLiteral("dhcp/") + file));
    if (!p.ok())
        qFatal("cannot parse %s", qPrintable(file));
    return p.value();
}

// A client message built by hand: vendor class, arch, user class, 175, GUID as asked.
Packet client(MessageType type, const QByteArray &vendorClass, int arch, const QByteArray &userClass = {},
              bool ipxeEncap = false, bool guid = true)
{
    Packet p;
    p.xid = 0x11223344;
    p.flags = 0x8000;
    p.chaddr = QByteArray::fromHex("525400aabbcc");
    p.setMessageType(type);
    if (!vendorClass.isEmpty())
        p.setOption(OptionCode::VendorClass, vendorClass);
    if (arch >= 0)
        p.setOption(OptionCode::ClientArch, QByteArray(1, char(arch >> 8)) + char(arch & 0xff));
    if (!userClass.isEmpty())
        p.setOption(OptionCode::UserClass, userClass);
    if (ipxeEncap)
        p.setOption(OptionCode::IpxeEncap, QByteArray::fromHex("b10501808610") );
    if (guid)
        p.setOption(OptionCode::ClientGuid, QByteArray(1, 0) + QByteArray::fromHex("a1a2a3a4b1b2c1c2d1d2e1e2e3e4e5e6"));
    return p;
}

} // namespace

class tst_BootPolicy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void replies_data()
    {
        QTest::addColumn<Packet>("request");
        QTest::addColumn<DhcpPort>("port");
        QTest::addColumn<int>("replyType");        // 0: no reply
        QTest::addColumn<QString>("file");         // or the no-reply reason
        QTest::addColumn<QString>("vendorClass");
        QTest::addColumn<bool>("option43");
        QTest::addColumn<QString>("firmware");

        const QString script = QStringLiteral("http://10.77.0.1:8080/boot.ipxe");
        const QString pxe = QStringLiteral("PXEClient");
        const auto d = DhcpPort::Dhcp;
        const auto p = DhcpPort::Proxy;
        const int offer = int(MessageType::Offer);
        const int ack = int(MessageType::Ack);

        // Real firmware.
        QTest::newRow("captured-bios-ipxe") << captured(QStringLiteral("bios-ipxe-discover.hex")) << d << offer
                                            << script << pxe << false << QStringLiteral("ipxe");
        QTest::newRow("captured-bios-ipxe-request-67") << captured(QStringLiteral("bios-ipxe-request.hex")) << d << ack
                                                       << script << pxe << false << QStringLiteral("ipxe");
        QTest::newRow("captured-efi-ipxe") << captured(QStringLiteral("ovmf-ipxe-efi-discover.hex")) << d << offer
                                           << script << pxe << false << QStringLiteral("ipxe");
        QTest::newRow("captured-ovmf-pxe") << captured(QStringLiteral("ovmf-pxe-discover.hex")) << d << offer
                                           << QStringLiteral("ipxe.efi") << pxe << false << QStringLiteral("uefi");
        QTest::newRow("captured-ovmf-4011") << captured(QStringLiteral("ovmf-pxe-request-4011.hex")) << p << ack
                                            << QStringLiteral("ipxe.efi") << pxe << false << QStringLiteral("uefi");
        QTest::newRow("captured-ovmf-request-67") << captured(QStringLiteral("ovmf-pxe-request-67.hex")) << d << ack
                                                  << QStringLiteral("ipxe.efi") << pxe << false << QStringLiteral("uefi");
        QTest::newRow("captured-ovmf-http") << captured(QStringLiteral("ovmf-http-discover.hex")) << d << offer
                                            << QStringLiteral("http://10.77.0.1:8080/ipxe.efi")
                                            << QStringLiteral("HTTPClient") << false << QStringLiteral("uefi");

        // By hand.
        QTest::newRow("bios-pxe-rom") << client(MessageType::Discover, "PXEClient:Arch:00000:UNDI:002001", 0) << d
                                      << offer << QStringLiteral("undionly.kpxe") << pxe << true << QStringLiteral("bios");
        QTest::newRow("bios-no-arch-option") << client(MessageType::Discover, "PXEClient", -1) << d << offer
                                             << QStringLiteral("undionly.kpxe") << pxe << true << QStringLiteral("bios");
        QTest::newRow("bios-request-67") << client(MessageType::Request, "PXEClient:Arch:00000:UNDI:002001", 0) << d
                                         << ack << QStringLiteral("undionly.kpxe") << pxe << true << QStringLiteral("bios");
        QTest::newRow("bios-4011") << client(MessageType::Request, "PXEClient:Arch:00000:UNDI:002001", 0) << p
                                   << ack << QStringLiteral("undionly.kpxe") << pxe << false << QStringLiteral("bios");
        QTest::newRow("uefi-7") << client(MessageType::Discover, "PXEClient:Arch:00007:UNDI:003000", 7) << d << offer
                                << QStringLiteral("ipxe.efi") << pxe << false << QStringLiteral("uefi");
        QTest::newRow("uefi-9") << client(MessageType::Discover, "PXEClient:Arch:00009:UNDI:003000", 9) << d << offer
                                << QStringLiteral("ipxe.efi") << pxe << false << QStringLiteral("uefi");
        QTest::newRow("uefi-9-4011") << client(MessageType::Request, "PXEClient:Arch:00009:UNDI:003000", 9) << p << ack
                                     << QStringLiteral("ipxe.efi") << pxe << false << QStringLiteral("uefi");
        QTest::newRow("ipxe-user-class-bios") << client(MessageType::Discover, "PXEClient:Arch:00000:UNDI:002001", 0, "iPXE")
                                              << d << offer << script << pxe << false << QStringLiteral("ipxe");
        QTest::newRow("ipxe-rfc3004-user-class") << client(MessageType::Discover, "PXEClient", 7, "\x04iPXE")
                                                 << d << offer << script << pxe << false << QStringLiteral("ipxe");
        QTest::newRow("ipxe-option-175-only") << client(MessageType::Discover, "PXEClient:Arch:00007:UNDI:003010", 7, {}, true)
                                              << d << offer << script << pxe << false << QStringLiteral("ipxe");
        QTest::newRow("ipxe-4011-request") << client(MessageType::Request, "PXEClient:Arch:00000:UNDI:002001", 0, "iPXE", true)
                                           << p << ack << script << pxe << false << QStringLiteral("ipxe");

        // No reply.
        QTest::newRow("not-pxe") << client(MessageType::Discover, "MSFT 5.0", -1) << d << 0
                                 << QStringLiteral("not-pxe") << QString() << false << QStringLiteral("bios");
        QTest::newRow("no-vendor-class") << client(MessageType::Discover, {}, 0) << d << 0
                                         << QStringLiteral("not-pxe") << QString() << false << QStringLiteral("bios");
        QTest::newRow("pxeclient-not-prefix") << client(MessageType::Discover, "xPXEClient", 0) << d << 0
                                              << QStringLiteral("not-pxe") << QString() << false << QStringLiteral("bios");
        QTest::newRow("arm64-uefi") << client(MessageType::Discover, "PXEClient:Arch:00011:UNDI:003000", 11) << d << 0
                                    << QStringLiteral("unsupported-arch") << QString() << false << QStringLiteral("unknown");
        QTest::newRow("http-arch-without-httpclient") << client(MessageType::Discover, "PXEClient", 16) << d << 0
                                                      << QStringLiteral("unsupported-arch") << QString() << false
                                                      << QStringLiteral("uefi");
        QTest::newRow("inform") << client(MessageType::Inform, "PXEClient", 0) << d << 0
                                << QStringLiteral("unexpected-message") << QString() << false << QStringLiteral("bios");
        QTest::newRow("release") << client(MessageType::Release, "PXEClient", 0) << d << 0
                                 << QStringLiteral("unexpected-message") << QString() << false << QStringLiteral("bios");
        QTest::newRow("discover-on-4011") << client(MessageType::Discover, "PXEClient", 7) << p << 0
                                          << QStringLiteral("unexpected-message") << QString() << false
                                          << QStringLiteral("uefi");
        Packet forLocalServer = client(MessageType::Request, "PXEClient:Arch:00007:UNDI:003000", 7);
        forLocalServer.setAddressOption(OptionCode::ServerId, kServer.toIPv4Address());
        QTest::newRow("request-67-for-local-server") << forLocalServer << d << 0
                                                     << QStringLiteral("request-for-local-server") << QString() << false
                                                     << QStringLiteral("uefi");
        QTest::newRow("request-4011-naming-us") << forLocalServer << p << ack << QStringLiteral("ipxe.efi") << pxe
                                                << false << QStringLiteral("uefi");
        Packet reply = client(MessageType::Offer, "PXEClient", 0);
        reply.op = Packet::kBootReply;
        QTest::newRow("another-servers-offer") << reply << d << 0 << QStringLiteral("not-request") << QString() << false
                                               << QStringLiteral("bios");
        Packet bootp = client(MessageType::Discover, "PXEClient", 0);
        bootp.removeOption(OptionCode::MessageType);
        QTest::newRow("plain-bootp") << bootp << d << 0 << QStringLiteral("bootp") << QString() << false
                                     << QStringLiteral("bios");
    }
    void replies()
    {
        QFETCH(Packet, request);
        QFETCH(DhcpPort, port);
        QFETCH(int, replyType);
        QFETCH(QString, file);
        QFETCH(QString, vendorClass);
        QFETCH(bool, option43);
        QFETCH(QString, firmware);

        const BootDecision d = decideDhcp(request, port, snapshot());
        QCOMPARE(d.facts.eventFacts().value(QStringLiteral("firmware")).toString(), firmware);
        if (replyType == 0) {
            QVERIFY(!d.reply);
            QCOMPARE(d.reason, file);
            QVERIFY(!d.detail.isEmpty());
            return;
        }
        QVERIFY2(d.reply, qPrintable(d.reason + QStringLiteral(": ") + d.detail));
        QCOMPARE(d.bootFile, file);
        const Packet &r = *d.reply;
        QCOMPARE(int(r.messageType().value()), replyType);
        QCOMPARE(r.op, Packet::kBootReply);
        QCOMPARE(r.xid, request.xid);
        QCOMPARE(r.chaddr, request.chaddr);
        QCOMPARE(r.flags, request.flags);
        QCOMPARE(r.yiaddr, 0u);                             // never assign an address
        QCOMPARE(r.ciaddr, 0u);
        QCOMPARE(r.siaddr, kServer.toIPv4Address());
        QCOMPARE(r.serverId().value_or(0), kServer.toIPv4Address());
        QCOMPARE(r.option(OptionCode::BootFileName).value_or(QByteArray()), file.toUtf8());
        QCOMPARE(r.file, file.toUtf8());                    // BOOTP field too
        QCOMPARE(r.vendorClass(), vendorClass);
        QCOMPARE(r.hasOption(OptionCode::ClientGuid), request.hasOption(OptionCode::ClientGuid));
        if (request.hasOption(OptionCode::ClientGuid))
            QCOMPARE(*r.option(OptionCode::ClientGuid), *request.option(OptionCode::ClientGuid));
        QCOMPARE(r.hasOption(OptionCode::VendorSpecific), option43);
        if (option43) {
            // Discovery control 8 only: boot the file in this offer, and no menu.
            const auto pxe = Dhcp::parsePxeVendorOptions(*r.option(OptionCode::VendorSpecific));
            QVERIFY(pxe.ok());
            QCOMPARE(pxe->discoveryControl, std::optional<quint8>(8));
            QVERIFY(!pxe->hasMenu());
        }
        // What we say must survive our own encoder and parser unchanged.
        const Dhcp::Result<QByteArray> wire = r.build();
        QVERIFY(wire.ok());
        const Dhcp::Result<Packet> back = Packet::parse(wire.value());
        QVERIFY(back.ok());
        QVERIFY(back.value() == r);
    }

    void guidAbsentIsTolerated()
    {
        const BootDecision d = decideDhcp(client(MessageType::Discover, "PXEClient:Arch:00007:UNDI:003000", 7, {}, false, false),
                                          DhcpPort::Dhcp, snapshot());
        QVERIFY(d.reply);
        QVERIFY(!d.reply->hasOption(OptionCode::ClientGuid));
        QVERIFY(!d.facts.eventFacts().contains(QStringLiteral("guid")));
    }

    void requestReportsTheAddress()
    {
        // OVMF's REQUEST on 67 names the address the site's DHCP server offered it.
        const BootDecision onDhcp = decideDhcp(captured(QStringLiteral("ovmf-pxe-request-67.hex")), DhcpPort::Dhcp, snapshot());
        QCOMPARE(QHostAddress(onDhcp.facts.requestedAddress), QHostAddress(QStringLiteral("10.88.0.67")));
        // On 4011 it has the address already, as ciaddr.
        const BootDecision on4011 = decideDhcp(captured(QStringLiteral("ovmf-pxe-request-4011.hex")), DhcpPort::Proxy, snapshot());
        QCOMPARE(QHostAddress(on4011.facts.requestedAddress), QHostAddress(QStringLiteral("10.88.0.67")));
        QCOMPARE(on4011.facts.ciaddr, QHostAddress(QStringLiteral("10.88.0.67")).toIPv4Address());
    }

    void eventFacts()
    {
        const BootDecision d = decideDhcp(captured(QStringLiteral("bios-ipxe-discover.hex")), DhcpPort::Dhcp, snapshot());
        const QVariantMap f = d.facts.eventFacts();
        QCOMPARE(f.value(QStringLiteral("arch")).toInt(), 0);
        QCOMPARE(f.value(QStringLiteral("vendorClass")).toString(), QStringLiteral("PXEClient:Arch:00000:UNDI:002001"));
        QCOMPARE(f.value(QStringLiteral("userClass")).toString(), QStringLiteral("iPXE"));
        QCOMPARE(f.value(QStringLiteral("guid")).toString(), QStringLiteral("00000000-0000-0000-0000-000000000000"));
        QCOMPARE(f.value(QStringLiteral("firmware")).toString(), QStringLiteral("ipxe"));
        QCOMPARE(d.facts.mac, QStringLiteral("52:54:00:88:00:01"));
    }

    void noServerAddressNoReply()
    {
        BootSnapshot s = snapshot();
        s.serverAddress = QHostAddress(QStringLiteral("fd00::1"));
        const BootDecision d = decideDhcp(client(MessageType::Discover, "PXEClient", 0), DhcpPort::Dhcp, s);
        QVERIFY(!d.reply);
        QCOMPARE(d.reason, QStringLiteral("no-server-address"));
    }

    void scriptUrlFollowsTheSnapshot()
    {
        BootSnapshot s = snapshot();
        s.serverAddress = QHostAddress(QStringLiteral("192.0.2.7"));
        s.ports.http = 18080;
        const BootDecision d = decideDhcp(client(MessageType::Discover, "PXEClient", 7, "iPXE"), DhcpPort::Dhcp, s);
        QVERIFY(d.reply);
        QCOMPARE(d.bootFile, QStringLiteral("http://192.0.2.7:18080/boot.ipxe"));
        QCOMPARE(d.reply->siaddr, s.serverAddress.toIPv4Address());
    }
};

QTEST_GUILESS_MAIN(tst_BootPolicy)
#include "tst_bootpolicy.moc"
