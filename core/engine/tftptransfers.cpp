#include "engine/tftptransfers.h"

#include <QLoggingCategory>
#include <QThread>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <unordered_map>

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

Q_DECLARE_LOGGING_CATEGORY(lcTftp)   // defined with the engine, in tftpserver.cpp

namespace Nbc {

namespace {

// Datagrams taken from one transfer per wake-up, so one busy client cannot starve others.
constexpr int kBatch = 64;
// Readiness events taken per epoll_wait().
constexpr int kEvents = 128;
// A byte more than any valid datagram, so oversize ones are noticed.
constexpr size_t kBufferSize = size_t(Tftp::kMaxDatagramSize) + 1;

} // namespace

// ---------------------------------------------------------------- ChunkedFileSource

ChunkedFileSource::~ChunkedFileSource()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

qint64 ChunkedFileSource::preadFully(qint64 offset, char *destination, qint64 length)
{
    qint64 done = 0;
    while (done < length) {
        ++m_reads;
        const ssize_t n = ::pread(m_fd, destination + done, size_t(length - done), off_t(offset + done));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (n == 0)
            break;
        done += n;
    }
    return done;
}

qint64 ChunkedFileSource::readAt(qint64 offset, char *destination, qint64 length)
{
    if (length <= 0)
        return 0;
    // Blocks may be up to 65464 bytes, more than a chunk: those go straight to the file.
    if (length > kChunkSize)
        return preadFully(offset, destination, length);
    const bool inside = m_chunkOffset >= 0 && offset >= m_chunkOffset
                        && offset + length <= m_chunkOffset + m_chunkLength;
    if (!inside) {
        m_chunk.resize(size_t(kChunkSize));
        const qint64 n = preadFully(offset, m_chunk.data(), kChunkSize);
        if (n < 0) {
            m_chunkOffset = -1;
            return -1;
        }
        m_chunkOffset = offset;
        m_chunkLength = n;
    }
    const qint64 available = std::min(length, m_chunkOffset + m_chunkLength - offset);
    std::memcpy(destination, m_chunk.data() + (offset - m_chunkOffset), size_t(available));
    return available;
}

// ---------------------------------------------------------------- TftpTransfer

TftpTransfer::TftpTransfer(int fd, qint64 size, const Tftp::SessionConfig &config)
    : file(fd)
    , session(file, size, config)
{
}

TftpTransfer::~TftpTransfer()
{
    if (socket >= 0)
        ::close(socket);
}

void TftpTransfer::flush(char *buffer, qsizetype capacity)
{
    for (;;) {
        const qsizetype n = session.nextDatagram(buffer, capacity);
        if (n == 0)
            break;
        if (::send(socket, buffer, size_t(n), 0) < 0 && errno == ECONNREFUSED) {
            session.abort(QStringLiteral("client-gone"));
            break;
        }
    }
}

// ---------------------------------------------------------------- one worker

class TftpTransferPool::Worker
{
public:
    Worker(TftpTransferPool &pool, int index)
        : m_pool(pool)
    {
        m_epoll = ::epoll_create1(EPOLL_CLOEXEC);
        m_wake = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        if (m_epoll >= 0 && m_wake >= 0) {
            epoll_event event {};
            event.events = EPOLLIN;
            event.data.ptr = nullptr;   // the wake-up descriptor
            ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wake, &event);
        }
        m_thread.reset(QThread::create([this] { run(); }));
        m_thread->setObjectName(QStringLiteral("nbc-tftp-%1").arg(index + 1));
        m_thread->start();
    }

    ~Worker()
    {
        stop();
        if (m_wake >= 0)
            ::close(m_wake);
        if (m_epoll >= 0)
            ::close(m_epoll);
    }

    Worker(const Worker &) = delete;
    Worker &operator=(const Worker &) = delete;

    int load() const { return m_load.load(std::memory_order_relaxed); }

    void adopt(std::unique_ptr<TftpTransfer> transfer)
    {
        m_load.fetch_add(1, std::memory_order_relaxed);
        {
            const std::lock_guard lock(m_mutex);
            m_incoming.push_back(std::move(transfer));
        }
        wake();
    }

