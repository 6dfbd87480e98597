#include "protocol/tftp/tftpsession.h"

#include <algorithm>
#include <cstring>

namespace Nbc::Tftp {

Session::Session(BlockSource &source, qint64 fileSize, const SessionConfig &config)
    : m_source(source)
    , m_fileSize(fileSize)
    , m_config(config)
{
}

void Session::start(const Packet &request, qint64 nowMs)
{
    NegotiationLimits limits = m_config.limits;
    limits.maxWindowSize = std::clamp<quint16>(limits.maxWindowSize, 1, kMaxWindowSize);
    m_negotiation = Negotiation::negotiate(request.options, request.mode, m_fileSize, limits);
    m_netascii = request.mode == Mode::NetAscii;
    m_checkpoints[1].encoder = NetasciiEncoder::State{};
    m_lastProgressAt = nowMs;
    if (!m_negotiation.acknowledged.isEmpty()) {
        // RFC 2347: the OACK stands in for DATA 1 and is acknowledged with ACK 0.
        m_optionAck = Packet::optionAck(m_negotiation.acknowledged).toBytes();
        m_pendingControl = m_optionAck;
        m_state = State::Negotiating;
    } else {
        m_state = State::Sending;
        queueWindow(1);
    }
    armTimer(nowMs);
}

Session::Input Session::receive(QByteArrayView datagram, qint64 nowMs)
{
    if (isFinished())
        return Input::Unexpected;
    const ParseResult parsed = Packet::parse(datagram);
    if (!parsed.ok())
        return Input::Malformed;
    const Packet &packet = parsed.packet;

    if (packet.opcode == Opcode::Error) {
        // The client ends the transfer. EDK2/OVMF does this on purpose: it reads tsize from
        // our OACK, answers ERROR 8, then asks again for the file. Not a failure of ours.
        m_state = State::ClientEnded;
        m_clientErrorCode = packet.errorCode;
        m_clientErrorMessage = packet.errorMessage.left(200);
        m_pendingControl.clear();
        m_sendEnd = 0;
        return Input::Ended;
    }
    if (packet.opcode != Opcode::Ack)
        return Input::Unexpected;

    if (m_state == State::Negotiating) {
        if (packet.block != 0)
            return Input::Stale;
        m_state = State::Sending;
        m_clientAnswered = true;
        m_lastProgressAt = nowMs;
        queueWindow(1);
        armTimer(nowMs);
        return Input::Progress;
    }

    // Match the 16-bit number to the window [m_lastAcked, m_highestSent] of 64-bit indexes.
    const quint16 delta = quint16(packet.block - quint16(m_lastAcked));
    if (delta == 0) {
        // A repeated ACK is never answered with data: answering it would double every
        // following block (RFC 1350's Sorcerer's Apprentice). Our own timer resends.
        return Input::Duplicate;
    }
    if (delta > m_highestSent - m_lastAcked)
        return Input::Stale;

    m_lastAcked += delta;
    m_clientAnswered = true;
    m_lastProgressAt = nowMs;
    if (m_finalIndex != 0 && m_lastAcked >= m_finalIndex) {
        m_state = State::Done;
        m_sendEnd = 0;
        return Input::Progress;
    }
    // RFC 7440 section 4: an ACK inside the window means the blocks after it were lost;
    // the next window starts right after it, so this also rolls back.
    queueWindow(m_lastAcked + 1);
    armTimer(nowMs);
    return Input::Progress;
}

void Session::handleTimer(qint64 nowMs)
{
    if (isFinished())
        return;
    if (nowMs - m_lastProgressAt >= m_config.deadlineMs) {
        fail(QStringLiteral("timeout"));
        return;
    }
    if (nowMs < m_retransmitAt)
        return;
    // Until the client has acknowledged something, its address is only what the request
    // claimed: a forged RRQ must not turn us into an amplifier aimed at someone else.
    // One repeat covers a lost first answer; after that the client has to ask again.
    if (!m_clientAnswered && m_retransmissions >= quint64(m_config.retransmitsBeforeFirstAck)) {
        fail(QStringLiteral("unanswered"));
        return;
    }
    ++m_retries;
    ++m_retransmissions;
    if (m_state == State::Negotiating)
        m_pendingControl = m_optionAck;
    else
        queueWindow(m_lastAcked + 1);  // roll back to the last acknowledged block
    m_retransmitAt = nowMs + currentTimeoutMs();
}

void Session::abort(const QString &reason)
{
    if (!isFinished())
        fail(reason);
}

qsizetype Session::nextDatagram(char *buffer, qsizetype capacity)
{
    if (capacity < kMaxDatagramSize)
        return 0;
    if (!m_pendingControl.isEmpty()) {
        const qsizetype size = m_pendingControl.size();
        std::memcpy(buffer, m_pendingControl.constData(), size_t(size));
        m_pendingControl.clear();
        return size;
    }
    if (m_state != State::Sending || m_sendNext > m_sendEnd)
        return 0;
    return produceBlock(m_sendNext++, buffer);
}

qint64 Session::nextTimerAt() const
{
    if (isFinished())
        return -1;
    return std::min<qint64>(m_retransmitAt, m_lastProgressAt + m_config.deadlineMs);
}

bool Session::isFinished() const
{
    return m_state == State::Done || m_state == State::Failed || m_state == State::ClientEnded;
}

qint64 Session::bytesAcknowledged() const
{
    if (m_state == State::Negotiating)
        return 0;
    return m_checkpoints[(m_lastAcked + 1) & kRingMask].encoder.offset;
}

void Session::queueWindow(quint64 first)
{
    m_sendNext = first;
    m_sendEnd = first + m_negotiation.windowSize - 1;
    if (m_finalIndex != 0)
        m_sendEnd = std::min(m_sendEnd, m_finalIndex);
}

void Session::armTimer(qint64 nowMs)
{
    m_retries = 0;
    m_retransmitAt = nowMs + currentTimeoutMs();
}

qint64 Session::currentTimeoutMs() const
{
    const qint64 base = m_negotiation.timeoutSeconds > 0 ? qint64(m_negotiation.timeoutSeconds) * 1000
                                                         : qint64(m_config.retransmitMs);
    const qint64 cap = std::max<qint64>(base, m_config.maxRetransmitMs);
    return std::min<qint64>(base << std::min(m_retries, 16), cap);
}

qsizetype Session::produceBlock(quint64 index, char *buffer)
{
    const qsizetype blockSize = m_negotiation.blockSize;
    NetasciiEncoder::State next = m_checkpoints[index & kRingMask].encoder;
    char *payload = buffer + kHeaderSize;
    qsizetype length = 0;
    if (!m_netascii) {
        const qint64 read = m_source.readAt(next.offset, payload, blockSize);
        if (read < 0)
            length = -1;
        else
            length = qsizetype(read);
        next.offset += std::max<qsizetype>(length, 0);
    } else {
        if (m_netasciiScratch.size() < blockSize)
            m_netasciiScratch.resize(blockSize);
        // Every source byte yields at least one byte, so this many always fill a block.
        const qint64 want = blockSize - (next.pending >= 0 ? 1 : 0);
        const qint64 read = m_source.readAt(next.offset, m_netasciiScratch.data(), want);
        if (read < 0)
            length = -1;
        else
            length = NetasciiEncoder::encode(QByteArrayView(m_netasciiScratch.constData(), read),
                                             payload, blockSize, next);
    }
    if (length < 0) {
        fail(QStringLiteral("read-error"));
        const QByteArray error = Packet::error(ErrorCode::NotDefined, "read error").toBytes();
        std::memcpy(buffer, error.constData(), size_t(error.size()));
        return error.size();
    }
    m_checkpoints[(index + 1) & kRingMask].encoder = next;
    if (length < blockSize) {
        // RFC 1350: a block shorter than the block size (possibly empty) ends the file.
        m_finalIndex = index;
        m_sendEnd = std::min(m_sendEnd, index);
    }
    m_highestSent = std::max(m_highestSent, index);
    writeDataHeader(buffer, quint16(index));
    return kHeaderSize + length;
}

void Session::fail(const QString &reason)
{
    m_state = State::Failed;
    m_failure = reason;
    m_pendingControl.clear();
    m_sendEnd = 0;
}

} // namespace Nbc::Tftp
