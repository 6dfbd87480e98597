// The DHCP codec against packets captured from real firmware (tests/data/dhcp/*.hex, each
// with a header saying how it was captured; capture.sh re-creates them) and against a
// table of malformed packets that must each give the right error and never crash.

#include "protocol/dhcp/dhcpoptions.h"
#include "protocol/dhcp/dhcppacket.h"
#include "testutil.h"

#include <QRandomGenerator>
#include <QTest>
#include <QtEndian>

using namespace Nbc::Dhcp;

Q_DECLARE_METATYPE(Nbc::Dhcp::ErrorCode)
Q_DECLARE_METATYPE(Nbc::Dhcp::ErrorLevel)

namespace {

constexpr quint32 ip(int a, int b, int c, int d)
{
    return quint32(a) << 24 | quint32(b) << 16 | quint32(c) << 8 | quint32(d);
}

// A minimal valid DHCPDISCOVER: BOOTP header, cookie, then `options` (no end added).
QByteArray wire(const QByteArray &options, int size = 240)
{
    QByteArray b(size, '\0');
    b[0] = 1;
    b[1] = 1;
    b[2] = 6;
    const char mac[] = {0x52, 0x54, 0x00, 0x12, 0x34, 0x56};
    b.replace(28, 6, QByteArray(mac, 6));
    qToBigEndian<quint32>(0x63825363, b.data() + 236);
    return b.left(240) + options + b.mid(240);
}

QByteArray opt(int code, const QByteArray &data)
{
    return QByteArray(1, char(code)) + char(data.size()) + data;
}

QByteArray discoverType()
{
    return opt(53, QByteArray(1, 1));
}

// The index just past the end option of a captured options field.
qsizetype endOfOptions(const QByteArray &bytes)
{
    qsizetype pos = 240;
    while (pos < bytes.size()) {
        const quint8 c = quint8(bytes.at(pos));
        if (c == 255)
            return pos + 1;
        pos += c == 0 ? 1 : 2 + quint8(bytes.at(pos + 1));
    }
    return -1;
}

} // namespace

