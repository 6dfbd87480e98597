#include "protocol/tftp/netascii.h"
#include "protocol/tftp/tftpnegotiation.h"
#include "protocol/tftp/tftpsession.h"

#include <QTest>

#include <cstring>
#include <vector>

using namespace Nbc::Tftp;

Q_DECLARE_METATYPE(Nbc::Tftp::OptionList)
Q_DECLARE_METATYPE(Nbc::Tftp::Mode)

namespace {

class MemorySource : public BlockSource
{
public:
    explicit MemorySource(QByteArray data) : m_data(std::move(data)) {}
    qint64 readAt(qint64 offset, char *destination, qint64 length) override
    {
        ++reads;
        if (failAt >= 0 && offset >= failAt)
            return -1;
        if (offset >= m_data.size())
            return 0;
        const qint64 n = qMin(length, m_data.size() - offset);
        std::memcpy(destination, m_data.constData() + offset, size_t(n));
        return n;
    }
    qint64 failAt = -1;
    int reads = 0;

private:
    QByteArray m_data;
};

// A large file without holding it: byte i is a function of i.
class PatternSource : public BlockSource
{
public:
    explicit PatternSource(qint64 size) : m_size(size) {}
    static char byteAt(qint64 i) { return char((i * 7 + (i >> 9)) & 0xff); }
    qint64 readAt(qint64 offset, char *destination, qint64 length) override
    {
        const qint64 n = qBound<qint64>(0, m_size - offset, length);
        for (qint64 i = 0; i < n; ++i)
            destination[i] = byteAt(offset + i);
        return n;
    }

private:
    qint64 m_size;
};

QByteArray pattern(qsizetype size)
{
    QByteArray out(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        out[i] = PatternSource::byteAt(i);
    return out;
}

QList<Packet> drain(Session &session)
{
    QList<Packet> out;
    std::vector<char> buffer(kMaxDatagramSize);
    for (int guard = 0; guard < 1000; ++guard) {
        const qsizetype n = session.nextDatagram(buffer.data(), qsizetype(buffer.size()));
        if (n == 0)
            break;
        const ParseResult parsed = Packet::parse(QByteArrayView(buffer.data(), n));
        if (!parsed.ok())
            qFatal("session produced a malformed packet");
        out.append(parsed.packet);
    }
    return out;
}

QList<quint16> blocksOf(const QList<Packet> &packets)
{
    QList<quint16> out;
    for (const Packet &packet : packets) {
        if (packet.opcode == Opcode::Data)
            out.append(packet.block);
    }
    return out;
}

QByteArray ackBytes(quint16 block)
{
    return Packet::ack(block).toBytes();
}

SessionConfig quickConfig()
{
    SessionConfig config;
    config.retransmitMs = 1000;
    config.maxRetransmitMs = 4000;
    config.deadlineMs = 10000;
    return config;
}

} // namespace

class tst_TftpSession : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void negotiation_data()
    {
        QTest::addColumn<OptionList>("requested");
        QTest::addColumn<Mode>("mode");
        QTest::addColumn<int>("maxBlockSize");
        QTest::addColumn<int>("blockSize");
        QTest::addColumn<int>("windowSize");
        QTest::addColumn<int>("timeout");
        QTest::addColumn<OptionList>("acknowledged");

