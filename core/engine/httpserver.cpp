#include "engine/httpserver.h"

#include "boot/httproute.h"
#include "protocol/http/httprange.h"
#include "protocol/http/httprequestparser.h"
#include "protocol/http/httpresponsehead.h"

#include <QDateTime>
#include <QFile>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTimer>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <functional>

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef Q_OS_LINUX
#include <sys/sendfile.h>
#endif

namespace Nbc {

namespace {

constexpr qint64 kProgressIntervalMs = 250;        // at most ~4 progress events a second
constexpr qint64 kBytesPerTurn = 2 * 1024 * 1024;  // then yield to other connections
constexpr int kRequestsPerTurn = 16;
constexpr qsizetype kCopyBufferBytes = 64 * 1024;
constexpr qsizetype kReadChunk = 16 * 1024;
constexpr qsizetype kMaxLingerBytes = 1024 * 1024;

// Hands accepted descriptors to the engine instead of wrapping them in QTcpSockets: the
// engine needs the raw socket for sendfile(2) and full control of when it reads.
class Listener : public QTcpServer
{
public:
    Listener(std::function<void(qintptr)> onAccept, QObject *parent)
        : QTcpServer(parent)
        , m_onAccept(std::move(onAccept))
    {
    }

protected:
    void incomingConnection(qintptr descriptor) override { m_onAccept(descriptor); }

private:
    std::function<void(qintptr)> m_onAccept;
};

QHostAddress peerAddress(int fd)
{
    sockaddr_storage storage {};
    socklen_t length = sizeof storage;
    if (::getpeername(fd, reinterpret_cast<sockaddr *>(&storage), &length) != 0)
        return {};
    QHostAddress address(reinterpret_cast<const sockaddr *>(&storage));
    bool mapped = false;
    const quint32 v4 = address.toIPv4Address(&mapped);
    return mapped ? QHostAddress(v4) : address;
}

// Route details are sometimes sentences for a person ("no config is assigned to ...");
// counters need a short stable key.
QString counterReason(const QString &detail, int status)
{
    const bool isKey = !detail.isEmpty() && detail.size() <= 32
        && std::all_of(detail.cbegin(), detail.cend(), [](QChar c) {
               return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'-';
           });
    return isKey ? detail : QStringLiteral("status-%1").arg(status);
}

QString errnoReason(int error)
{
    switch (error) {
    case EPIPE:
    case ECONNRESET:
    case ENOTCONN:
        return QStringLiteral("client-gone");
    case ETIMEDOUT:
        return QStringLiteral("client-timeout");
    default:
        return QStringLiteral("send-error");
    }
}

} // namespace

// One client connection: a small state machine driven by its socket notifiers.
// Reading (waiting for a request head) → Sending (one response) → Reading ... and, after an
// error response, Lingering until the client has read it; then Closed.
class HttpConnection : public QObject
{
public:
    enum class State { Reading, Sending, Lingering, Closed };

    HttpConnection(HttpServer *server, int fd, const QHostAddress &peer, bool zeroCopy)
        : QObject(server)
        , m_server(server)
        , m_fd(fd)
        , m_peer(peer)
        , m_zeroCopy(zeroCopy)
        , m_parser(parserLimits(server->m_limits))
    {
        m_readNotifier = new QSocketNotifier(fd, QSocketNotifier::Read, this);
        m_writeNotifier = new QSocketNotifier(fd, QSocketNotifier::Write, this);
        m_writeNotifier->setEnabled(false);
        connect(m_readNotifier, &QSocketNotifier::activated, this, [this] { pump(); });
        connect(m_writeNotifier, &QSocketNotifier::activated, this, [this] {
            m_writeNotifier->setEnabled(false);
            pump();
        });
        enterReading();
    }

    ~HttpConnection() override { releaseDescriptors(); }

    State state() const { return m_state; }

