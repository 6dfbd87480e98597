#include "engine/httpconnection.h"

#include "boot/httproute.h"
#include "protocol/http/httprange.h"
#include "protocol/http/httprequestparser.h"
#include "protocol/http/httpresponsehead.h"

#include <QDateTime>
#include <QFile>
#include <QSocketNotifier>
#include <QTimer>
#include <QUrlQuery>

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
constexpr qint64 kInlineFileBytes = 16 * 1024;        // sent with the head in one system call

// Counters need a short stable key: the route's failure code, or the finer reason of a
// refused path ("traversal", "symlink-escape") where safepath gave one; route details
// that are sentences for a person never name a counter.
QString counterReason(const QString &detail, FailureCode failure, int status)
{
    const bool isKey = !detail.isEmpty() && detail.size() <= 32
        && std::all_of(detail.cbegin(), detail.cend(), [](QChar c) {
               return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'-';
           });
    if (isKey)
        return detail;
    return failure != FailureCode::None ? failureKey(failure) : QStringLiteral("status-%1").arg(status);
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

HttpConnection::HttpConnection(HttpServer *server, int fd, const QHostAddress &peer, bool zeroCopy)
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

void HttpConnection::pump()
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
                m_readNotifier->setEnabled(false);
                m_writeNotifier->setEnabled(true);
                return;
            }
            const bool failed = m_report.status >= 400;
            finishResponse();
            if (m_closeAfter) {
                // A successful answer to a client that asked to close and sent nothing
                // more is closed at once (no reset can overtake it); the rest linger so
                // an error response is not destroyed by a reset. With a thousand machines
                // each fetching with "Connection: close", lingering on every answer held
                // the connection slots until the clients got round to closing.
                if (!failed && !inputPending()) {
                    close();
                    return;
                }
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

void HttpConnection::checkTimeouts(qint64 now)
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
        if (now - m_lastWriteMs >= limits.sendStallTimeout.count()) {
            fail(QStringLiteral("send-stalled"));
            return;
        }
        // nginx's send_timeout idea, by volume: a reader that takes a byte now and then
        // resets any stall timer yet keeps its slot for ever. Too little in a whole window
        // and the slot goes to someone else.
        if (now - m_rateWindowStart >= limits.minRateWindow.count()) {
            if (m_written - m_rateWindowBytes < limits.minRateBytes) {
                m_server->refuseSource(QStringLiteral("too-slow"), m_peer);
                reportFailure(QStringLiteral("too-slow"));
                // A reset, not a FIN queued behind megabytes it will never read: the kernel
                // lets go of the buffers now, and the reader learns at once.
                const linger reset{1, 0};
                ::setsockopt(m_fd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
                close();
                return;
            }
            m_rateWindowStart = now;
            m_rateWindowBytes = m_written;
        }
        return;
    case State::Lingering:
        if (now - m_stateSince >= limits.lingerTimeout.count())
            close();
        return;
    case State::Closed:
        return;
    }
}

void HttpConnection::fail(const QString &reason)
{
    if (m_state == State::Closed)
        return;
    if (m_state == State::Sending) {
        m_server->dropReason(reason);
        reportFailure(reason);
    }
    close();
}

void HttpConnection::close()
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    releaseDescriptors();
    m_server->forget(this);
    deleteLater();
}

Http::RequestParser::Limits HttpConnection::parserLimits(const HttpServer::Limits &limits)
{
    Http::RequestParser::Limits parser;
    parser.maxHeaderBytes = limits.maxHeaderBytes;
    return parser;
}

void HttpConnection::releaseDescriptors()
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

void HttpConnection::closeFile()
{
    if (m_fileFd >= 0) {
        ::close(m_fileFd);
        m_fileFd = -1;
    }
    m_fileRemaining = 0;
    m_copyBuffer = QByteArray();
    m_copyOffset = 0;
}

void HttpConnection::enterReading()
{
    m_state = State::Reading;
    m_stateSince = m_server->nowMs();
    m_writeNotifier->setEnabled(false);
    m_readNotifier->setEnabled(true);
}

bool HttpConnection::readSome()
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

void HttpConnection::beginSending(QByteArray bytes)
{
    m_out = std::move(bytes);
    m_outOffset = 0;
    m_written = 0;
    m_bodySent = 0;
    m_state = State::Sending;
    m_lastWriteMs = m_server->nowMs();
    m_rateWindowStart = m_lastWriteMs;
    m_rateWindowBytes = 0;
    // Back-pressure: the next request stays in the kernel until this one is sent. The
    // read notifier is turned off only when the answer has to wait for the socket (see
    // pump): most answers go out at once, and each turn on and off wakes the event loop.
}

void HttpConnection::startErrorResponse(int status, bool allowHeader)
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