        const Mode octet = Mode::Octet;
        QTest::newRow("nothing asked") << OptionList{} << octet << 1468 << 512 << 1 << 0 << OptionList{};
        QTest::newRow("curl 1468") << OptionList{{"tsize", "0"}, {"blksize", "1468"}, {"timeout", "6"}}
                                   << octet << 1468 << 1468 << 1 << 6
                                   << OptionList{{"tsize", "1000"}, {"blksize", "1468"}, {"timeout", "6"}};
        QTest::newRow("blksize above MTU clamped") << OptionList{{"blksize", "9000"}} << octet << 1468
                                                   << 1468 << 1 << 0 << OptionList{{"blksize", "1468"}};
        QTest::newRow("blksize max on loopback") << OptionList{{"blksize", "65464"}} << octet << 65464
                                                 << 65464 << 1 << 0 << OptionList{{"blksize", "65464"}};
        QTest::newRow("blksize above RFC max") << OptionList{{"blksize", "70000"}} << octet << 65535
                                               << 65464 << 1 << 0 << OptionList{{"blksize", "65464"}};
        QTest::newRow("blksize 8") << OptionList{{"blksize", "8"}} << octet << 1468 << 8 << 1 << 0
                                   << OptionList{{"blksize", "8"}};
        QTest::newRow("blksize 7 refused") << OptionList{{"blksize", "7"}} << octet << 1468 << 512 << 1
                                           << 0 << OptionList{};
        QTest::newRow("blksize not a number") << OptionList{{"blksize", "1k"}} << octet << 1468 << 512
                                              << 1 << 0 << OptionList{};
        QTest::newRow("blksize negative") << OptionList{{"blksize", "-512"}} << octet << 1468 << 512
                                          << 1 << 0 << OptionList{};
        QTest::newRow("blksize huge number") << OptionList{{"blksize", "99999999999999999999"}} << octet
                                             << 1468 << 512 << 1 << 0 << OptionList{};
        QTest::newRow("tsize netascii") << OptionList{{"tsize", "0"}} << Mode::NetAscii << 1468 << 512
                                        << 1 << 0 << OptionList{};
        QTest::newRow("timeout 0") << OptionList{{"timeout", "0"}} << octet << 1468 << 512 << 1 << 0
                                   << OptionList{};
        QTest::newRow("timeout 255") << OptionList{{"timeout", "255"}} << octet << 1468 << 512 << 1
                                     << 255 << OptionList{{"timeout", "255"}};
        QTest::newRow("timeout 256") << OptionList{{"timeout", "256"}} << octet << 1468 << 512 << 1
                                     << 0 << OptionList{};
        QTest::newRow("windowsize 8") << OptionList{{"windowsize", "8"}} << octet << 1468 << 512 << 8
                                      << 0 << OptionList{{"windowsize", "8"}};
        QTest::newRow("windowsize clamped") << OptionList{{"windowsize", "1000"}} << octet << 1468 << 512
                                            << 64 << 0 << OptionList{{"windowsize", "64"}};
        QTest::newRow("windowsize 0") << OptionList{{"windowsize", "0"}} << octet << 1468 << 512 << 1
                                      << 0 << OptionList{};
        QTest::newRow("unknown options") << OptionList{{"multicast", ""}, {"rollover", "0"}} << octet
                                         << 1468 << 512 << 1 << 0 << OptionList{};
        QTest::newRow("first of a repeated option")
            << OptionList{{"blksize", "1024"}, {"blksize", "1400"}} << octet << 1468 << 1024 << 1 << 0
            << OptionList{{"blksize", "1024"}};
        QTest::newRow("ovmf style order kept")
            << OptionList{{"blksize", "1468"}, {"windowsize", "4"}, {"tsize", "0"}} << octet << 1468
            << 1468 << 4 << 0
            << OptionList{{"blksize", "1468"}, {"windowsize", "4"}, {"tsize", "1000"}};
    }
    void negotiation()
    {
        QFETCH(OptionList, requested);
        QFETCH(Mode, mode);
        QFETCH(int, maxBlockSize);
        QFETCH(int, blockSize);
        QFETCH(int, windowSize);
        QFETCH(int, timeout);
        QFETCH(OptionList, acknowledged);
        NegotiationLimits limits;
        limits.maxBlockSize = quint16(maxBlockSize);
        const Negotiation n = Negotiation::negotiate(requested, mode, 1000, limits);
        QCOMPARE(int(n.blockSize), blockSize);
        QCOMPARE(int(n.windowSize), windowSize);
        QCOMPARE(n.timeoutSeconds, timeout);
        QCOMPARE(n.acknowledged, acknowledged);
    }