    // Advances as far as the socket allows, within a budget so one fast client cannot
    // starve the others sharing this thread.
    void pump()
    {
        qint64 budget = kBytesPerTurn;
        int requests = 0;
        while (m_state != State::Closed) {
            switch (m_state) {
            case State::Reading: {
                const Http::RequestParser::Status status = m_parser.parse();
                if (status == Http::RequestParser::Status::NeedMore) {
                    if (!readSome())
                        return;
                    continue;
                }
                if (status == Http::RequestParser::Status::Error) {
                    m_server->dropReason(Http::errorName(m_parser.error()));
                    startErrorResponse(Http::statusForError(m_parser.error()),
                                       m_parser.error() == Http::RequestError::MethodNotAllowed);
                    continue;
                }
                if (++requests > kRequestsPerTurn) {
                    // The parsed request stays in the parser; come back after other work.
                    QTimer::singleShot(0, this, [this] { pump(); });
                    return;
                }
                startResponse(m_parser.takeRequest());
                continue;
            }
            case State::Sending: {
                const SendResult result = sendSome(&budget);
                if (result == SendResult::Failed)
                    return;
                if (result == SendResult::WouldBlock || result == SendResult::BudgetSpent) {
                    // Budget spent: the socket is still writable, so the notifier fires on
                    // the next pass of the event loop, after the other connections.
                    m_writeNotifier->setEnabled(true);
                    return;
                }
                finishResponse();
                if (m_closeAfter) {
                    startLingering();
                    return;
                }
                enterReading();
                continue;
            }
            case State::Lingering:
                drainLingering();
                return;
            case State::Closed:
                return;
            }
        }
    }

    // Called about once a second (or faster in tests) with the engine's clock.
    void checkTimeouts(qint64 now)
    {
        const HttpServer::Limits &limits = m_server->m_limits;
        switch (m_state) {
        case State::Reading:
            if (now - m_stateSince < limits.headerTimeout.count())
                return;
            if (m_parser.inRequest() || m_parser.bufferedBytes() > 0) {
                m_server->dropReason(QStringLiteral("header-timeout"));
                startErrorResponse(408, false);
                pump();
            } else {
                close();   // an idle keep-alive connection: nothing to report
            }
            return;
        case State::Sending:
            if (now - m_lastWriteMs >= limits.sendStallTimeout.count())
                fail(QStringLiteral("send-stalled"));
            return;
        case State::Lingering:
            if (now - m_stateSince >= limits.lingerTimeout.count())
                close();
            return;
        case State::Closed:
            return;
        }
    }

    // Ends the connection; an unfinished response is reported as failed with `reason`.
    void fail(const QString &reason)
    {
        if (m_state == State::Closed)
            return;
        if (m_state == State::Sending) {
            m_server->dropReason(reason);
            reportFailure(reason);
        }
        close();
    }

    void close()
    {
        if (m_state == State::Closed)
            return;
        m_state = State::Closed;
        releaseDescriptors();
        m_server->forget(this);
        deleteLater();
    }

private:
    enum class SendResult { Done, WouldBlock, BudgetSpent, Failed };

    // What the engine reports about the response in flight.
    struct Report {
        EventKind event = EventKind::HttpFailed;
        QString mac;
        QString detail;
        QVariantMap facts;         // from the plan, e.g. what iPXE reported about the machine
        int status = 0;
        bool head = false;
        bool transfer = false;     // HttpStart/Progress/Done for this response
        quint64 transferId = 0;
        qint64 total = 0;          // body bytes
        qint64 startMs = 0;
        qint64 lastReportMs = 0;
        qint64 lastReportBytes = 0;
    };

    static Http::RequestParser::Limits parserLimits(const HttpServer::Limits &limits)
    {
        Http::RequestParser::Limits parser;
        parser.maxHeaderBytes = limits.maxHeaderBytes;
        return parser;
    }

    void releaseDescriptors()
    {
        closeFile();
        if (m_fd >= 0) {
            // Notifiers go first: a notifier must never watch a closed (and reused) number.
            delete m_readNotifier;
            delete m_writeNotifier;
            m_readNotifier = nullptr;
            m_writeNotifier = nullptr;
            ::close(m_fd);
            m_fd = -1;
        }
    }