void HttpConnection::startResponse(const Http::Request &request)
{
    m_server->countKey(QStringLiteral("received"));
    Boot::HttpRequestInfo info;
    info.method = request.method;
    info.path = request.path;
    info.query = request.query;
    info.peer = m_peer;
    if (const std::optional<Boot::MachineRoute> route = Boot::machineRoute(request.path)) {
        // The address the machine's DHCP exchange gave it, never the asker's word for it.
        info.machineAddress = m_server->machineAddress(route->mac);
        if (!info.machineAddress.isNull() && info.machineAddress == m_peer) {
            if (route->leaf == QLatin1String("script.ipxe"))
                info.issuedToken = m_server->issueToken(route->mac, m_peer);
            else if (route->leaf == QLatin1String("config.yaml"))
                info.tokenCheck = m_server->checkToken(QUrlQuery(request.query).queryItemValue(QStringLiteral("t")),
                                                       route->mac, m_peer);
        }
    }
    const Boot::HttpResponsePlan plan = Boot::routeHttp(m_server->currentSnapshot(), info);

    m_report = Report();
    m_report.event = plan.event;
    m_report.base = Boot::eventFor(plan, m_peer);
    // A file of the HTTP root asked for by an address no machine is known at: no row of
    // the table could show it, so it is counted (served:anonymous), not reported per
    // request. A machine's own downloads, scripts and configs are always reported.
    m_report.quiet = plan.mac.isEmpty() && plan.artifact == ArtifactKind::Other
        && request.path.startsWith(QLatin1String("/files/")) && m_server->machineAt(m_peer).isEmpty();
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
        if (!fromFile) {
            body = Http::reasonPhrase(head.status) + '\n';
        } else if (m_fileFd >= 0 && m_fileRemaining <= kInlineFileBytes && !request.isHead()) {
            // A small file (a script, a config, a poll's answer) goes out with its head in
            // one send: a sendfile() and a second system call cost more than the copy.
            body.resize(m_fileRemaining);
            const ssize_t n = ::pread(m_fileFd, body.data(), size_t(m_fileRemaining), off_t(m_fileOffset));
            if (n == m_fileRemaining)
                closeFile();
            else
                body.clear();   // changed under us: streamed as before, which notices
        }
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
        m_server->dropReason(counterReason(m_report.base.detail, m_report.base.failure, head.status));
    if (m_report.head)
        return;
    if (plan.event == EventKind::HttpStart && head.status < 300) {
        m_report.transfer = true;
        m_report.transferId = m_server->nextTransferId();
        m_report.startMs = m_server->nowMs();
        m_report.lastReportMs = m_report.startMs;
        emitEvent(EventKind::HttpStart, 0, -1, m_report.base.detail);
    } else if (plan.event == EventKind::ConfigRefused) {
        // Refused once, whether or not the client reads the answer.
        emitEvent(EventKind::ConfigRefused, -1, -1, m_report.base.detail);
        m_report.event = EventKind::HttpFailed;
        m_report.base.mac.clear();
    }
}

bool HttpConnection::openFile(const QString &path, const Http::Request &request, Http::ResponseHead *head)
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
        m_report.base.failure = denied ? FailureCode::Unreadable : FailureCode::NotFound;
        m_report.base.detail = failureKey(m_report.base.failure);
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
        m_report.base.failure = FailureCode::RangeNotSatisfiable;
        m_report.base.detail = failureKey(m_report.base.failure);
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

HttpConnection::SendResult HttpConnection::sendSome(qint64 *budget)
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

HttpConnection::SendResult HttpConnection::writeError(int error)
{
    if (error == EAGAIN || error == EWOULDBLOCK)
        return SendResult::WouldBlock;
    return failNow(errnoReason(error));
}

HttpConnection::SendResult HttpConnection::failNow(const QString &reason)
{
    fail(reason);
    return SendResult::Failed;
}

ssize_t HttpConnection::sendFileZeroCopy(qint64 budget)
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

ssize_t HttpConnection::sendFileCopy()
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

void HttpConnection::progress()
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

void HttpConnection::finishResponse()
{
    m_server->countKey(QStringLiteral("served"));
    if (m_report.quiet && m_report.status != 0)
        m_server->countKey(QStringLiteral("served:anonymous"));
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
                   && !m_report.base.mac.isEmpty()) {
            // A refusal attributable to a machine (its kernel is missing, ...).
            emitEvent(EventKind::HttpFailed, -1, -1, {});
        }
    }
    m_report = Report();
}

void HttpConnection::reportFailure(const QString &reason)
{
    if (m_report.head)
        return;
    const bool served = m_report.event == EventKind::ScriptServed || m_report.event == EventKind::ConfigServed;
    if (!m_report.transfer && !(served && !m_report.base.mac.isEmpty()))
        return;
    m_report.base.failure = FailureCode::Interrupted;
    emitEvent(EventKind::HttpFailed, m_bodySent, -1, m_report.base.detail + QStringLiteral(": ") + reason);
}

void HttpConnection::emitEvent(EventKind kind, qint64 bytes, qint64 rate, const QString &detail)
{
    if (m_report.quiet)
        return;
    MachineEvent event = m_report.base;
    event.time = QDateTime::currentDateTimeUtc();
    event.kind = kind;
    if (!detail.isEmpty())
        event.detail = detail;
    event.bytes = bytes;
    event.total = m_report.total;
    event.rate = rate;
    event.transferId = m_report.transferId;
    if (kind != EventKind::HttpFailed && kind != EventKind::ConfigRefused)
        event.failure = FailureCode::None;
    m_server->report(event);
}

bool HttpConnection::inputPending() const
{
    char byte;
    const ssize_t n = ::recv(m_fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    return n > 0;
}

void HttpConnection::startLingering()
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

void HttpConnection::drainLingering()
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

} // namespace Nbc