    void noOptionsSendsDataOne()
    {
        MemorySource source(pattern(700));
        Session session(source, 700, quickConfig());
        session.start(Packet::readRequest("f"), 0);
        const QList<Packet> first = drain(session);
        QCOMPARE(first.size(), 1);
        QCOMPARE(first[0].opcode, Opcode::Data);  // RFC 1350: no OACK when nothing was asked
        QCOMPARE(first[0].block, quint16(1));
        QCOMPARE(first[0].data.size(), 512);
        QCOMPARE(session.receive(ackBytes(1), 5), Session::Input::Progress);
        const QList<Packet> second = drain(session);
        QCOMPARE(blocksOf(second), QList<quint16>{2});
        QCOMPARE(second[0].data, pattern(700).mid(512));
        QCOMPARE(session.receive(ackBytes(2), 6), Session::Input::Progress);
        QCOMPARE(session.state(), Session::State::Done);
        QCOMPARE(session.bytesAcknowledged(), 700);
        QCOMPARE(session.nextTimerAt(), -1);
        QVERIFY(drain(session).isEmpty());
    }

    void optionAckNamesOnlyAccepted()
    {
        MemorySource source(pattern(3000));
        Session session(source, 3000, quickConfig());
        session.start(Packet::readRequest("f", Mode::Octet,
                                          {{"tsize", "0"}, {"blksize", "9000"}, {"multicast", ""},
                                           {"timeout", "999"}}),
                      0);
        const QList<Packet> first = drain(session);
        QCOMPARE(first.size(), 1);
        QCOMPARE(first[0].opcode, Opcode::OptionAck);
        QCOMPARE(first[0].options, (OptionList{{"tsize", "3000"}, {"blksize", "1468"}}));
        QCOMPARE(session.state(), Session::State::Negotiating);
        QCOMPARE(session.bytesAcknowledged(), 0);
        // Nothing but ACK 0 moves a negotiating session on.
        QCOMPARE(session.receive(ackBytes(1), 1), Session::Input::Stale);
        QVERIFY(drain(session).isEmpty());
        QCOMPARE(session.receive(ackBytes(0), 2), Session::Input::Progress);
        const QList<Packet> data = drain(session);
        QCOMPARE(blocksOf(data), QList<quint16>{1});
        QCOMPARE(data[0].data.size(), 1468);
    }