    void closeFile()
    {
        if (m_fileFd >= 0) {
            ::close(m_fileFd);
            m_fileFd = -1;
        }
        m_fileRemaining = 0;
        m_copyBuffer = QByteArray();
        m_copyOffset = 0;
    }

    void enterReading()
    {
        m_state = State::Reading;
        m_stateSince = m_server->nowMs();
        m_writeNotifier->setEnabled(false);
        m_readNotifier->setEnabled(true);
    }

    // Reads what the socket has. False when there is nothing more to do now (would block,
    // or the connection ended).
    bool readSome()
    {
        char buffer[kReadChunk];
        for (;;) {
            const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
            if (n > 0) {
                m_parser.append(QByteArrayView(buffer, n));
                return true;
            }
            if (n == 0) {
                if (m_parser.inRequest() || m_parser.bufferedBytes() > 0)
                    m_server->dropReason(QStringLiteral("incomplete-request"));
                close();
                return false;
            }
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                m_readNotifier->setEnabled(true);
                return false;
            }
            m_server->dropReason(QStringLiteral("recv-error"));
            close();
            return false;
        }
    }

    void beginSending(QByteArray bytes)
    {
        m_out = std::move(bytes);
        m_outOffset = 0;
        m_written = 0;
        m_bodySent = 0;
        m_state = State::Sending;
        m_lastWriteMs = m_server->nowMs();
        // Back-pressure: the next request stays in the kernel until this one is sent.
        m_readNotifier->setEnabled(false);
    }

    void startErrorResponse(int status, bool allowHeader)
    {
        m_report = Report();
        m_report.status = status;
        QList<QPair<QByteArray, QByteArray>> headers;
        if (allowHeader)
            headers.append(qMakePair(QByteArray("Allow"), QByteArray("GET, HEAD")));
        const QByteArray bytes = Http::errorResponse(status, false, m_server->dateHeader(), headers);
        m_closeAfter = true;
        // The whole text counts as head: error responses are not transfers.
        m_headBytes = bytes.size();
        beginSending(bytes);
    }

    void startResponse(const Http::Request &request)
    {
        m_server->countKey(QStringLiteral("received"));
        Boot::HttpRequestInfo info;
        info.method = request.method;
        info.path = request.path;
        info.query = request.query;
        info.peer = m_peer;
        const Boot::HttpResponsePlan plan = Boot::routeHttp(m_server->currentSnapshot(), info);

        m_report = Report();
        m_report.event = plan.event;
        m_report.mac = plan.mac;
        m_report.detail = plan.detail;
        m_report.facts = plan.facts;
        m_report.head = request.isHead();
        m_closeAfter = !request.keepAlive;

        Http::ResponseHead head;
        head.status = plan.status;
        head.contentType = plan.contentType;
        head.headers = plan.headers;
        head.keepAlive = !m_closeAfter;
        head.date = m_server->dateHeader();

        QByteArray body;
        bool fromFile = false;
        if (!plan.filePath.isEmpty() && plan.status >= 200 && plan.status < 300) {
            fromFile = openFile(plan.filePath, request, &head);
            if (!fromFile)
                body = Http::reasonPhrase(head.status) + '\n';
        } else {
            body = plan.body;
            // Errors always carry a short text, for a person looking at curl's output.
            if (body.isEmpty() && plan.status >= 400)
                body = Http::reasonPhrase(plan.status) + '\n';
        }
        if (!fromFile)
            head.contentLength = body.size();
        m_report.status = head.status;
        m_report.total = head.contentLength;

        QByteArray bytes = head.toBytes();
        m_headBytes = bytes.size();
        if (request.isHead())
            closeFile();
        else
            bytes += body;
        beginSending(std::move(bytes));

        if (head.status >= 400)
            m_server->dropReason(counterReason(m_report.detail, head.status));
        if (m_report.head)
            return;
        if (plan.event == EventKind::HttpStart && head.status < 300) {
            m_report.transfer = true;
            m_report.transferId = m_server->nextTransferId();
            m_report.startMs = m_server->nowMs();
            m_report.lastReportMs = m_report.startMs;
            emitEvent(EventKind::HttpStart, 0, -1, m_report.detail);
        } else if (plan.event == EventKind::ConfigRefused) {
            // Refused once, whether or not the client reads the answer.
            emitEvent(EventKind::ConfigRefused, -1, -1, m_report.detail);
            m_report.event = EventKind::HttpFailed;
            m_report.mac.clear();
        }
    }

