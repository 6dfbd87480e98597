#pragma once

#include "model/machineevent.h"
#include "engine/httpserver.h"
#include "protocol/http/httprequestparser.h"

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QString>
#include <QVariantMap>

#include <sys/types.h>

class QSocketNotifier;

namespace Nbc {

namespace Http {
struct Request;
struct ResponseHead;
}

// One client connection: a small state machine driven by its socket notifiers.
// Reading (waiting for a request head) → Sending (one response) → Reading ... and, after an
// error response, Lingering until the client has read it; then Closed.
class HttpConnection : public QObject
{
public:
    enum class State { Reading, Sending, Lingering, Closed };

    HttpConnection(HttpServer *server, int fd, const QHostAddress &peer, bool zeroCopy);

    ~HttpConnection() override { releaseDescriptors(); }

    State state() const { return m_state; }
    const QHostAddress &peer() const { return m_peer; }

    // Advances as far as the socket allows, within a budget so one fast client cannot
    // starve the others sharing this thread.
    void pump();

    // Called about once a second (or faster in tests) with the engine's clock.
    void checkTimeouts(qint64 now);

    // Ends the connection; an unfinished response is reported as failed with `reason`.
    void fail(const QString &reason);

    void close();

private:
    enum class SendResult { Done, WouldBlock, BudgetSpent, Failed };

    // What the engine reports about the response in flight.
    struct Report {
        EventKind event = EventKind::HttpFailed;
        // The machine, detail, facts and typed outcome every event of this response
        // carries (Boot::eventFor: what the route decided).
        MachineEvent base;
        int status = 0;
        bool head = false;
        bool transfer = false;     // HttpStart/Progress/Done for this response
        quint64 transferId = 0;
        qint64 total = 0;          // body bytes
        qint64 startMs = 0;
        qint64 lastReportMs = 0;
        qint64 lastReportBytes = 0;
        bool quiet = false;        // counted, not reported (see startResponse)
    };

    static Http::RequestParser::Limits parserLimits(const HttpServer::Limits &limits);

    void releaseDescriptors();

    void closeFile();

    void enterReading();

    // Reads what the socket has. False when there is nothing more to do now (would block,
    // or the connection ended).
    bool readSome();

    void beginSending(QByteArray bytes);

    void startErrorResponse(int status, bool allowHeader);

    void startResponse(const Http::Request &request);

    // Opens the planned file and fills in status, length and Content-Range. False when the
    // file cannot be served (the head then carries the error status).
    bool openFile(const QString &path, const Http::Request &request, Http::ResponseHead *head);

    SendResult sendSome(qint64 *budget);

    SendResult writeError(int error);

    SendResult failNow(const QString &reason);

    static constexpr ssize_t kRetry = -2;
    static constexpr ssize_t kFileShrank = -3;
    static constexpr ssize_t kFileError = -4;

    // Returns bytes sent, -1 with errno on a socket error, kRetry after switching to the
    // copy path, kFileShrank when the file ended before the length we promised.
    ssize_t sendFileZeroCopy(qint64 budget);

    // Bytes from a bounded buffer refilled by pread(): never more than kCopyBufferBytes
    // of a file in memory per connection.
    ssize_t sendFileCopy();

    void progress();

    void finishResponse();

    void reportFailure(const QString &reason);

    void emitEvent(EventKind kind, qint64 bytes, qint64 rate, const QString &detail);

    // The client has sent bytes that are not read yet.
    bool inputPending() const;
    void startLingering();

    void drainLingering();

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
    qint64 m_rateWindowStart = 0;  // the minimum rate is checked over windows from here
    qint64 m_rateWindowBytes = 0;  // m_written when the window started
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

} // namespace Nbc
