#pragma once

#include "protocol/tftp/netascii.h"
#include "protocol/tftp/tftpnegotiation.h"
#include "protocol/tftp/tftppacket.h"

#include <array>

namespace Nbc::Tftp {

// Where a session reads the file from. The server reads with pread() on the file it
// opened for the transfer; tests read from memory.
class BlockSource
{
public:
    virtual ~BlockSource() = default;
    // Reads up to `length` bytes at `offset`; fewer only at end of file; -1 on error.
    virtual qint64 readAt(qint64 offset, char *destination, qint64 length) = 0;
};

struct SessionConfig {
    NegotiationLimits limits;
    int retransmitMs = 1000;      // first retransmission when the client asks no timeout
    int maxRetransmitMs = 8000;   // the backoff doubles up to this
    int deadlineMs = 30000;       // give up after this long without an acknowledgement
    // Before the client's first ACK nothing proves it asked: at most this many repeats
    // of the first answer, then the session ends as "unanswered".
    int retransmitsBeforeFirstAck = 1;
};

// The sending side of one read request, as a pure state machine: it is given the time
// and the client's datagrams, and says what to send and when it wants to be woken.
// Nothing here touches a socket or a clock, so every path is testable with plain values.
//
// Block numbers on the wire are 16 bits; internally they are 64-bit indexes, so a file
// of more than 65535 blocks wraps to 0 on the wire (as curl, atftp, iPXE and EDK2 expect)
// while acknowledgements are still matched to the right block.
class Session
{
public:
    enum class State {
        Negotiating,   // OACK sent, waiting for ACK 0
        Sending,
        Done,          // the last block was acknowledged
        Failed,        // we gave up: see failure()
        ClientEnded,   // the client sent an ERROR: see clientError()
    };
    // What one incoming datagram was, for the engine's counters.
    enum class Input {
        Progress,      // acknowledged new data
        Duplicate,     // an ACK of what was already acknowledged: ignored
        Stale,         // an ACK outside the window (delayed, or not ours): ignored
        Unexpected,    // a valid packet a reading client should not send: ignored
        Malformed,
        Ended,         // the client's ERROR ended the session
    };

    // The largest window: checkpoints of the blocks in flight are kept in a small ring.
    static constexpr quint16 kMaxWindowSize = 64;

    Session(BlockSource &source, qint64 fileSize, const SessionConfig &config = {});

    // Starts answering an accepted read request (octet or netascii).
    void start(const Packet &request, qint64 nowMs);
    Input receive(QByteArrayView datagram, qint64 nowMs);
    // Call at (or after) nextTimerAt(): retransmits with backoff or gives up.
    void handleTimer(qint64 nowMs);
    // Ends the session from outside (e.g. the client's port became unreachable).
    void abort(const QString &reason);

    // The next datagram to send, written into `buffer` (capacity at least
    // kMaxDatagramSize); 0 when there is nothing more to send now.
    qsizetype nextDatagram(char *buffer, qsizetype capacity);
    // When to call handleTimer() next, in the caller's milliseconds; -1 when finished.
    qint64 nextTimerAt() const;

    State state() const { return m_state; }
    bool isFinished() const;
    QString failure() const { return m_failure; }  // "timeout", "unanswered", "read-error", ...
    ErrorCode clientErrorCode() const { return m_clientErrorCode; }
    QByteArray clientErrorMessage() const { return m_clientErrorMessage; }

    const Negotiation &negotiation() const { return m_negotiation; }
    qint64 fileSize() const { return m_fileSize; }
    // Bytes of the file the client has acknowledged.
    qint64 bytesAcknowledged() const;
    quint64 retransmissions() const { return m_retransmissions; }

private:
    struct Checkpoint {
        NetasciiEncoder::State encoder;
    };
    static constexpr quint64 kRingMask = 127;

    void queueWindow(quint64 first);
    void armTimer(qint64 nowMs);
    qint64 currentTimeoutMs() const;
    qsizetype produceBlock(quint64 index, char *buffer);
    void fail(const QString &reason);

    BlockSource &m_source;
    const qint64 m_fileSize;
    const SessionConfig m_config;
    Negotiation m_negotiation;
    State m_state = State::Negotiating;
    bool m_netascii = false;

    QByteArray m_optionAck;            // kept for retransmission while negotiating
    QByteArray m_pendingControl;       // an OACK or ERROR to send before any data
    quint64 m_lastAcked = 0;           // highest block index the client acknowledged
    quint64 m_highestSent = 0;
    quint64 m_finalIndex = 0;          // the short block that ends the file; 0 = not yet known
    quint64 m_sendNext = 1;            // [m_sendNext, m_sendEnd] still to be sent now
    quint64 m_sendEnd = 0;
    std::array<Checkpoint, kRingMask + 1> m_checkpoints{};
    QByteArray m_netasciiScratch;

    qint64 m_lastProgressAt = 0;
    qint64 m_retransmitAt = -1;
    int m_retries = 0;
    quint64 m_retransmissions = 0;
    bool m_clientAnswered = false;     // the client acknowledged something: it is really there

    QString m_failure;
    ErrorCode m_clientErrorCode = ErrorCode::NotDefined;
    QByteArray m_clientErrorMessage;
};

} // namespace Nbc::Tftp
