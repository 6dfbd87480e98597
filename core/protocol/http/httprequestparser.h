#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>
#include <QString>

#include <memory>

namespace Nbc::Http {

// One request head as the server needs it. Bodies are never accepted (see RequestError).
struct Request {
    QByteArray method;        // "GET" or "HEAD": the parser refuses every other method
    QByteArray target;        // the request-target as sent, for logs
    QString path;             // percent-decoded, always starts with '/'
    QString query;            // raw query without '?', still percent-encoded
    QList<QPair<QByteArray, QByteArray>> headers;   // names lower-cased, values trimmed
    int versionMajor = 1;
    int versionMinor = 1;
    bool keepAlive = true;    // the connection may carry another request after this one

    bool isHead() const { return method == "HEAD"; }
    // The first value of a header (name in lower case), or a null QByteArray.
    QByteArray header(QByteArrayView name) const;
    qsizetype headerCount(QByteArrayView name) const;
};

// Why a request was refused. Every error ends the connection: after one the byte stream
// can no longer be trusted to be framed the way the client thinks it is.
enum class RequestError {
    None,
    BadRequest,          // 400: not HTTP, bad framing, bad percent-escape, NUL in the path
    ForbiddenPath,       // 403: ".." segment or encoded '/' in the path: never routed
    MethodNotAllowed,    // 405: a known method other than GET/HEAD
    BodyNotAllowed,      // 413: a Content-Length > 0 or a Transfer-Encoding on GET/HEAD
    UriTooLong,          // 414
    HeaderTooLarge,      // 431: request line + headers above the limit, or too many headers
    NotImplemented,      // 501: a method token http-parser does not know
    VersionNotSupported, // 505: anything but HTTP/1.x
};

int statusForError(RequestError error);
// Counter-friendly name: "bad-request", "header-too-large", ...
QString errorName(RequestError error);

// Incremental request-head parser over http-parser. Bytes are appended as they arrive;
// parse() stops at the end of each request so that the caller answers requests one at a
// time (pipelining) and bytes after a request wait in the parser's buffer, never parsed
// ahead. Pure: no sockets, no clocks.
class RequestParser
{
public:
    struct Limits {
        int maxHeaderBytes = 16 * 1024;   // request line + header fields and values
        int maxUriBytes = 8 * 1024;
        int maxHeaderCount = 100;
    };
    enum class Status { NeedMore, Request, Error };

    RequestParser();
    explicit RequestParser(const Limits &limits);
    ~RequestParser();
    RequestParser(const RequestParser &) = delete;
    RequestParser &operator=(const RequestParser &) = delete;

    // Adds bytes to parse. The caller bounds how much it appends before calling parse()
    // (the server appends only while it waits for a request).
    void append(QByteArrayView bytes);
    // Parses buffered bytes up to the end of the next request. After Request, take it
    // with takeRequest(); after Error the parser stays in error.
    Status parse();
    Request takeRequest();

    RequestError error() const { return m_error; }
    // http-parser's own name of the error, when it found it ("HPE_INVALID_METHOD"), for logs.
    QByteArray errorDetail() const { return m_errorDetail; }
    // True once the first byte of a request has been parsed and until its head is complete:
    // the server times such a request out (slow clients holding connections open).
    bool inRequest() const { return m_inRequest; }
    // Bytes appended but not yet parsed (they follow a complete request).
    qsizetype bufferedBytes() const { return m_buffer.size() - m_offset; }

private:
    struct Impl;
    friend struct Impl;
    void fail(RequestError error, QByteArray detail = {});
    bool finishRequest();
    void classifyParserError(int httpErrno);
    // Keeps the first bytes of the current request for classifyMethodError().
    void notePrefix(const char *data, qsizetype length);
    // After http-parser refused the method: 501 or 400 (true), or false while the bytes
    // that decide it have not all arrived.
    bool classifyMethodError();

    Limits m_limits;
    std::unique_ptr<Impl> m_impl;
    QByteArray m_buffer;
    qsizetype m_offset = 0;
    RequestError m_error = RequestError::None;
    QByteArray m_errorDetail;
    bool m_inRequest = false;
    bool m_haveRequest = false;
    QByteArray m_prefix;      // the first bytes of the current request, to classify errors
    bool m_methodPending = false;   // the method was refused; waiting to tell 501 from 400

    // The request being parsed.
    Request m_request;
    QByteArray m_url;
    QByteArray m_field;
    QByteArray m_value;
    bool m_lastWasValue = false;
    int m_headerBytes = 0;
};

// Decodes %XX escapes of a URL path. Returns false on a malformed escape.
bool percentDecode(QByteArrayView encoded, QByteArray *decoded);

} // namespace Nbc::Http