    // Joins the thread; afterwards its transfers belong to the caller.
    std::vector<std::unique_ptr<TftpTransfer>> stop()
    {
        if (m_thread && m_thread->isRunning()) {
            {
                const std::lock_guard lock(m_mutex);
                m_stopping = true;
            }
            wake();
            m_thread->wait();
        }
        std::vector<std::unique_ptr<TftpTransfer>> left;
        for (auto &[pointer, transfer] : m_owned)
            left.push_back(std::move(transfer));
        m_owned.clear();
        const std::lock_guard lock(m_mutex);
        for (auto &transfer : m_incoming)
            left.push_back(std::move(transfer));
        m_incoming.clear();
        m_load.store(0, std::memory_order_relaxed);
        return left;
    }

private:
    struct Counters {
        quint64 duplicateAcks = 0, staleAcks = 0, unexpected = 0, malformed = 0;
        bool any() const { return duplicateAcks || staleAcks || unexpected || malformed; }
    };

    void wake()
    {
        const quint64 one = 1;
        [[maybe_unused]] const ssize_t n = ::write(m_wake, &one, sizeof(one));
    }

    // Takes the transfers handed over since the last wake-up; false when told to stop.
    bool takeIncoming(qint64 now, qint64 *nextTick)
    {
        quint64 value = 0;
        [[maybe_unused]] const ssize_t n = ::read(m_wake, &value, sizeof(value));
        std::vector<std::unique_ptr<TftpTransfer>> incoming;
        {
            const std::lock_guard lock(m_mutex);
            if (m_stopping)
                return false;
            incoming.swap(m_incoming);
        }
        if (m_owned.empty() && !incoming.empty())
            *nextTick = now + kTickMs;
        for (auto &transfer : incoming) {
            TftpTransfer *t = transfer.get();
            epoll_event event {};
            event.events = EPOLLIN;
            event.data.ptr = t;
            if (::epoll_ctl(m_epoll, EPOLL_CTL_ADD, t->socket, &event) != 0) {
                qCWarning(lcTftp) << "cannot watch a transfer socket:" << std::strerror(errno);
                t->session.abort(QStringLiteral("socket"));
            }
            m_owned.emplace(t, std::move(transfer));
            if (t->session.isFinished())
                retire(*t);
        }
        return true;
    }

    void service(TftpTransfer &t, qint64 now)
    {
        for (int i = 0; i < kBatch && !t.session.isFinished(); ++i) {
            const ssize_t n = ::recv(t.socket, m_buffer.data(), m_buffer.size(), 0);
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                // An ICMP port unreachable for an earlier block: the client has gone away.
                if (errno == ECONNREFUSED)
                    t.session.abort(QStringLiteral("client-gone"));
                break;
            }
            switch (t.session.receive(QByteArrayView(m_buffer.data(), n), now)) {
            case Tftp::Session::Input::Progress:
            case Tftp::Session::Input::Ended:
                break;
            case Tftp::Session::Input::Duplicate:
                ++m_counters.duplicateAcks;
                break;
            case Tftp::Session::Input::Stale:
                ++m_counters.staleAcks;
                break;
            case Tftp::Session::Input::Unexpected:
                ++m_counters.unexpected;
                break;
            case Tftp::Session::Input::Malformed:
                ++m_counters.malformed;
                break;
            }
            t.flush(m_buffer.data(), qsizetype(m_buffer.size()));
        }
        afterActivity(t, now);
    }

    void afterActivity(TftpTransfer &t, qint64 now)
    {
        if (t.session.isFinished()) {
            retire(t);
            return;
        }
        const qint64 bytes = t.session.bytesAcknowledged();
        if (now - t.lastEventAt < kProgressIntervalMs || bytes == t.lastEventBytes)
            return;
        TftpReport::Progress progress;
        progress.id = t.id;
        progress.bytes = bytes;
        progress.rate = now > t.lastEventAt ? (bytes - t.lastEventBytes) * 1000 / (now - t.lastEventAt) : -1;
        t.lastEventAt = now;
        t.lastEventBytes = bytes;
        m_pool.report([&progress](TftpReport &report) { report.progress.push_back(progress); });
    }

    void retire(TftpTransfer &t)
    {
        ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, t.socket, nullptr);
        const auto it = m_owned.find(&t);
        if (it == m_owned.end())
            return;
        std::unique_ptr<TftpTransfer> transfer = std::move(it->second);
        m_owned.erase(it);
        m_load.fetch_sub(1, std::memory_order_relaxed);
        m_pool.report([&transfer](TftpReport &report) { report.finished.push_back(std::move(transfer)); });
    }

    void tick(qint64 now)
    {
        std::vector<TftpTransfer *> due;
        for (auto &[pointer, transfer] : m_owned) {
            const qint64 at = transfer->session.nextTimerAt();
            if ((at >= 0 && now >= at) || transfer->session.isFinished()
                || now - transfer->lastEventAt >= kProgressIntervalMs)
                due.push_back(pointer);
        }
        for (TftpTransfer *t : due) {
            const qint64 at = t->session.nextTimerAt();
            if (at >= 0 && now >= at) {
                t->session.handleTimer(now);
                t->flush(m_buffer.data(), qsizetype(m_buffer.size()));
            }
            afterActivity(*t, now);
        }
        if (m_counters.any()) {
            const Counters counters = m_counters;
            m_counters = {};
            m_pool.report([&counters](TftpReport &report) {
                report.duplicateAcks += counters.duplicateAcks;
                report.staleAcks += counters.staleAcks;
                report.unexpected += counters.unexpected;
                report.malformed += counters.malformed;
            });
        }
    }

    void run()
    {
        m_buffer.resize(kBufferSize);
        std::array<epoll_event, kEvents> events {};
        qint64 nextTick = m_pool.m_clock.elapsed() + kTickMs;
        for (;;) {
            const qint64 before = m_pool.m_clock.elapsed();
            const int timeout = m_owned.empty() && !m_counters.any()
                                    ? -1 : int(std::clamp<qint64>(nextTick - before, 0, kTickMs));
            const int n = ::epoll_wait(m_epoll, events.data(), kEvents, timeout);
            if (n < 0 && errno != EINTR) {
                // Said once, not every tick; the timer below still retransmits and ends
                // the sessions, so a broken worker fails its transfers instead of hanging.
                if (!m_epollFailed)
                    qCWarning(lcTftp) << "epoll_wait failed:" << std::strerror(errno);
                m_epollFailed = true;
                QThread::msleep(kTickMs);
            }
            const qint64 now = m_pool.m_clock.elapsed();
            bool incoming = false;
            for (int i = 0; i < n; ++i) {
                if (events[size_t(i)].data.ptr == nullptr)
                    incoming = true;
                else
                    service(*static_cast<TftpTransfer *>(events[size_t(i)].data.ptr), now);
            }
            if (incoming && !takeIncoming(now, &nextTick))
                return;
            if (now >= nextTick) {
                tick(now);
                nextTick = now + kTickMs;
            }
        }
    }

    TftpTransferPool &m_pool;
    int m_epoll = -1;
    int m_wake = -1;
    std::unique_ptr<QThread> m_thread;
    std::mutex m_mutex;
    std::vector<std::unique_ptr<TftpTransfer>> m_incoming;   // guarded by m_mutex
    bool m_stopping = false;                                 // guarded by m_mutex
    std::atomic<int> m_load {0};
    // The worker thread's own, until stop() has joined it.
    std::unordered_map<TftpTransfer *, std::unique_ptr<TftpTransfer>> m_owned;
    std::vector<char> m_buffer;
    Counters m_counters;
    bool m_epollFailed = false;
};