    // Opens the planned file and fills in status, length and Content-Range. False when the
    // file cannot be served (the head then carries the error status).
    bool openFile(const QString &path, const Http::Request &request, Http::ResponseHead *head)
    {
        // Opened first, then checked on the descriptor (no window between check and use);
        // O_NOFOLLOW because the router resolved links already.
        const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
        struct stat info {};
        if (fd < 0 || ::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
            const bool denied = fd < 0 && errno == EACCES;
            if (fd >= 0)
                ::close(fd);
            head->status = denied ? 403 : 404;
            head->contentType = "text/plain; charset=utf-8";
            m_report.detail = denied ? QStringLiteral("unreadable") : QStringLiteral("not-found");
            m_report.event = EventKind::HttpFailed;
            return false;
        }
        const qint64 size = info.st_size;
        QList<QByteArrayView> ranges;
        for (const auto &h : request.headers) {
            if (h.first == "range")
                ranges.append(h.second);
        }
        const Http::RangeSelection selection =
            Http::selectRange(ranges, size, request.headerCount("if-range") > 0);
        head->acceptRanges = true;
        head->completeLength = size;
        switch (selection.kind) {
        case Http::RangeSelection::Kind::Unsatisfiable:
            ::close(fd);
            head->status = 416;
            head->contentType = "text/plain; charset=utf-8";
            m_report.detail = QStringLiteral("range-not-satisfiable");
            m_report.event = EventKind::HttpFailed;
            return false;
        case Http::RangeSelection::Kind::Partial:
            head->status = 206;
            head->contentRange = selection.range;
            break;
        case Http::RangeSelection::Kind::Full:
            break;
        }
        head->contentLength = selection.range.length();
        m_fileFd = fd;
        m_fileOffset = selection.range.first;
        m_fileRemaining = selection.range.length();
        if (m_fileRemaining <= 0)
            closeFile();
        return true;
    }

    SendResult sendSome(qint64 *budget)
    {
        while (*budget > 0) {
            ssize_t n;
            qint64 bodyPart;
            if (m_outOffset < m_out.size()) {
                // MSG_MORE keeps the head in the same segment as the first file bytes.
                const int flags = MSG_NOSIGNAL | (m_fileRemaining > 0 ? MSG_MORE : 0);
                n = ::send(m_fd, m_out.constData() + m_outOffset, size_t(m_out.size() - m_outOffset), flags);
                if (n < 0 && errno == EINTR)
                    continue;
                if (n < 0)
                    return writeError(errno);
                // Bytes past the head in m_out are a small body.
                bodyPart = qMax<qint64>(0, m_outOffset + n - qMax<qint64>(m_outOffset, m_headBytes));
                m_outOffset += n;
            } else if (m_fileRemaining > 0) {
                n = m_zeroCopy ? sendFileZeroCopy(*budget) : sendFileCopy();
                if (n == kRetry)
                    continue;
                if (n == kFileShrank)
                    return failNow(QStringLiteral("file-shrank"));
                if (n == kFileError)
                    return failNow(QStringLiteral("file-read-error"));
                if (n < 0 && errno == EINTR)
                    continue;
                if (n < 0)
                    return writeError(errno);
                bodyPart = n;
                m_fileRemaining -= n;
                if (m_fileRemaining == 0)
                    closeFile();
            } else {
                return SendResult::Done;
            }
            *budget -= n;
            m_written += n;
            m_bodySent += bodyPart;
            m_lastWriteMs = m_server->nowMs();
            progress();
        }
        return m_outOffset < m_out.size() || m_fileRemaining > 0 ? SendResult::BudgetSpent : SendResult::Done;
    }

    SendResult writeError(int error)
    {
        if (error == EAGAIN || error == EWOULDBLOCK)
            return SendResult::WouldBlock;
        return failNow(errnoReason(error));
    }