    void transferSizes_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("blockSize");
        QTest::addColumn<int>("windowSize");
        QTest::addColumn<int>("blocks");
        QTest::newRow("empty file") << 0 << 512 << 1 << 1;
        QTest::newRow("one byte") << 1 << 512 << 1 << 1;
        QTest::newRow("one short of a block") << 511 << 512 << 1 << 1;
        QTest::newRow("exactly a block: empty last") << 512 << 512 << 1 << 2;
        QTest::newRow("block and a byte") << 513 << 512 << 1 << 2;
        QTest::newRow("blksize 8") << 100 << 8 << 1 << 13;
        QTest::newRow("window 4 exact") << 4096 << 1024 << 4 << 5;
        QTest::newRow("window 8 ragged") << 10000 << 1468 << 8 << 7;
        QTest::newRow("window larger than file") << 100 << 512 << 16 << 1;
    }
    void transferSizes()
    {
        QFETCH(int, size);
        QFETCH(int, blockSize);
        QFETCH(int, windowSize);
        QFETCH(int, blocks);
        const QByteArray content = pattern(size);
        MemorySource source(content);
        SessionConfig config = quickConfig();
        config.limits.maxBlockSize = 65464;
        Session session(source, size, config);
        OptionList options{{"blksize", QByteArray::number(blockSize)}};
        if (windowSize > 1)
            options.append({"windowsize", QByteArray::number(windowSize)});
        session.start(Packet::readRequest("f", Mode::Octet, options), 0);
        QCOMPARE(drain(session).first().opcode, Opcode::OptionAck);
        QCOMPARE(session.receive(ackBytes(0), 0), Session::Input::Progress);

        // An RFC 7440 receiver: acknowledges the last block of each window.
        QByteArray received;
        int seen = 0;
        for (int round = 0; round < 10000 && !session.isFinished(); ++round) {
            const QList<Packet> packets = drain(session);
            QVERIFY(!packets.isEmpty());
            QVERIFY(packets.size() <= windowSize);
            for (const Packet &packet : packets) {
                QCOMPARE(packet.opcode, Opcode::Data);
                QCOMPARE(packet.block, quint16(seen + 1));
                received += packet.data;
                ++seen;
            }
            QCOMPARE(session.receive(ackBytes(quint16(seen)), round), Session::Input::Progress);
        }
        QCOMPARE(session.state(), Session::State::Done);
        QCOMPARE(seen, blocks);
        QCOMPARE(received, content);
        QCOMPARE(session.bytesAcknowledged(), size);
        QCOMPARE(session.retransmissions(), 0u);
    }

    // 40 MiB at blksize 512 is 81921 blocks: the wire number passes 65535 and wraps to 0.
    void blockNumbersWrap()
    {
        const qint64 size = 40 * 1024 * 1024;
        PatternSource source(size);
        Session session(source, size, quickConfig());
        session.start(Packet::readRequest("big", Mode::Octet, {{"tsize", "0"}}), 0);
        QCOMPARE(drain(session).first().options, (OptionList{{"tsize", QByteArray::number(size)}}));
        QCOMPARE(session.receive(ackBytes(0), 0), Session::Input::Progress);

        std::vector<char> buffer(kMaxDatagramSize);
        quint64 index = 0;
        qint64 bytes = 0;
        bool sawWrap = false;
        while (!session.isFinished()) {
            const qsizetype n = session.nextDatagram(buffer.data(), qsizetype(buffer.size()));
            QVERIFY(n >= 4);
            ++index;
            const quint16 wire = quint16((quint8(buffer[2]) << 8) | quint8(buffer[3]));
            QCOMPARE(wire, quint16(index));
            if (index == 65536) {
                QCOMPARE(wire, quint16(0));
                sawWrap = true;
            }
            // Spot-check the content after the wrap: the offset must keep growing.
            if (index == 65537)
                QCOMPARE(buffer[4], PatternSource::byteAt(65536 * 512));
            bytes += n - 4;
            QCOMPARE(session.nextDatagram(buffer.data(), qsizetype(buffer.size())), 0);
            // A stale ACK of the previous block number (65535 after the wrap) is ignored.
            if (index == 65537)
                QCOMPARE(session.receive(ackBytes(0xffff), qint64(index)), Session::Input::Stale);
            QCOMPARE(session.receive(ackBytes(wire), qint64(index)), Session::Input::Progress);
        }
        QVERIFY(sawWrap);
        QCOMPARE(index, quint64(81921));
        QCOMPARE(bytes, size);
        QCOMPARE(session.state(), Session::State::Done);
        QCOMPARE(session.bytesAcknowledged(), size);
    }

    void duplicateAcksAreIgnored()
    {
        MemorySource source(pattern(5000));
        Session session(source, 5000, quickConfig());
        session.start(Packet::readRequest("f"), 0);
        QCOMPARE(blocksOf(drain(session)), QList<quint16>{1});
        QCOMPARE(session.receive(ackBytes(1), 10), Session::Input::Progress);
        QCOMPARE(blocksOf(drain(session)), QList<quint16>{2});
        const int readsBefore = source.reads;
        // The Sorcerer's Apprentice: a delayed duplicate ACK 1 must not resend block 2.
        QCOMPARE(session.receive(ackBytes(1), 20), Session::Input::Duplicate);
        QCOMPARE(session.receive(ackBytes(1), 21), Session::Input::Duplicate);
        QVERIFY(drain(session).isEmpty());
        QCOMPARE(source.reads, readsBefore);
        // Neither does a duplicate reset the retransmission clock.
        QCOMPARE(session.nextTimerAt(), 10 + 1000);
        // An ACK of a block never sent is not ours.
        QCOMPARE(session.receive(ackBytes(7), 22), Session::Input::Stale);
        QVERIFY(drain(session).isEmpty());
        QCOMPARE(session.receive(ackBytes(2), 30), Session::Input::Progress);
        QCOMPARE(blocksOf(drain(session)), QList<quint16>{3});
    }

    void unexpectedAndMalformedInput()
    {
        MemorySource source(pattern(100));
        Session session(source, 100, quickConfig());
        session.start(Packet::readRequest("f"), 0);
        drain(session);
        QCOMPARE(session.receive(QByteArray("\x00"), 1), Session::Input::Malformed);
        QCOMPARE(session.receive(QByteArray("\x00\x09\x00\x01", 4), 1), Session::Input::Malformed);
        QCOMPARE(session.receive(Packet::dataBlock(1, "x").toBytes(), 1), Session::Input::Unexpected);
        QCOMPARE(session.receive(Packet::readRequest("f").toBytes(), 1), Session::Input::Unexpected);
        QVERIFY(drain(session).isEmpty());
        QCOMPARE(session.state(), Session::State::Sending);
    }

    void windowRollsBackOnTimeout()
    {
        MemorySource source(pattern(20 * 512));
        Session session(source, 20 * 512, quickConfig());
        session.start(Packet::readRequest("f", Mode::Octet, {{"windowsize", "4"}}), 0);
        drain(session);
        session.receive(ackBytes(0), 0);
        QCOMPARE(blocksOf(drain(session)), (QList<quint16>{1, 2, 3, 4}));
        QCOMPARE(session.receive(ackBytes(4), 10), Session::Input::Progress);
        QCOMPARE(blocksOf(drain(session)), (QList<quint16>{5, 6, 7, 8}));
        // The whole window is lost: at the timeout it is sent again from the last ACK.
        QCOMPARE(session.nextTimerAt(), 1010);
        session.handleTimer(1009);
        QVERIFY(drain(session).isEmpty());
        session.handleTimer(1010);
        QCOMPARE(blocksOf(drain(session)), (QList<quint16>{5, 6, 7, 8}));
        QCOMPARE(session.retransmissions(), 1u);
        QCOMPARE(session.bytesAcknowledged(), 4 * 512);
        // RFC 7440: an ACK inside the window says what came through; go on after it.
        QCOMPARE(session.receive(ackBytes(6), 1100), Session::Input::Progress);
        QCOMPARE(blocksOf(drain(session)), (QList<quint16>{7, 8, 9, 10}));
        QCOMPARE(session.bytesAcknowledged(), 6 * 512);
    }

    void netasciiWindowRollback()
    {
        // Rolling back must resume the netascii conversion at the right source byte even
        // when a CR LF pair was split across blocks.
        QByteArray text;
        for (int i = 0; i < 40; ++i)
            text += "line " + QByteArray::number(i) + "\n\r";
        MemorySource source(text);
        Session session(source, text.size(), quickConfig());
        session.start(Packet::readRequest("t", Mode::NetAscii,
                                          {{"blksize", "9"}, {"windowsize", "3"}, {"tsize", "0"}}),
                      0);
        QCOMPARE(drain(session).first().options,
                 (OptionList{{"blksize", "9"}, {"windowsize", "3"}}));  // no tsize in netascii
        session.receive(ackBytes(0), 0);
        QByteArray wire;
        quint16 expected = 1;
        qint64 now = 0;
        int losses = 0;
        while (!session.isFinished()) {
            QList<Packet> packets = drain(session);
            if (packets.isEmpty()) {
                now = session.nextTimerAt();
                session.handleTimer(now);
                continue;
            }
            // First full window: its second block is lost (the receiver then discards the
            // third and ACKs the first). Second full window: lost whole, so only the timer
            // brings it back.
            if (packets.size() == 3 && losses < 2) {
                if (losses++ == 0)
                    packets.remove(1, 2);
                else
                    packets.clear();
            }
            quint16 last = 0;
            for (const Packet &packet : std::as_const(packets)) {
                if (packet.block != expected)
                    break;  // out of order: a receiver discards it and ACKs what it has
                wire += packet.data;
                last = expected++;
            }
            if (last)
                session.receive(ackBytes(last), ++now);
        }
        QCOMPARE(losses, 2);
        QCOMPARE(session.state(), Session::State::Done);
        QCOMPARE(session.retransmissions(), 1u);
        NetasciiDecoder decoder;
        QByteArray decoded;
        decoder.decode(wire, decoded);
        decoder.finish(decoded);
        QCOMPARE(decoded, text);
        QCOMPARE(session.bytesAcknowledged(), text.size());
    }

    void retransmitBackoffAndDeadline_data()
    {
        QTest::addColumn<OptionList>("options");
        QTest::addColumn<QList<qint64>>("timers");  // successive nextTimerAt() with no ACK
        // Base 1 s doubling, capped at 4 s, until 10 s without progress.
        QTest::newRow("default") << OptionList{} << QList<qint64>{1000, 3000, 7000, 10000};
        // The client's RFC 2349 timeout is the base; the cap never goes below it.
        QTest::newRow("timeout 3") << OptionList{{"timeout", "3"}} << QList<qint64>{3000, 7000, 10000};
        QTest::newRow("timeout 6") << OptionList{{"timeout", "6"}} << QList<qint64>{6000, 10000};
    }
    void retransmitBackoffAndDeadline()
    {
        QFETCH(OptionList, options);
        QFETCH(QList<qint64>, timers);
        MemorySource source(pattern(2000));
        Session session(source, 2000, quickConfig());
        session.start(Packet::readRequest("f", Mode::Octet, options), 0);
        const Opcode first = drain(session).first().opcode;
        // The backoff is for a client that is really there: it acknowledged the first
        // answer (ACK 0 for an OACK, ACK 1 for the first block), then went quiet.
        QCOMPARE(session.receive(ackBytes(first == Opcode::OptionAck ? 0 : 1), 0), Session::Input::Progress);
        const quint16 pending = blocksOf(drain(session)).value(0);
        QVERIFY(pending > 0);
        QList<qint64> seen;
        for (int i = 0; i < 20 && !session.isFinished(); ++i) {
            const qint64 at = session.nextTimerAt();
            seen.append(at);
            session.handleTimer(at);
            const QList<Packet> resent = drain(session);
            if (!session.isFinished()) {
                QCOMPARE(blocksOf(resent), QList<quint16>{pending});
            }
        }
        QCOMPARE(seen, timers);
        QCOMPARE(session.state(), Session::State::Failed);
        QCOMPARE(session.failure(), QStringLiteral("timeout"));
        QCOMPARE(session.nextTimerAt(), -1);
        QVERIFY(drain(session).isEmpty());
    }

    void unansweredRequestDrawsAtMostTwoPackets_data()
    {
        QTest::addColumn<OptionList>("options");
        QTest::newRow("plain RRQ: DATA 1") << OptionList{};
        QTest::newRow("options: OACK") << OptionList{{"blksize", "1468"}, {"tsize", "0"}, {"windowsize", "8"}};
        QTest::newRow("client timeout 1") << OptionList{{"timeout", "1"}};
    }
    // A forged RRQ names someone else's address: whatever happens, that address gets the
    // first answer and one repeat, never the backoff series (amplification).
    void unansweredRequestDrawsAtMostTwoPackets()
    {
        QFETCH(OptionList, options);
        MemorySource source(pattern(100000));
        Session session(source, 100000, quickConfig());
        session.start(Packet::readRequest("f", Mode::Octet, options), 0);
        int sent = int(drain(session).size());
        for (int i = 0; i < 50 && !session.isFinished(); ++i) {
            session.handleTimer(session.nextTimerAt());
            sent += int(drain(session).size());
        }
        QCOMPARE(sent, 2);
        QCOMPARE(session.state(), Session::State::Failed);
        QCOMPARE(session.failure(), QStringLiteral("unanswered"));
        QCOMPARE(session.retransmissions(), 1u);
        QCOMPARE(session.nextTimerAt(), -1);
    }

    void firstAckAfterTheRepeatStillCompletes()
    {
        // The first answer was lost; the repeat arrives and the client goes on normally.
        MemorySource source(pattern(1500));
        Session session(source, 1500, quickConfig());
        session.start(Packet::readRequest("f"), 0);
        drain(session);
        session.handleTimer(session.nextTimerAt());
        QCOMPARE(blocksOf(drain(session)), QList<quint16>{1});
        QCOMPARE(session.receive(ackBytes(1), 1500), Session::Input::Progress);
        QCOMPARE(blocksOf(drain(session)), QList<quint16>{2});
        // From here on the ordinary backoff applies: the client has shown it is there.
        for (int i = 0; i < 3; ++i) {
            session.handleTimer(session.nextTimerAt());
            QCOMPARE(blocksOf(drain(session)), QList<quint16>{2});
        }
        QCOMPARE(session.receive(ackBytes(2), 9000), Session::Input::Progress);
        QCOMPARE(blocksOf(drain(session)), QList<quint16>{3});
        QCOMPARE(session.receive(ackBytes(3), 9001), Session::Input::Progress);
        QCOMPARE(session.state(), Session::State::Done);
    }

    void progressPostponesTheDeadline()
    {
        MemorySource source(pattern(512 * 30));
        Session session(source, 512 * 30, quickConfig());
        session.start(Packet::readRequest("f"), 0);
        drain(session);
        // A slow client that acknowledges every 5 s stays alive past the 10 s deadline.
        for (quint16 block = 1; block <= 5; ++block) {
            const qint64 now = block * 5000;
            session.handleTimer(now - 1);
            drain(session);
            QCOMPARE(session.receive(ackBytes(block), now), Session::Input::Progress);
            drain(session);
        }
        QCOMPARE(session.state(), Session::State::Sending);
        QCOMPARE(session.nextTimerAt(), 25000 + 1000);
    }

    void clientErrorEndsCleanly_data()
    {
        QTest::addColumn<bool>("withOptions");
        QTest::addColumn<int>("acksFirst");
        QTest::newRow("OVMF aborts after the OACK") << true << 0;
        QTest::newRow("abort while sending") << false << 2;
    }
    void clientErrorEndsCleanly()
    {
        QFETCH(bool, withOptions);
        QFETCH(int, acksFirst);
        MemorySource source(pattern(5000));
        Session session(source, 5000, quickConfig());
        const OptionList options = withOptions ? OptionList{{"tsize", "0"}, {"blksize", "1468"}} : OptionList{};
        session.start(Packet::readRequest("ipxe.efi", Mode::Octet, options), 0);
        drain(session);
        for (int i = 1; i <= acksFirst; ++i) {
            session.receive(ackBytes(quint16(i)), i);
            drain(session);
        }
        const QByteArray error = Packet::error(ErrorCode::OptionNegotiation, "User aborted").toBytes();
        QCOMPARE(session.receive(error, 50), Session::Input::Ended);
        QCOMPARE(session.state(), Session::State::ClientEnded);
        QVERIFY(session.isFinished());
        QCOMPARE(session.clientErrorCode(), ErrorCode::OptionNegotiation);
        QCOMPARE(session.clientErrorMessage(), QByteArray("User aborted"));
        QVERIFY(session.failure().isEmpty());
        QVERIFY(drain(session).isEmpty());
        QCOMPARE(session.nextTimerAt(), -1);
        // Nothing the client sends after that revives it.
        QCOMPARE(session.receive(ackBytes(0), 60), Session::Input::Unexpected);
        QVERIFY(drain(session).isEmpty());
    }

    void readErrorSendsErrorPacket()
    {
        MemorySource source(pattern(2000));
        source.failAt = 1024;
        Session session(source, 2000, quickConfig());
        session.start(Packet::readRequest("f"), 0);
        drain(session);
        session.receive(ackBytes(1), 1);
        drain(session);
        session.receive(ackBytes(2), 2);
        const QList<Packet> packets = drain(session);
        QCOMPARE(packets.size(), 1);
        QCOMPARE(packets[0].opcode, Opcode::Error);
        QCOMPARE(session.state(), Session::State::Failed);
        QCOMPARE(session.failure(), QStringLiteral("read-error"));
    }

    void abortFromOutside()
    {
        MemorySource source(pattern(2000));
        Session session(source, 2000, quickConfig());
        session.start(Packet::readRequest("f"), 0);
        drain(session);
        session.abort(QStringLiteral("client-gone"));
        QCOMPARE(session.state(), Session::State::Failed);
        QCOMPARE(session.failure(), QStringLiteral("client-gone"));
        QVERIFY(drain(session).isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_TftpSession)
#include "tst_tftpsession.moc"
