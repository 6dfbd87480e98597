#include "protocol/http/httpresponsehead.h"

#include <cstdio>

#include <array>

namespace Nbc::Http {

namespace {

// Headers the server derives from the response itself; a plan must not add a second copy.
bool isOwnedHeader(const QByteArray &name)
{
    static const std::array<QByteArrayView, 7> owned = {
        "content-length", "content-type", "content-range", "accept-ranges",
        "connection", "transfer-encoding", "date",
    };
    const QByteArray lower = name.toLower();
    for (const QByteArrayView o : owned) {
        if (lower == o)
            return true;
    }
    return false;
}

bool isSafeName(const QByteArray &name)
{
    if (name.isEmpty())
        return false;
    for (const char c : name) {
        if (c <= 0x20 || c >= 0x7f || c == ':')
            return false;
    }
    return true;
}

bool isSafeValue(const QByteArray &value)
{
    return !value.contains('\r') && !value.contains('\n') && !value.contains('\0');
}

} // namespace

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 204: return "No Content";
    case 206: return "Partial Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 413: return "Payload Too Large";
    case 414: return "URI Too Long";
    case 416: return "Range Not Satisfiable";
    case 423: return "Locked";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: break;
    }
    if (status >= 200 && status < 300)
        return "OK";
    if (status >= 400 && status < 500)
        return "Client Error";
    if (status >= 500)
        return "Server Error";
    return "Status";
}

QByteArray httpDate(const QDateTime &time)
{
    static const std::array<const char *, 7> days = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static const std::array<const char *, 12> months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    // Formatted by hand: QLocale/QDateTime::toString would follow the system locale.
    const QDateTime utc = time.toUTC();
    const QDate d = utc.date();
    const QTime t = utc.time();
    char buffer[40];
    const int n = std::snprintf(buffer, sizeof buffer, "%s, %02d %s %04d %02d:%02d:%02d GMT",
                                days.at(size_t(d.dayOfWeek() - 1)), d.day(), months.at(size_t(d.month() - 1)),
                                d.year(), t.hour(), t.minute(), t.second());
    return QByteArray(buffer, n);
}

QByteArray ResponseHead::toBytes() const
{
    QByteArray out;
    out.reserve(256);
    out += "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    if (!date.isEmpty())
        out += "Date: " + date + "\r\n";
    if (!contentType.isEmpty() && isSafeValue(contentType))
        out += "Content-Type: " + contentType + "\r\n";
    // Always, even for HEAD and errors: iPXE without it falls back to reading until close,
    // which is much slower and breaks keep-alive.
    out += "Content-Length: " + QByteArray::number(contentLength) + "\r\n";
    if (contentRange && completeLength >= 0) {
        out += "Content-Range: bytes " + QByteArray::number(contentRange->first) + '-'
            + QByteArray::number(contentRange->last) + '/' + QByteArray::number(completeLength) + "\r\n";
    } else if (status == 416 && completeLength >= 0) {
        out += "Content-Range: bytes */" + QByteArray::number(completeLength) + "\r\n";
    }
    if (acceptRanges)
        out += "Accept-Ranges: bytes\r\n";
    for (const auto &header : headers) {
        if (!isSafeName(header.first) || !isSafeValue(header.second) || isOwnedHeader(header.first))
            continue;
        out += header.first + ": " + header.second + "\r\n";
    }
    out += keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
    out += "\r\n";
    return out;
}

QByteArray errorResponse(int status, bool keepAlive, const QByteArray &date,
                         const QList<QPair<QByteArray, QByteArray>> &headers, qint64 completeLength)
{
    const QByteArray body = reasonPhrase(status) + '\n';
    ResponseHead head;
    head.status = status;
    head.contentType = "text/plain; charset=utf-8";
    head.contentLength = body.size();
    head.keepAlive = keepAlive;
    head.date = date;
    head.headers = headers;
    head.completeLength = completeLength;
    return head.toBytes() + body;
}

} // namespace Nbc::Http
