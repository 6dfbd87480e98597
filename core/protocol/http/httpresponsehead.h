#pragma once

#include "protocol/http/httprange.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>

#include <optional>

namespace Nbc::Http {

// The status line and headers of one response. The server decides the values; this only
// writes them in a shape every client we care about reads.
struct ResponseHead {
    int status = 200;
    QByteArray contentType;               // omitted when empty
    qint64 contentLength = 0;             // always sent, also for HEAD and errors
    std::optional<ByteRange> contentRange;   // 206: "bytes first-last/completeLength"
    qint64 completeLength = -1;           // the representation's size, for Content-Range
    bool acceptRanges = false;            // "Accept-Ranges: bytes" (files only)
    bool keepAlive = true;                // "Connection: keep-alive" or "close"
    QByteArray date;                      // an IMF-fixdate from httpDate(), omitted when empty
    QList<QPair<QByteArray, QByteArray>> headers;   // extra headers, e.g. Allow, Cache-Control

    // The head as wire bytes, ending with the empty line. Extra headers whose name or
    // value could break the framing (CR, LF, NUL, ':' in a name) are left out, and so are
    // extra headers that would duplicate one this struct owns (Content-Length, ...).
    QByteArray toBytes() const;
};

// "OK", "Not Found", ...: the reason phrase for a status code.
QByteArray reasonPhrase(int status);

// RFC 7231 7.1.1.1 IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT". The caller owns the clock.
QByteArray httpDate(const QDateTime &time);

// A complete short text response for an error status (400, 404, 416, ...): head and body.
// `completeLength` >= 0 adds "Content-Range: bytes */completeLength" (for 416).
QByteArray errorResponse(int status, bool keepAlive, const QByteArray &date = {},
                         const QList<QPair<QByteArray, QByteArray>> &headers = {},
                         qint64 completeLength = -1);

} // namespace Nbc::Http