    SendResult failNow(const QString &reason)
    {
        fail(reason);
        return SendResult::Failed;
    }

    static constexpr ssize_t kRetry = -2;
    static constexpr ssize_t kFileShrank = -3;
    static constexpr ssize_t kFileError = -4;

    // Returns bytes sent, -1 with errno on a socket error, kRetry after switching to the
    // copy path, kFileShrank when the file ended before the length we promised.
    ssize_t sendFileZeroCopy(qint64 budget)
    {
#ifdef Q_OS_LINUX
        off_t offset = off_t(m_fileOffset);
        const size_t count = size_t(qMin(m_fileRemaining, budget));
        const ssize_t n = ::sendfile(m_fd, m_fileFd, &offset, count);
        if (n > 0) {
            m_fileOffset = offset;
            return n;
        }
        if (n == 0)
            return kFileShrank;
        if (errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP) {
            // Some file systems cannot splice; the copy path always works.
            m_zeroCopy = false;
            return kRetry;
        }
        return -1;
#else
        Q_UNUSED(budget);
        m_zeroCopy = false;
        return kRetry;
#endif
    }

    // Bytes from a bounded buffer refilled by pread(): never more than kCopyBufferBytes
    // of a file in memory per connection.
    ssize_t sendFileCopy()
    {
        if (m_copyOffset >= m_copyBuffer.size()) {
            if (m_copyBuffer.capacity() < kCopyBufferBytes)
                m_copyBuffer.reserve(kCopyBufferBytes);
            m_copyBuffer.resize(qMin<qint64>(kCopyBufferBytes, m_fileRemaining));
            ssize_t n;
            do {
                n = ::pread(m_fileFd, m_copyBuffer.data(), size_t(m_copyBuffer.size()), off_t(m_fileOffset));
            } while (n < 0 && errno == EINTR);
            if (n == 0)
                return kFileShrank;
            if (n < 0)
                return kFileError;
            m_copyBuffer.resize(n);
            m_copyOffset = 0;
            m_fileOffset += n;
        }
        const ssize_t n = ::send(m_fd, m_copyBuffer.constData() + m_copyOffset,
                                 size_t(m_copyBuffer.size() - m_copyOffset), MSG_NOSIGNAL);
        if (n > 0)
            m_copyOffset += n;
        return n;
    }

    void progress()
    {
        if (!m_report.transfer || m_bodySent >= m_report.total)
            return;   // HttpDone follows the last byte
        const qint64 now = m_server->nowMs();
        const qint64 elapsed = now - m_report.lastReportMs;
        if (elapsed < kProgressIntervalMs)
            return;
        const qint64 rate = (m_bodySent - m_report.lastReportBytes) * 1000 / elapsed;
        m_report.lastReportMs = now;
        m_report.lastReportBytes = m_bodySent;
        emitEvent(EventKind::HttpProgress, m_bodySent, rate, {});
    }

    void finishResponse()
    {
        m_server->countKey(QStringLiteral("served"));
        m_server->countKey(QStringLiteral("bytes-sent"), quint64(m_written));
        closeFile();
        m_out = QByteArray();
        m_outOffset = 0;
        if (!m_report.head && m_report.status != 0) {
            if (m_report.transfer) {
                const qint64 elapsed = qMax<qint64>(1, m_server->nowMs() - m_report.startMs);
                emitEvent(EventKind::HttpDone, m_bodySent, m_bodySent * 1000 / elapsed, {});
            } else if (m_report.event == EventKind::ScriptServed
                       || (m_report.event == EventKind::ConfigServed && m_report.status < 400)) {
                // Scripts count whatever their status: an "http-404" after-install script
                // is a deliberate answer the registry needs to see.
                emitEvent(m_report.event, m_bodySent, -1, {});
            } else if (m_report.event == EventKind::HttpFailed && m_report.status >= 400
                       && !m_report.mac.isEmpty()) {
                // A refusal attributable to a machine (its kernel is missing, ...).
                emitEvent(EventKind::HttpFailed, -1, -1, {});
            }
        }
        m_report = Report();
    }