class tst_DhcpPacket : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void capturedFirmware_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("type");
        QTest::addColumn<QString>("mac");
        QTest::addColumn<int>("arch");
        QTest::addColumn<QString>("vendorClass");
        QTest::addColumn<QStringList>("userClasses");
        QTest::addColumn<bool>("ipxeOptions");
        QTest::addColumn<quint32>("ciaddr");
        QTest::addColumn<quint32>("requested");
        QTest::addColumn<quint16>("flags");

        QTest::newRow("bios-ipxe-discover") << QStringLiteral("bios-ipxe-discover.hex") << 1
            << QStringLiteral("52:54:00:88:00:01") << 0 << QStringLiteral("PXEClient:Arch:00000:UNDI:002001")
            << QStringList{QStringLiteral("iPXE")} << true << 0u << 0u << quint16(0);
        QTest::newRow("bios-ipxe-request") << QStringLiteral("bios-ipxe-request.hex") << 3
            << QStringLiteral("52:54:00:88:00:05") << 0 << QStringLiteral("PXEClient:Arch:00000:UNDI:002001")
            << QStringList{QStringLiteral("iPXE")} << true << 0u << ip(10, 88, 0, 69) << quint16(0);
        QTest::newRow("ovmf-ipxe-efi-discover") << QStringLiteral("ovmf-ipxe-efi-discover.hex") << 1
            << QStringLiteral("52:54:00:88:00:04") << 7 << QStringLiteral("PXEClient:Arch:00007:UNDI:003010")
            << QStringList{QStringLiteral("iPXE")} << true << 0u << 0u << quint16(0);
        QTest::newRow("ovmf-pxe-discover") << QStringLiteral("ovmf-pxe-discover.hex") << 1
            << QStringLiteral("52:54:00:88:00:02") << 7 << QStringLiteral("PXEClient:Arch:00007:UNDI:003000")
            << QStringList() << false << 0u << 0u << quint16(0x8000);
        QTest::newRow("ovmf-pxe-request-67") << QStringLiteral("ovmf-pxe-request-67.hex") << 3
            << QStringLiteral("52:54:00:88:00:03") << 7 << QStringLiteral("PXEClient:Arch:00007:UNDI:003000")
            << QStringList() << false << 0u << ip(10, 88, 0, 67) << quint16(0x8000);
        QTest::newRow("ovmf-pxe-request-4011") << QStringLiteral("ovmf-pxe-request-4011.hex") << 3
            << QStringLiteral("52:54:00:88:00:03") << 7 << QStringLiteral("PXEClient:Arch:00007:UNDI:003000")
            << QStringList() << false << ip(10, 88, 0, 67) << 0u << quint16(0);
        QTest::newRow("ovmf-http-discover") << QStringLiteral("ovmf-http-discover.hex") << 1
            << QStringLiteral("52:54:00:88:00:03") << 16 << QStringLiteral("HTTPClient:Arch:00016:UNDI:003000")
            << QStringList() << false << 0u << 0u << quint16(0x8000);
    }
    void capturedFirmware()
    {
        QFETCH(QString, file);
        QFETCH(int, type);
        QFETCH(QString, mac);
        QFETCH(int, arch);
        QFETCH(QString, vendorClass);
        QFETCH(QStringList, userClasses);
        QFETCH(bool, ipxeOptions);
        QFETCH(quint32, ciaddr);
        QFETCH(quint32, requested);
        QFETCH(quint16, flags);

        const QByteArray bytes = TestUtil::readHexData(QStringLiteral("dhcp/") + file);
        QVERIFY(bytes.size() >= 300);
        const Result<Packet> parsed = Packet::parse(bytes);
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : qPrintable(parsed.error().text));
        const Packet &p = parsed.value();
        QVERIFY(p.issues.isEmpty());
        QCOMPARE(p.op, Packet::kBootRequest);
        QCOMPARE(int(p.messageType().value()), type);
        QCOMPARE(p.mac(), mac);
        QCOMPARE(int(p.clientArch().value()), arch);
        QCOMPARE(p.vendorClass(), vendorClass);
        QCOMPARE(p.userClasses(), userClasses);
        QCOMPARE(p.hasOption(OptionCode::IpxeEncap), ipxeOptions);
        QCOMPARE(p.ciaddr, ciaddr);
        QCOMPARE(p.requestedAddress().value_or(0), requested);
        QCOMPARE(p.flags, flags);
        QCOMPARE(p.yiaddr, 0u);
        QCOMPARE(p.clientGuid().size(), 16);   // QEMU has no SMBIOS UUID set: all zeros
        QCOMPARE(p.option(OptionCode::ClientNdi).value_or(QByteArray()).size(), 3);
        if (ipxeOptions) {
            const auto subs = parseSubOptions(*p.option(OptionCode::IpxeEncap));
            QVERIFY(subs.ok());
            QVERIFY(subs.value().size() > 5);   // iPXE's feature flags
        }
    }

    // Wire bytes -> object -> wire bytes: identical up to the end option (the firmware
    // pads with zeros; we pad to the 300-byte BOOTP minimum).
    void capturedRoundTrip_data()
    {
        QTest::addColumn<QString>("file");
        for (const char *name : {"bios-ipxe-discover.hex", "bios-ipxe-request.hex", "ovmf-ipxe-efi-discover.hex",
                                 "ovmf-pxe-discover.hex",
                                 "ovmf-pxe-request-67.hex",
                                 "ovmf-pxe-request-4011.hex", "ovmf-http-discover.hex", "dnsmasq-offer.hex"})
            QTest::newRow(name) << QString::fromLatin1(name);
    }
    void capturedRoundTrip()
    {
        QFETCH(QString, file);
        const QByteArray bytes = TestUtil::readHexData(QStringLiteral("dhcp/") + file);
        const Result<Packet> parsed = Packet::parse(bytes);
        QVERIFY(parsed.ok());
        const Result<QByteArray> built = parsed.value().build(1472);
        QVERIFY(built.ok());
        const qsizetype end = endOfOptions(bytes);
        QVERIFY(end > 240);
        QCOMPARE(built.value().left(end).toHex(' '), bytes.left(end).toHex(' '));
        QCOMPARE(built.value().size(), qMax<qsizetype>(end, Packet::kBootpMinimumSize));
        QCOMPARE(bytes.mid(end), QByteArray(bytes.size() - end, '\0'));
        const Result<Packet> again = Packet::parse(built.value());
        QVERIFY(again.ok());
        QVERIFY(again.value() == parsed.value());
    }

    void serverReplyFromDnsmasq()
    {
        const Result<Packet> parsed = Packet::parse(TestUtil::readHexData(QStringLiteral("dhcp/dnsmasq-offer.hex")));
        QVERIFY(parsed.ok());
        const Packet &p = parsed.value();
        QCOMPARE(p.op, Packet::kBootReply);
        QCOMPARE(p.messageType(), std::optional(MessageType::Offer));
        QCOMPARE(p.serverId().value_or(0), ip(10, 88, 0, 1));
        QCOMPARE(p.siaddr, ip(10, 88, 0, 1));
        QCOMPARE(p.yiaddr, ip(10, 88, 0, 67));
        QCOMPARE(p.vendorClass(), QStringLiteral("PXEClient"));
    }

    // Object -> wire -> object.
    void objectRoundTrip()
    {
        Packet p;
        p.op = Packet::kBootReply;
        p.xid = 0xdeadbeef;
        p.secs = 3;
        p.flags = 0x8000;
        p.ciaddr = ip(10, 0, 0, 5);
        p.siaddr = ip(10, 0, 0, 1);
        p.giaddr = ip(10, 0, 1, 1);
        p.chaddr = QByteArray::fromHex("525400abcdef");
        p.sname = "server";
        p.file = "undionly.kpxe";
        p.setMessageType(MessageType::Offer);
        p.setAddressOption(OptionCode::ServerId, ip(10, 0, 0, 1));
        p.setOption(OptionCode::VendorClass, "PXEClient");
        p.setOption(OptionCode::BootFileName, "undionly.kpxe");
        p.setOption(OptionCode::Hostname, "worker-1");
        p.setOption(OptionCode::TftpServerName, "10.0.0.1");
        p.setOption(OptionCode::ClientGuid, QByteArray(1, 0) + QByteArray::fromHex("00112233445566778899aabbccddeeff"));
        p.setOption(OptionCode::VendorSpecific, buildSubOptions({{6, QByteArray(1, 8)}}));
        p.setOption(200, QByteArray());   // zero-length options are legal
        const Result<QByteArray> built = p.build();
        QVERIFY(built.ok());
        QVERIFY(built.value().size() >= Packet::kBootpMinimumSize);
        QCOMPARE(quint8(built.value().at(240)), quint8(53));   // message type first, as set
        const Result<Packet> parsed = Packet::parse(built.value());
        QVERIFY(parsed.ok());
        QVERIFY(parsed.value().issues.isEmpty());
        QVERIFY(parsed.value() == p);
        QCOMPARE(parsed.value().clientGuid().toHex(), QByteArray("00112233445566778899aabbccddeeff"));
        QCOMPARE(parsed.value().optionCodes(), p.optionCodes());
    }

    // RFC 3396: an option longer than 255 bytes goes out as consecutive instances and
    // comes back joined.
    void longOptionsAreSplitAndJoined()
    {
        Packet p;
        p.chaddr = QByteArray::fromHex("525400abcdef");
        p.setMessageType(MessageType::Ack);
        QByteArray longValue;
        for (int i = 0; i < 600; ++i)
            longValue.append(char('a' + i % 26));
        p.setOption(OptionCode::BootFileName, longValue);
        const Result<QByteArray> built = p.build(1472);
        QVERIFY(built.ok());
        // 255 + 255 + 90 bytes, each with its own code and length.
        const QByteArray &w = built.value();
        QCOMPARE(quint8(w.at(243)), quint8(67));
        QCOMPARE(quint8(w.at(244)), quint8(255));
        QCOMPARE(quint8(w.at(243 + 257)), quint8(67));
        QCOMPARE(quint8(w.at(244 + 257)), quint8(255));
        QCOMPARE(quint8(w.at(243 + 514)), quint8(67));
        QCOMPARE(quint8(w.at(244 + 514)), quint8(90));
        const Result<Packet> parsed = Packet::parse(w);
        QVERIFY(parsed.ok());
        QCOMPARE(parsed.value().option(OptionCode::BootFileName).value(), longValue);
    }

    // Options that do not fit the options field spill into file, then sname (RFC 2131 4.1,
    // RFC 3396 7), and parse back in the same order.
    void overloadOnBuild()
    {
        Packet p;
        p.chaddr = QByteArray::fromHex("525400abcdef");
        p.setMessageType(MessageType::Offer);
        for (int code = 128; code < 138; ++code)
            p.setOption(code, QByteArray(40, char(code)));   // 10 x 42 bytes > 307
        const Result<QByteArray> built = p.build();
        QVERIFY(built.ok());
        QVERIFY(built.value().size() <= Packet::kDefaultMaxSize);
        const Result<Packet> parsed = Packet::parse(built.value());
        QVERIFY(parsed.ok());
        QVERIFY(parsed.value().issues.isEmpty());
        QVERIFY(parsed.value() == p);
        QCOMPARE(parsed.value().optionCodes(), p.optionCodes());
        QVERIFY(!parsed.value().hasOption(OptionCode::Overload));   // framing, not content

        // Not even file and sname are enough.
        for (int code = 138; code < 148; ++code)
            p.setOption(code, QByteArray(40, char(code)));
        const Result<QByteArray> tooBig = p.build();
        QVERIFY(!tooBig.ok());
        QCOMPARE(tooBig.error().code, ErrorCode::DoesNotFit);
        QVERIFY(p.build(1472).ok());
    }

    void overloadOnParse()
    {
        // Option 60 split over the options field, file and sname: joined in that order.
        QByteArray b = wire(discoverType() + opt(52, QByteArray(1, 3)) + opt(60, "PXE") + char(255), 300);
        const QByteArray fileArea = opt(60, "Client") + opt(93, QByteArray(2, 0)) + char(255);
        const QByteArray snameArea = opt(60, ":Arch") + char(255);
        b.replace(108, fileArea.size(), fileArea);
        b.replace(44, snameArea.size(), snameArea);
        const Result<Packet> parsed = Packet::parse(b);
        QVERIFY(parsed.ok());
        QVERIFY(parsed.value().issues.isEmpty());
        QCOMPARE(parsed.value().vendorClass(), QStringLiteral("PXEClient:Arch"));
        QCOMPARE(parsed.value().clientArch(), std::optional<quint16>(0));
        QVERIFY(parsed.value().file.isEmpty());
        QVERIFY(parsed.value().sname.isEmpty());
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<ErrorLevel>("level");

        const auto drop = ErrorLevel::DropPacket;
        const auto stop = ErrorLevel::StopOptions;
        const auto skip = ErrorLevel::SkipOption;
        const QByteArray good = wire(discoverType() + char(255), 300);

        QTest::newRow("zero-length") << QByteArray() << ErrorCode::Empty << drop;
        QTest::newRow("one-byte") << QByteArray(1, 1) << ErrorCode::TruncatedHeader << drop;
        QTest::newRow("truncated-header") << good.left(100) << ErrorCode::TruncatedHeader << drop;
        QTest::newRow("no-cookie") << good.left(236) << ErrorCode::TruncatedHeader << drop;
        QTest::newRow("half-cookie") << good.left(238) << ErrorCode::TruncatedHeader << drop;
        QByteArray badCookie = good;
        badCookie[239] = 0x64;
        QTest::newRow("bad-magic-cookie") << badCookie << ErrorCode::BadMagicCookie << drop;
        QByteArray badOp = good;
        badOp[0] = 3;
        QTest::newRow("bad-op") << badOp << ErrorCode::BadOperation << drop;
        QByteArray badHlen = good;
        badHlen[2] = 17;
        QTest::newRow("hlen-17") << badHlen << ErrorCode::BadHardwareLength << drop;
        QTest::newRow("larger-than-udp") << wire(discoverType(), 70000) << ErrorCode::TooLarge << drop;

        QTest::newRow("option-length-past-end")
            << wire(discoverType() + char(60) + char(200) + "PXEClient") << ErrorCode::OptionLengthPastEnd << stop;
        QTest::newRow("option-without-length")
            << wire(discoverType() + char(60)) << ErrorCode::OptionLengthPastEnd << stop;
        QTest::newRow("huge-option-count")
            << wire(discoverType() + QByteArray(4000, '\0').replace(QByteArray(2, '\0'), QByteArray("\xc8\x00", 2)))
            << ErrorCode::TooManyOptions << stop;
        QTest::newRow("overload-value-9")
            << wire(discoverType() + opt(52, QByteArray(1, 9)) + char(255), 300) << ErrorCode::BadOverload << skip;
        QTest::newRow("overload-length-2")
            << wire(discoverType() + opt(52, QByteArray(2, 1)) + char(255), 300) << ErrorCode::BadOverload << skip;
        // Overload says file holds options; what is there claims 200 bytes of a 128-byte field.
        QByteArray garbageFile = wire(discoverType() + opt(52, QByteArray(1, 1)) + char(255), 300);
        garbageFile.replace(108, 6, QByteArray("\x43\xc8" "boot", 6));
        QTest::newRow("overload-to-garbage") << garbageFile << ErrorCode::OptionLengthPastEnd << stop;
        QByteArray nestedOverload = wire(discoverType() + opt(52, QByteArray(1, 1)) + char(255), 300);
        nestedOverload.replace(108, 4, QByteArray(opt(52, QByteArray(1, 2)) + char(255)));
        QTest::newRow("overload-inside-file") << nestedOverload << ErrorCode::BadOverload << skip;
        QTest::newRow("message-type-2-bytes")
            << wire(opt(53, QByteArray(2, 1)) + char(255), 300) << ErrorCode::BadOptionLength << skip;
        QTest::newRow("message-type-empty")
            << wire(opt(53, QByteArray()) + char(255), 300) << ErrorCode::BadOptionLength << skip;
        QTest::newRow("arch-odd-length")
            << wire(discoverType() + opt(93, QByteArray(3, 0)) + char(255), 300) << ErrorCode::BadOptionLength << skip;
        QTest::newRow("server-id-3-bytes")
            << wire(discoverType() + opt(54, QByteArray(3, 1)) + char(255), 300) << ErrorCode::BadOptionLength << skip;
        QTest::newRow("guid-5-bytes")
            << wire(discoverType() + opt(97, QByteArray(5, 0)) + char(255), 300) << ErrorCode::BadOptionLength << skip;
    }
    void malformed()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(ErrorCode, code);
        QFETCH(ErrorLevel, level);
        const Result<Packet> parsed = Packet::parse(bytes);
        if (level == ErrorLevel::DropPacket) {
            QVERIFY(!parsed.ok());
            QCOMPARE(parsed.error().code, code);
            QCOMPARE(parsed.error().level, level);
            QVERIFY(!parsed.error().text.isEmpty());
            return;
        }
        QVERIFY(parsed.ok());
        const QList<Error> &issues = parsed.value().issues;
        QCOMPARE(issues.size(), 1);
        QCOMPARE(issues.first().code, code);
        QCOMPARE(issues.first().level, level);
        QVERIFY(!issues.first().text.isEmpty());
        // What came before the bad part survives, unless it was the bad part itself.
        const bool messageTypeIsBad = bytes.at(240) == char(53) && bytes.at(241) != char(1);
        QCOMPARE(parsed.value().messageType().has_value(), !messageTypeIsBad);
    }

    void skippedOptionLeavesTheRest()
    {
        const Result<Packet> parsed =
            Packet::parse(wire(discoverType() + opt(93, QByteArray(3, 0)) + opt(60, "PXEClient") + char(255), 300));
        QVERIFY(parsed.ok());
        QVERIFY(!parsed.value().clientArch());
        QCOMPARE(parsed.value().vendorClass(), QStringLiteral("PXEClient"));
        QCOMPARE(parsed.value().messageType(), std::optional(MessageType::Discover));
    }

    void stoppedOptionsKeepWhatCameBefore()
    {
        const Result<Packet> parsed =
            Packet::parse(wire(discoverType() + opt(60, "PXEClient") + char(77) + char(50) + "iP"));
        QVERIFY(parsed.ok());
        QCOMPARE(parsed.value().vendorClass(), QStringLiteral("PXEClient"));
        QVERIFY(!parsed.value().hasOption(OptionCode::UserClass));
        QCOMPARE(parsed.value().issues.first().code, ErrorCode::OptionLengthPastEnd);
    }

    void noEndOptionIsTolerated()
    {
        const Result<Packet> parsed = Packet::parse(wire(discoverType() + opt(60, "PXEClient")));
        QVERIFY(parsed.ok());
        QVERIFY(parsed.value().issues.isEmpty());
        QCOMPARE(parsed.value().vendorClass(), QStringLiteral("PXEClient"));
    }

    void userClasses_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("ipxe-bare") << QByteArray("iPXE") << QStringList{QStringLiteral("iPXE")};
        QTest::newRow("rfc3004-one") << QByteArray("\x04iPXE", 5) << QStringList{QStringLiteral("iPXE")};
        QTest::newRow("rfc3004-two") << QByteArray("\x04iPXE\x03" "abc", 9)
                                     << QStringList{QStringLiteral("iPXE"), QStringLiteral("abc")};
        QTest::newRow("zero-length-entry") << QByteArray("\x00x", 2) << QStringList{QString::fromLatin1("\x00x", 2)};
    }
    void userClasses()
    {
        QFETCH(QByteArray, data);
        QFETCH(QStringList, expected);
        Packet p;
        p.setOption(OptionCode::UserClass, data);
        QCOMPARE(p.userClasses(), expected);
    }

    void pxeVendorOptions()
    {
        QByteArray servers;
        servers += QByteArray::fromHex("8000") + char(2) + QByteArray::fromHex("0a000001") + QByteArray::fromHex("0a000002");
        QByteArray menu = QByteArray::fromHex("8000") + char(7) + "Netboot";
        const QByteArray data = buildSubOptions({{6, QByteArray(1, 3)},
                                                 {8, servers},
                                                 {9, menu},
                                                 {10, QByteArray(1, 5) + "Press F8"},
                                                 {71, QByteArray::fromHex("80000000")}});
        QCOMPARE(quint8(data.back()), quint8(255));
        const Result<PxeVendorOptions> pxe = parsePxeVendorOptions(data);
        QVERIFY(pxe.ok());
        QCOMPARE(pxe->discoveryControl, std::optional<quint8>(3));
        QCOMPARE(pxe->bootServers.size(), 1);
        QCOMPARE(pxe->bootServers[0].type, quint16(0x8000));
        QCOMPARE(pxe->bootServers[0].addresses, (QList<quint32>{ip(10, 0, 0, 1), ip(10, 0, 0, 2)}));
        QCOMPARE(pxe->bootMenu.size(), 1);
        QCOMPARE(pxe->bootMenu[0].description, QByteArray("Netboot"));
        QCOMPARE(pxe->menuTimeout, std::optional<quint8>(5));
        QCOMPARE(pxe->menuPrompt, QByteArray("Press F8"));
        QCOMPARE(pxe->bootItemType, std::optional<quint16>(0x8000));
        QVERIFY(pxe->hasMenu());

        const Result<PxeVendorOptions> onlyControl = parsePxeVendorOptions(buildSubOptions({{6, QByteArray(1, 8)}}));
        QVERIFY(onlyControl.ok());
        QVERIFY(!onlyControl->hasMenu());
    }

    void badPxeVendorOptions_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::newRow("no-length") << QByteArray(1, 6);
        QTest::newRow("length-past-end") << QByteArray("\x06\x05\x08", 3);
        QTest::newRow("control-2-bytes") << QByteArray("\x06\x02\x08\x08", 4);
        QTest::newRow("servers-count-lies") << QByteArray("\x08\x07\x80\x00\x05\x0a\x00\x00\x01", 9);
        QTest::newRow("servers-truncated") << QByteArray("\x08\x02\x80\x00", 4);
        QTest::newRow("menu-description-lies") << QByteArray("\x09\x05\x80\x00\x09" "ab", 7);
        QTest::newRow("prompt-empty") << QByteArray("\x0a\x00", 2);
        QTest::newRow("boot-item-3-bytes") << QByteArray("\x47\x03\x80\x00\x00", 5);
    }
    void badPxeVendorOptions()
    {
        QFETCH(QByteArray, data);
        const Result<PxeVendorOptions> pxe = parsePxeVendorOptions(data);
        QVERIFY(!pxe.ok());
        QCOMPARE(pxe.error().code, ErrorCode::BadSubOption);
        QCOMPARE(pxe.error().level, ErrorLevel::SkipOption);
    }

    void optionTable()
    {
        QCOMPARE(optionName(53), QStringLiteral("message-type"));
        QCOMPARE(optionName(175), QStringLiteral("ipxe-encap"));
        QCOMPARE(optionName(201), QStringLiteral("option-201"));
        QVERIFY(optionDefinition(97));
        QVERIFY(optionDefinition(1));                          // subnet mask, sent in full mode
        QVERIFY(!optionDefinition(2));
        QVERIFY(optionPayloadValid(97, QByteArray(16, 0)));   // early ROMs omit the type byte
        QVERIFY(!optionPayloadValid(97, QByteArray(15, 0)));
        QVERIFY(!optionPayloadValid(1, QByteArray(3, 0)));
        QVERIFY(!optionPayloadValid(3, QByteArray(6, 0)));     // routers: a multiple of 4
        QVERIFY(optionPayloadValid(3, QByteArray(8, 0)));
        QVERIFY(optionPayloadValid(2, QByteArray()));          // unknown: opaque
    }

    // Every truncation and thousands of random corruptions of real packets: a result
    // or an error, never a crash (run under the sanitizer build too).
    void corruptedCapturesNeverCrash()
    {
        QRandomGenerator rng(20240531);
        int dropped = 0, parsed = 0;
        for (const char *name : {"bios-ipxe-discover.hex", "ovmf-pxe-discover.hex", "ovmf-pxe-request-4011.hex",
                                 "ovmf-http-discover.hex"}) {
            const QByteArray bytes = TestUtil::readHexData(QStringLiteral("dhcp/") + QLatin1String(name));
            for (qsizetype n = 0; n <= bytes.size(); ++n) {
                const Result<Packet> r = Packet::parse(bytes.left(n));
                (r.ok() ? parsed : dropped)++;
                QCOMPARE(r.ok(), n >= Packet::kMinimumSize);
            }
            for (int round = 0; round < 3000; ++round) {
                QByteArray mutated = bytes;
                const int flips = 1 + rng.bounded(8);
                for (int i = 0; i < flips; ++i) {
                    // Mostly the options area, where the lengths live.
                    const int at = rng.bounded(10) < 8 ? 240 + rng.bounded(int(bytes.size()) - 240)
                                                       : rng.bounded(int(bytes.size()));
                    mutated[at] = char(rng.bounded(256));
                }
                const Result<Packet> r = Packet::parse(mutated);
                if (r.ok()) {
                    ++parsed;
                    // Whatever parsed builds again and parses to the same object.
                    const Result<QByteArray> again = r.value().build(1472);
                    if (again.ok()) {
                        const Result<Packet> back = Packet::parse(again.value());
                        QVERIFY(back.ok());
                        QVERIFY(back.value() == r.value());
                    }
                } else {
                    ++dropped;
                }
            }
        }
        QVERIFY(parsed > 0);
        QVERIFY(dropped > 0);
    }
};

QTEST_GUILESS_MAIN(tst_DhcpPacket)
#include "tst_dhcppacket.moc"