// ---------------------------------------------------------------- the pool

TftpTransferPool::TftpTransferPool(int threads, const QElapsedTimer &clock, std::function<void()> notify)
    : m_clock(clock)
    , m_notify(std::move(notify))
{
    for (int i = 0; i < std::max(1, threads); ++i)
        m_workers.push_back(std::make_unique<Worker>(*this, i));
}

TftpTransferPool::~TftpTransferPool()
{
    stop();
}

int TftpTransferPool::defaultThreadCount()
{
    return std::clamp(QThread::idealThreadCount(), 2, 4);
}

void TftpTransferPool::adopt(std::unique_ptr<TftpTransfer> transfer)
{
    Worker *least = m_workers.front().get();
    for (const auto &worker : m_workers) {
        if (worker->load() < least->load())
            least = worker.get();
    }
    least->adopt(std::move(transfer));
}

std::vector<int> TftpTransferPool::loads() const
{
    std::vector<int> out;
    for (const auto &worker : m_workers)
        out.push_back(worker->load());
    return out;
}

void TftpTransferPool::report(const std::function<void(TftpReport &)> &fill)
{
    bool notify = false;
    {
        const std::lock_guard lock(m_reportMutex);
        fill(m_report);
        notify = !m_notified;
        m_notified = true;
    }
    if (notify && m_notify)
        m_notify();
}

TftpReport TftpTransferPool::take()
{
    const std::lock_guard lock(m_reportMutex);
    TftpReport out = std::move(m_report);
    m_report = TftpReport();
    m_notified = false;
    return out;
}

std::vector<std::unique_ptr<TftpTransfer>> TftpTransferPool::stop()
{
    std::vector<std::unique_ptr<TftpTransfer>> left;
    for (const auto &worker : m_workers) {
        std::vector<std::unique_ptr<TftpTransfer>> part = worker->stop();
        for (auto &transfer : part)
            left.push_back(std::move(transfer));
    }
    return left;
}

} // namespace Nbc