    void reportFailure(const QString &reason)
    {
        if (m_report.head)
            return;
        const bool served = m_report.event == EventKind::ScriptServed || m_report.event == EventKind::ConfigServed;
        if (!m_report.transfer && !(served && !m_report.mac.isEmpty()))
            return;
        emitEvent(EventKind::HttpFailed, m_bodySent, -1, m_report.detail + QStringLiteral(": ") + reason);
    }

    void emitEvent(EventKind kind, qint64 bytes, qint64 rate, const QString &detail)
    {
        MachineEvent event = makeEvent(kind, m_report.mac, m_peer, detail.isEmpty() ? m_report.detail : detail);
        event.bytes = bytes;
        event.total = m_report.total;
        event.rate = rate;
        event.transferId = m_report.transferId;
        event.facts = m_report.facts;
        m_server->report(event);
    }

    void startLingering()
    {
        // Half-close and read what the client still sends, so that closing does not turn
        // into a reset that destroys the error response before the client reads it.
        ::shutdown(m_fd, SHUT_WR);
        m_state = State::Lingering;
        m_stateSince = m_server->nowMs();
        m_lingerBytes = 0;
        m_writeNotifier->setEnabled(false);
        m_readNotifier->setEnabled(true);
        drainLingering();
    }

    void drainLingering()
    {
        char buffer[kReadChunk];
        for (;;) {
            const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
            if (n > 0) {
                m_lingerBytes += n;
                if (m_lingerBytes > kMaxLingerBytes) {
                    close();
                    return;
                }
                continue;
            }
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
                return;
            close();
            return;
        }
    }

    HttpServer *m_server;
    int m_fd;
    QHostAddress m_peer;
    bool m_zeroCopy;
    Http::RequestParser m_parser;
    QSocketNotifier *m_readNotifier = nullptr;
    QSocketNotifier *m_writeNotifier = nullptr;
    State m_state = State::Reading;
    qint64 m_stateSince = 0;
    qint64 m_lastWriteMs = 0;
    qsizetype m_lingerBytes = 0;
    bool m_closeAfter = false;

    // The response in flight: head (and small body) from m_out, then the file.
    QByteArray m_out;
    qsizetype m_outOffset = 0;
    qsizetype m_headBytes = 0;
    qint64 m_written = 0;          // head and body bytes handed to the kernel
    qint64 m_bodySent = 0;
    int m_fileFd = -1;
    qint64 m_fileOffset = 0;       // next byte to read from the file
    qint64 m_fileRemaining = 0;    // file bytes not yet handed to the socket
    QByteArray m_copyBuffer;
    qsizetype m_copyOffset = 0;
    Report m_report;
};

HttpServer::HttpServer(QObject *parent)
    : Engine(QStringLiteral("http"), parent)
    // Transfer ids start high so they never collide with another engine's in a registry
    // that keys transfers by id alone.
    , m_lastTransferId(quint64(3) << 56)
{
    m_clock.start();
}

HttpServer::~HttpServer()
{
    closeAll(QStringLiteral("server-stopped"));
}

void HttpServer::start()
{
    if (m_listener)
        return;
    // sendfile(2) has no MSG_NOSIGNAL: a client that vanishes must not kill the process.
    struct sigaction current {};
    if (::sigaction(SIGPIPE, nullptr, &current) == 0 && current.sa_handler == SIG_DFL)
        ::signal(SIGPIPE, SIG_IGN);
    if (!listen())
        return;
    if (!m_sweepTimer) {
        m_sweepTimer = new QTimer(this);
        connect(m_sweepTimer, &QTimer::timeout, this, &HttpServer::sweep);
    }
    const qint64 shortest = std::min({m_limits.headerTimeout.count(), m_limits.sendStallTimeout.count(),
                                      m_limits.lingerTimeout.count()});
    m_sweepTimer->start(int(std::clamp<qint64>(shortest / 4, 20, 1000)));
}

