#include "protocol/tftp/netascii.h"
#include "protocol/tftp/tftppacket.h"
#include "testutil.h"

#include <QTest>

using namespace Nbc::Tftp;

Q_DECLARE_METATYPE(Nbc::Tftp::Packet)
Q_DECLARE_METATYPE(Nbc::Tftp::ParseError)

namespace {

QByteArray bytes(std::initializer_list<int> values)
{
    QByteArray out;
    for (const int v : values)
        out.append(char(v));
    return out;
}

} // namespace

class tst_TftpPacket : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // The same request held as captured wire bytes and as an object.
    void capturedRequests_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<Packet>("expected");
        QTest::newRow("curl blksize 1468")
            << QStringLiteral("tftp/rrq-curl-blksize1468.hex")
            << Packet::readRequest("undionly.kpxe", Mode::Octet,
                                   {{"tsize", "0"}, {"blksize", "1468"}, {"timeout", "6"}});
        QTest::newRow("curl default")
            << QStringLiteral("tftp/rrq-curl-default.hex")
            << Packet::readRequest("boot/pxelinux.0", Mode::Octet,
                                   {{"tsize", "0"}, {"blksize", "512"}, {"timeout", "6"}});
        QTest::newRow("atftp windowsize 8")
            << QStringLiteral("tftp/rrq-atftp-windowsize8.hex")
            << Packet::readRequest("ipxe.efi", Mode::Octet,
                                   {{"tsize", "0"}, {"blksize", "1468"}, {"windowsize", "8"}});
        // Built from the Raspberry Pi documentation, not captured (see the file's comment).
        QTest::newRow("raspberry pi 4 bootloader, serial folder")
            << QStringLiteral("tftp/rrq-rpi4-bootloader-start4.hex")
            << Packet::readRequest("9ffefdef/start4.elf", Mode::Octet);
    }
    void capturedRequests()
    {
        QFETCH(QString, file);
        QFETCH(Packet, expected);
        const QByteArray wire = TestUtil::readHexData(file);
        QVERIFY(!wire.isEmpty());
        const ParseResult parsed = Packet::parse(wire);
        QVERIFY2(parsed.ok(), qPrintable(parseErrorName(parsed.error)));
        QCOMPARE(parsed.packet, expected);
        QCOMPARE(expected.toBytes(), wire);
    }

    void roundTrip_data()
    {
        QTest::addColumn<Packet>("packet");
        QTest::addColumn<QByteArray>("wire");
        QTest::newRow("rrq plain") << Packet::readRequest("a", Mode::Octet)
                                   << QByteArray("\x00\x01" "a\0octet\0", 10);
        QTest::newRow("rrq netascii") << Packet::readRequest("x/y", Mode::NetAscii)
                                      << QByteArray("\x00\x01" "x/y\0netascii\0", 15);
        QTest::newRow("wrq") << Packet::writeRequest("up", Mode::Octet)
                             << QByteArray("\x00\x02" "up\0octet\0", 11);
        QTest::newRow("data") << Packet::dataBlock(0x1234, "hello")
                              << QByteArray("\x00\x03\x12\x34hello", 9);
        QTest::newRow("data empty") << Packet::dataBlock(65535, QByteArray())
                                    << QByteArray("\x00\x03\xff\xff", 4);
        QTest::newRow("ack") << Packet::ack(0xfffe) << QByteArray("\x00\x04\xff\xfe", 4);
        QTest::newRow("error") << Packet::error(ErrorCode::OptionNegotiation, "no")
                               << QByteArray("\x00\x05\x00\x08no\0", 7);
        QTest::newRow("oack") << Packet::optionAck({{"blksize", "1468"}, {"tsize", "42"}})
                              << QByteArray("\x00\x06" "blksize\0" "1468\0" "tsize\0" "42\0", 24);
    }
    void roundTrip()
    {
        QFETCH(Packet, packet);
        QFETCH(QByteArray, wire);
        QCOMPARE(packet.toBytes(), wire);
        const ParseResult parsed = Packet::parse(wire);
        QVERIFY2(parsed.ok(), qPrintable(parseErrorName(parsed.error)));
        QCOMPARE(parsed.packet, packet);
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("wire");
        QTest::addColumn<ParseError>("error");
        QTest::newRow("empty") << QByteArray() << ParseError::Truncated;
        QTest::newRow("one byte") << bytes({0}) << ParseError::Truncated;
        QTest::newRow("opcode 0") << bytes({0, 0, 0, 0}) << ParseError::UnknownOpcode;
        QTest::newRow("opcode 7") << bytes({0, 7, 0, 1}) << ParseError::UnknownOpcode;
        QTest::newRow("opcode 0x0100") << bytes({1, 0, 0, 1}) << ParseError::UnknownOpcode;
        QTest::newRow("rrq no body") << bytes({0, 1}) << ParseError::Truncated;
        QTest::newRow("rrq name without NUL") << QByteArray("\x00\x01" "file", 6)
                                              << ParseError::MissingTerminator;
        QTest::newRow("rrq no mode") << QByteArray("\x00\x01" "file\0", 7) << ParseError::Truncated;
        QTest::newRow("rrq mode without NUL") << QByteArray("\x00\x01" "file\0octet", 12)
                                              << ParseError::MissingTerminator;
        QTest::newRow("rrq empty name") << QByteArray("\x00\x01\0octet\0", 9)
                                        << ParseError::EmptyFileName;
        QTest::newRow("rrq unknown mode") << QByteArray("\x00\x01" "f\0binary\0", 11)
                                          << ParseError::UnknownMode;
        QTest::newRow("rrq empty mode") << QByteArray("\x00\x01" "f\0\0", 5) << ParseError::UnknownMode;
        QTest::newRow("rrq odd option list") << QByteArray("\x00\x01" "f\0octet\0blksize\0", 18)
                                             << ParseError::OddOptionList;
        QTest::newRow("rrq option value without NUL")
            << QByteArray("\x00\x01" "f\0octet\0blksize\0" "1468", 22) << ParseError::MissingTerminator;
        QTest::newRow("rrq option name without NUL") << QByteArray("\x00\x01" "f\0octet\0bl", 12)
                                                     << ParseError::MissingTerminator;
        QTest::newRow("rrq empty option name") << QByteArray("\x00\x01" "f\0octet\0\0" "5\0", 13)
                                               << ParseError::EmptyOptionName;
        QByteArray many("\x00\x01" "f\0octet\0", 10);
        for (int i = 0; i < 17; ++i)
            many += "o" + QByteArray::number(i) + '\0' + "1" + '\0';
        QTest::newRow("rrq too many options") << many << ParseError::TooManyOptions;
        QByteArray longName("\x00\x01", 2);
        longName += QByteArray(1100, 'a') + '\0' + "octet" + '\0';
        QTest::newRow("rrq oversize") << longName << ParseError::Oversize;
        QTest::newRow("datagram oversize") << QByteArray(kMaxDatagramSize + 1, '\3')
                                           << ParseError::Oversize;
        QTest::newRow("ack short") << bytes({0, 4, 1}) << ParseError::Truncated;
        QTest::newRow("data short") << bytes({0, 3, 0}) << ParseError::Truncated;
        QTest::newRow("error short") << bytes({0, 5, 0}) << ParseError::Truncated;
        QTest::newRow("oack odd") << QByteArray("\x00\x06" "tsize\0", 8) << ParseError::OddOptionList;
    }
    void malformed()
    {
        QFETCH(QByteArray, wire);
        QFETCH(ParseError, error);
        const ParseResult parsed = Packet::parse(wire);
        QCOMPARE(parsed.error, error);
        QVERIFY(!parsed.ok());
        QVERIFY(!parseErrorName(error).isEmpty());
    }

    void lenientWhereClientsAreSloppy()
    {
        // RFC 1350: mode in any case; RFC 2347: option names case-insensitive.
        ParseResult parsed = Packet::parse(QByteArray("\x00\x01" "F\0OcTeT\0BLKSIZE\0" "1024\0", 23));
        QVERIFY(parsed.ok());
        QCOMPARE(parsed.packet.mode, Mode::Octet);
        QCOMPARE(parsed.packet.fileName, QByteArray("F"));  // names are not case-folded
        QCOMPARE(parsed.packet.option("blksize"), QByteArray("1024"));
        QVERIFY(parsed.packet.option("tsize").isNull());

        // NUL padding after the options is not an odd option list.
        parsed = Packet::parse(QByteArray("\x00\x01" "f\0octet\0tsize\0" "0\0\0\0\0", 20));
        QVERIFY2(parsed.ok(), qPrintable(parseErrorName(parsed.error)));
        QCOMPARE(parsed.packet.options.size(), 1);

        // An empty option value is a value.
        parsed = Packet::parse(QByteArray("\x00\x01" "f\0octet\0x\0\0", 13));
        QVERIFY(parsed.ok());
        QCOMPARE(parsed.packet.option("x"), QByteArray(""));
        QVERIFY(!parsed.packet.option("x").isNull());

        // A client giving up is believed without its NUL.
        parsed = Packet::parse(QByteArray("\x00\x05\x00\x08" "abort", 9));
        QVERIFY(parsed.ok());
        QCOMPARE(parsed.packet.errorCode, ErrorCode::OptionNegotiation);
        QCOMPARE(parsed.packet.errorMessage, QByteArray("abort"));

        // Padded ACKs still acknowledge their block.
        parsed = Packet::parse(bytes({0, 4, 1, 2, 0, 0, 0, 0}));
        QVERIFY(parsed.ok());
        QCOMPARE(parsed.packet.block, quint16(0x0102));

        // The mail mode parses; refusing it is the server's decision.
        parsed = Packet::parse(QByteArray("\x00\x01" "f\0MAIL\0", 9));
        QVERIFY(parsed.ok());
        QCOMPARE(parsed.packet.mode, Mode::Mail);
    }

    void dataHeader()
    {
        char buffer[8] = {};
        writeDataHeader(buffer, 0xabcd);
        QCOMPARE(QByteArray(buffer, 4), QByteArray("\x00\x03\xab\xcd", 4));
    }

    void netascii_data()
    {
        QTest::addColumn<QByteArray>("plain");
        QTest::addColumn<QByteArray>("wire");
        QTest::newRow("empty") << QByteArray() << QByteArray();
        QTest::newRow("no line ends") << QByteArray("abc") << QByteArray("abc");
        QTest::newRow("lf") << QByteArray("a\nb\n") << QByteArray("a\r\nb\r\n");
        QTest::newRow("bare cr") << QByteArray("a\rb") << QByteArray("a\r\0b", 4);
        QTest::newRow("cr lf") << QByteArray("a\r\n") << QByteArray("a\r\0\r\n", 5);
        QTest::newRow("only newlines") << QByteArray("\n\n\n") << QByteArray("\r\n\r\n\r\n");
        QTest::newRow("nul kept") << QByteArray("a\0b", 3) << QByteArray("a\0b", 3);
    }
    void netascii()
    {
        QFETCH(QByteArray, plain);
        QFETCH(QByteArray, wire);
        // Every block size, so CR pairs are split at every possible boundary.
        for (qsizetype blockSize = 1; blockSize <= wire.size() + 1; ++blockSize) {
            NetasciiEncoder::State state;
            QByteArray encoded;
            QByteArray block(blockSize, '\0');
            for (int guard = 0; guard < 100; ++guard) {
                const QByteArrayView rest = QByteArrayView(plain).sliced(state.offset);
                const qsizetype n = NetasciiEncoder::encode(rest, block.data(), blockSize, state);
                encoded.append(block.constData(), n);
                if (n < blockSize)
                    break;
            }
            QCOMPARE(encoded, wire);
            QCOMPARE(state.offset, plain.size());
            QCOMPARE(state.pending, -1);

            NetasciiDecoder decoder;
            QByteArray decoded;
            for (qsizetype i = 0; i < wire.size(); i += blockSize)
                decoder.decode(QByteArrayView(wire).sliced(i, qMin(blockSize, wire.size() - i)), decoded);
            decoder.finish(decoded);
            QCOMPARE(decoded, plain);
        }
    }
    void netasciiPendingAcrossBlocks()
    {
        // "\n" in a block of one byte: CR now, LF owed to the next block.
        NetasciiEncoder::State state;
        char out[1];
        QCOMPARE(NetasciiEncoder::encode("\nx", out, 1, state), 1);
        QCOMPARE(out[0], '\r');
        QCOMPARE(state.offset, 1);
        QCOMPARE(state.pending, int('\n'));
        QCOMPARE(NetasciiEncoder::encode("x", out, 1, state), 1);
        QCOMPARE(out[0], '\n');
        QCOMPARE(state.offset, 1);  // the pending byte used the block; "x" still to come
        QCOMPARE(state.pending, -1);
    }
};

QTEST_GUILESS_MAIN(tst_TftpPacket)
#include "tst_tftppacket.moc"
