// TFTP as the TFTP engine meets it: a request datagram (codec and RFC 2347 option
// negotiation), then a Tftp::Session serving a file to a client whose datagrams come from
// the rest of the input. Seeds: tests/data/tftp/*.hex (requests of curl and atftp).
//
// Input: REQUEST [ "\xff\xff\xff\xff" SCRIPT ]. Without a script the client acknowledges
// every block in order, so each seed is a complete, successful transfer.

#include "fuzzinput.h"

#include "protocol/tftp/netascii.h"
#include "protocol/tftp/tftpnegotiation.h"
#include "protocol/tftp/tftppacket.h"
#include "protocol/tftp/tftpsession.h"

#include <algorithm>
#include <cstdint>
#include <vector>

using namespace Nbc;
using namespace Nbc::Tftp;

namespace {

const QByteArrayView kScriptSeparator("\xff\xff\xff\xff", 4);

// A file in memory; reads fail from failAt on (a disk error in the middle of a transfer).
class MemorySource : public BlockSource
{
public:
    MemorySource(const QByteArray &bytes, qint64 failAt) : m_bytes(bytes), m_failAt(failAt) {}
    qint64 readAt(qint64 offset, char *destination, qint64 length) override
    {
        NBC_FUZZ_CHECK(offset >= 0 && length >= 0);
        if (m_failAt >= 0 && offset + length > m_failAt)
            return -1;
        const qint64 n = std::clamp<qint64>(m_bytes.size() - offset, 0, length);
        std::copy_n(m_bytes.constData() + offset, n, destination);
        return n;
    }

private:
    const QByteArray &m_bytes;
    qint64 m_failAt;
};

// A reader of the script's bytes that returns zeros once it is used up.
struct Script {
    QByteArrayView bytes;
    qsizetype pos = 0;
    bool atEnd() const { return pos >= bytes.size(); }
    quint8 u8() { return atEnd() ? 0 : quint8(bytes[pos++]); }
    quint16 u16() { return quint16(u8() << 8 | u8()); }
    QByteArrayView take(qsizetype n)
    {
        n = std::min(n, bytes.size() - pos);
        const QByteArrayView out = bytes.sliced(pos, n);
        pos += n;
        return out;
    }
};

// The file: line ends of every kind, so netascii has CR and LF to expand.
QByteArray makeFile(qsizetype size, quint8 seed)
{
    static const char kAlphabet[] = "ab\r\ncd\nef\rgh\0ij";
    QByteArray file(size, Qt::Uninitialized);
    quint32 state = seed * 2654435761u + 1;
    for (qsizetype i = 0; i < size; ++i) {
        state = state * 1103515245u + 12345u;
        file[i] = kAlphabet[(state >> 16) % (sizeof kAlphabet - 1)];
    }
    return file;
}

// The whole file as it travels: netascii-encoded in one go, or the octets as they are.
QByteArray wireImage(const QByteArray &file, bool netascii)
{
    if (!netascii)
        return file;
    QByteArray out(file.size() * 2 + 1, Qt::Uninitialized);
    NetasciiEncoder::State state;
    const qsizetype n = NetasciiEncoder::encode(file, out.data(), out.size(), state);
    NBC_FUZZ_CHECK(state.pending < 0 && state.offset == file.size());
    out.truncate(n);
    return out;
}

void checkRoundTrip(const Packet &packet)
{
    const ParseResult again = Packet::parse(packet.toBytes());
    NBC_FUZZ_CHECK(again.ok());
    NBC_FUZZ_CHECK(again.packet == packet);
}

void checkNegotiation(const Packet &request, qint64 fileSize)
{
    const NegotiationLimits limits;
    const Negotiation n = Negotiation::negotiate(request.options, request.mode, fileSize, limits);
    NBC_FUZZ_CHECK(n.blockSize >= 8 && n.blockSize <= limits.maxBlockSize);
    NBC_FUZZ_CHECK(n.windowSize >= 1 && n.windowSize <= limits.maxWindowSize);
    NBC_FUZZ_CHECK(n.timeoutSeconds >= 0 && n.timeoutSeconds <= 255);
    // Only what was asked is acknowledged, once per name.
    NBC_FUZZ_CHECK(n.acknowledged.size() <= request.options.size());
    for (qsizetype i = 0; i < n.acknowledged.size(); ++i) {
        NBC_FUZZ_CHECK(!request.option(n.acknowledged[i].name).isNull());
        for (qsizetype j = 0; j < i; ++j)
            NBC_FUZZ_CHECK(n.acknowledged[j].name != n.acknowledged[i].name);
    }
}

// Serves the file to the scripted client. Every DATA block sent must be the right slice
// of the file, whatever the client did before (rollbacks, stale and duplicate ACKs).
void runSession(const Packet &request, QByteArrayView scriptBytes)
{
    Script script{scriptBytes};
    const bool scripted = !scriptBytes.isNull();
    const qsizetype fileSize = scripted ? script.u16() % 20000 : 3000;
    const QByteArray file = makeFile(fileSize, scripted ? script.u8() : 7);
    const quint8 failByte = scripted ? script.u8() : 0;
    const qint64 failAt = failByte >= 240 ? qint64(failByte - 240) * 997 : -1;
    MemorySource source(file, failAt);
    SessionConfig config;
    config.limits.maxWindowSize = scripted ? std::max<quint16>(1, script.u8() % 80) : 64;

    const bool netascii = request.mode == Mode::NetAscii;
    const QByteArray image = wireImage(file, netascii);
    Session session(source, fileSize, config);
    qint64 now = 0;
    session.start(request, now);

    std::vector<char> buffer(static_cast<size_t>(kMaxDatagramSize));
    quint16 lastBlockSent = 0;
    bool sawData = false;
    const qsizetype blockSize = session.negotiation().blockSize;
    const auto drain = [&] {
        for (int i = 0; i < Session::kMaxWindowSize + 2; ++i) {
            const qsizetype n = session.nextDatagram(buffer.data(), qsizetype(buffer.size()));
            NBC_FUZZ_CHECK(n >= 0 && n <= kMaxDatagramSize);
            if (n == 0)
                return;
            const ParseResult sent = Packet::parse(QByteArrayView(buffer.data(), n));
            NBC_FUZZ_CHECK(sent.ok());
            if (sent.packet.opcode != Opcode::Data)
                continue;
            // Block numbers stay below 65536 here (at most 20000 * 2 bytes in blocks of 8
            // or more), so the 16-bit number on the wire is the block's index.
            const qsizetype offset = (qsizetype(sent.packet.block) - 1) * blockSize;
            NBC_FUZZ_CHECK(sent.packet.block >= 1);
            NBC_FUZZ_CHECK(sent.packet.data == image.mid(offset, blockSize));
            lastBlockSent = sent.packet.block;
            sawData = true;
        }
        NBC_FUZZ_CHECK(session.nextDatagram(buffer.data(), qsizetype(buffer.size())) == 0);
    };
    drain();

    const auto ack = [&](quint16 block) { return Packet::ack(block).toBytes(); };
    int steps = 0;
    while (!session.isFinished() && steps++ < 100000) {
        if (!scripted) {
            // A well-behaved client: ACK 0 for the OACK, then each last block received.
            session.receive(ack(sawData ? lastBlockSent : 0), ++now);
            drain();
            continue;
        }
        if (script.atEnd())
            break;
        switch (script.u8() % 8) {
        case 0: session.receive(ack(script.u16()), ++now); break;
        case 1: session.receive(ack(lastBlockSent), ++now); break;
        case 2: session.receive(script.take(script.u8()), ++now); break;
        case 3: now += qint64(script.u8()) * 100; session.handleTimer(now); break;
        case 4: session.receive(Packet::error(ErrorCode(script.u8() % 9), "stop").toBytes(), ++now); break;
        case 5: {
            const qint64 at = session.nextTimerAt();
            if (at >= 0) {
                now = std::max(now, at);
                session.handleTimer(now);
            }
            break;
        }
        case 6: session.receive(ack(quint16(lastBlockSent - script.u8())), ++now); break;
        case 7: session.receive(ack(0), ++now); break;
        }
        drain();
        NBC_FUZZ_CHECK(session.bytesAcknowledged() >= 0 && session.bytesAcknowledged() <= fileSize);
    }
    if (!scripted && failAt < 0)
        NBC_FUZZ_CHECK(session.state() == Session::State::Done);
    if (session.state() == Session::State::Done)
        NBC_FUZZ_CHECK(session.bytesAcknowledged() == fileSize);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(data, qsizetype(size));
    const ParseResult parsed = Packet::parse(NbcFuzz::firstPart(input, kScriptSeparator));
    if (!parsed.ok()) {
        NBC_FUZZ_CHECK(!parseErrorName(parsed.error).isEmpty());
        return 0;
    }
    const Packet &packet = parsed.packet;
    checkRoundTrip(packet);
    (void)packet.option("blksize");
    if (packet.opcode != Opcode::ReadRequest || packet.mode == Mode::Mail)
        return 0;
    checkNegotiation(packet, 3000);
    checkNegotiation(packet, -1);
    runSession(packet, NbcFuzz::secondPart(input, kScriptSeparator));
    return 0;
}