bool HttpServer::listen()
{
    const BootSnapshot &snap = snapshot();
    QHostAddress address = snap.bindAddress.isNull() ? snap.serverAddress : snap.bindAddress;
    if (address.isNull())
        address = QHostAddress::Any;
    auto *listener = new Listener([this](qintptr descriptor) { accept(descriptor); }, this);
    listener->setListenBacklogSize(1024);
    if (!listener->listen(address, snap.httpPort)) {
        const QString detail = listener->errorString();
        delete listener;
        setFailed(tr("The HTTP server cannot listen on %1 port %2: %3")
                      .arg(address.toString()).arg(snap.httpPort).arg(detail),
                  bindFix(snap.httpPort, detail, Transport::Tcp));
        return false;
    }
    connect(listener, &QTcpServer::acceptError, this, [this, listener](QAbstractSocket::SocketError) {
        // Out of descriptors: Qt stops accepting; try again shortly rather than never.
        drop(QStringLiteral("accept-failed"));
        listener->pauseAccepting();
        QTimer::singleShot(100, listener, [listener] { listener->resumeAccepting(); });
    });
    m_listener = listener;
    m_boundAddress = snap.bindAddress.isNull() ? snap.serverAddress : snap.bindAddress;
    m_boundPort = snap.httpPort;
    setRunning(QStringLiteral("%1:%2").arg(listener->serverAddress().toString()).arg(listener->serverPort()));
    return true;
}

void HttpServer::stop()
{
    if (m_sweepTimer)
        m_sweepTimer->stop();
    const bool wasRunning = m_listener != nullptr;
    delete m_listener;
    m_listener = nullptr;
    closeAll(QStringLiteral("server-stopped"));
    if (wasRunning)
        setStopped();
}

void HttpServer::setSnapshot(const BootSnapshot &snapshot)
{
    Engine::setSnapshot(snapshot);
    if (!m_listener)
        return;
    const QHostAddress address = snapshot.bindAddress.isNull() ? snapshot.serverAddress : snapshot.bindAddress;
    if (address == m_boundAddress && snapshot.httpPort == m_boundPort)
        return;
    // A new address or port: listen there; connections already open finish normally.
    delete m_listener;
    m_listener = nullptr;
    listen();
}

void HttpServer::accept(qintptr descriptor)
{
    const int fd = int(descriptor);
    if (m_connections.size() >= m_limits.maxConnections) {
        // One best-effort write; the client learns why instead of seeing a reset.
        static const QByteArray busy = Http::errorResponse(503, false);
        [[maybe_unused]] const ssize_t n = ::send(fd, busy.constData(), size_t(busy.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
        ::close(fd);
        drop(QStringLiteral("too-many-connections"));
        return;
    }
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0 || ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) != 0) {
        ::close(fd);
        drop(QStringLiteral("socket-setup"));
        return;
    }
    // Responses are written whole (MSG_MORE joins a head to its file); Nagle would only
    // delay the last segment of each small script or config.
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    auto *connection = new HttpConnection(this, fd, peerAddress(fd), m_zeroCopy);
    m_connections.insert(connection);
    m_open.store(int(m_connections.size()));
    count(QStringLiteral("connections"));
    connection->pump();
}

void HttpServer::sweep()
{
    const qint64 now = nowMs();
    // A copy: checking may close (and forget) connections.
    const QSet<HttpConnection *> connections = m_connections;
    for (HttpConnection *connection : connections)
        connection->checkTimeouts(now);
}

void HttpServer::closeAll(const QString &reason)
{
    const QSet<HttpConnection *> connections = m_connections;
    for (HttpConnection *connection : connections) {
        connection->fail(reason);
        delete connection;
    }
    m_connections.clear();
    m_open.store(0);
}

void HttpServer::forget(HttpConnection *connection)
{
    m_connections.remove(connection);
    m_open.store(int(m_connections.size()));
}

QByteArray HttpServer::dateHeader()
{
    const qint64 second = qint64(std::time(nullptr));
    if (second != m_dateSecond) {
        m_dateSecond = second;
        m_date = Http::httpDate(QDateTime::currentDateTimeUtc());
    }
    return m_date;
}

} // namespace Nbc
