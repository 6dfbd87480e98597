#pragma once

#include "protocol/tftp/tftpsession.h"

#include <QElapsedTimer>

#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace Nbc {

// The file of one transfer, read ahead in chunks: a lock-step transfer asks for one block
// per acknowledgement, and a pread() per 1468 bytes was a third of the engine's system
// calls. Owning the descriptor means the file checked at open time is the one served,
// whatever happens to its name meanwhile. The chunk is allocated on first read and freed
// with the transfer, so a thousand waiting transfers cost no memory.
class ChunkedFileSource : public Tftp::BlockSource
{
public:
    static constexpr qint64 kChunkSize = 32 * 1024;
    explicit ChunkedFileSource(int fd) : m_fd(fd) {}
    ~ChunkedFileSource() override;
    ChunkedFileSource(const ChunkedFileSource &) = delete;
    ChunkedFileSource &operator=(const ChunkedFileSource &) = delete;

    qint64 readAt(qint64 offset, char *destination, qint64 length) override;
    // System calls that read the file so far (for tests and the profile).
    quint64 reads() const { return m_reads; }

private:
    qint64 preadFully(qint64 offset, char *destination, qint64 length);

    int m_fd;
    std::vector<char> m_chunk;
    qint64 m_chunkOffset = -1;   // file offset of m_chunk[0]; -1 while empty
    qint64 m_chunkLength = 0;
    quint64 m_reads = 0;
};

// One transfer's moving parts. Exactly one thread owns it at a time: the engine's while it
// is set up and after it ended, one worker's in between.
struct TftpTransfer {
    TftpTransfer(int fd, qint64 size, const Tftp::SessionConfig &config);
    ~TftpTransfer();
    TftpTransfer(const TftpTransfer &) = delete;
    TftpTransfer &operator=(const TftpTransfer &) = delete;

    // Sends what the session has to send on the transfer's connected socket. A full socket
    // buffer loses the datagram as the network could (the session retransmits); a port the
    // client closed ends the session as "client-gone".
    void flush(char *buffer, qsizetype capacity);

    ChunkedFileSource file;
    Tftp::Session session;
    int socket = -1;
    quint64 id = 0;
    qint64 lastEventAt = 0;      // when the last progress report went out
    qint64 lastEventBytes = 0;
};

// What the workers have to tell the engine's thread, collected between two take()s.
struct TftpReport {
    struct Progress {
        quint64 id = 0;
        qint64 bytes = 0;
        qint64 rate = -1;        // bytes per second since the last report
    };
    std::vector<Progress> progress;
    std::vector<std::unique_ptr<TftpTransfer>> finished;
    quint64 duplicateAcks = 0;
    quint64 staleAcks = 0;
    quint64 unexpected = 0;
    quint64 malformed = 0;
};

// The data plane of the TFTP engine: a few threads, each with its own epoll set of
// transfer sockets and one coarse timer for all its sessions' retransmissions. The engine
// keeps the well-known port, the checks and the events; a pallet's transfers are spread
// over the cores, because one thread moving lock-step blocks saturates one core.
class TftpTransferPool
{
public:
    // Sessions wake at their own retransmission times; this is how finely those are honoured.
    static constexpr int kTickMs = 50;
    // Progress reports: at most four a second per transfer (the registry coalesces further).
    static constexpr qint64 kProgressIntervalMs = 250;

    // `notify` is called from a worker's thread when a report starts to collect; it must
    // only schedule take() on the engine's thread. `clock` is the engine's, copied.
    TftpTransferPool(int threads, const QElapsedTimer &clock, std::function<void()> notify);
    ~TftpTransferPool();
    TftpTransferPool(const TftpTransferPool &) = delete;
    TftpTransferPool &operator=(const TftpTransferPool &) = delete;

    // A transfer whose session has started: the least busy worker takes it on.
    void adopt(std::unique_ptr<TftpTransfer> transfer);
    // Everything reported since the last call.
    TftpReport take();
    // Stops every worker and hands back the transfers that were still running (the
    // reports collected so far stay for take()). Idempotent.
    std::vector<std::unique_ptr<TftpTransfer>> stop();
    int threadCount() const { return int(m_workers.size()); }
    // Transfers each worker holds now (handed over and not yet reported ended).
    std::vector<int> loads() const;
    // How many threads the engine uses on this machine: one per core, at least two, at
    // most four.
    static int defaultThreadCount();

private:
    class Worker;
    friend class Worker;
    void report(const std::function<void(TftpReport &)> &fill);

    QElapsedTimer m_clock;
    std::function<void()> m_notify;
    std::vector<std::unique_ptr<Worker>> m_workers;
    std::mutex m_reportMutex;
    TftpReport m_report;
    bool m_notified = false;
};

} // namespace Nbc
