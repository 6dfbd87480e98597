// The HTTP engine's request parser (the http-parser adapter) over a byte stream that may
// hold several pipelined requests, and the Range header of each request it accepts.
// Seeds: tests/data/http/*.http (iPXE and Talos requests, a pipelined stream).
//
// The stream is parsed twice: as one read, and in small reads of varying size the way TCP
// may deliver it. Both must give the same requests and end the same way (sameOutcome).

#include "fuzzinput.h"

#include "protocol/http/httprange.h"
#include "protocol/http/httprequestparser.h"

#include <QList>
#include <QString>

#include <cstdint>
#include <cstdio>

using namespace Nbc::Http;

namespace {

void checkRanges(const Request &request)
{
    QList<QByteArrayView> ranges;
    for (const auto &h : request.headers) {
        if (h.first == "range")
            ranges.append(h.second);
    }
    const bool ifRange = request.headerCount("if-range") > 0;
    for (const qint64 size : {qint64(0), qint64(1), qint64(1000), qint64(1) << 40}) {
        const RangeSelection s = selectRange(ranges, size, ifRange);
        switch (s.kind) {
        case RangeSelection::Kind::Full:
            NBC_FUZZ_CHECK(s.range.first == 0 && s.range.last == size - 1);
            break;
        case RangeSelection::Kind::Partial:
            NBC_FUZZ_CHECK(s.range.first >= 0 && s.range.first <= s.range.last && s.range.last < size);
            NBC_FUZZ_CHECK(s.range.length() >= 1 && s.range.length() <= size);
            break;
        case RangeSelection::Kind::Unsatisfiable:
            break;
        }
    }
}

// One line per request or error: what the server would act on.
QString describe(const Request &r)
{
    QString line = QString::fromLatin1(r.method + ' ' + r.target) + u' ' + r.path + u'?' + r.query
                   + QStringLiteral(" %1.%2 %3").arg(r.versionMajor).arg(r.versionMinor).arg(r.keepAlive);
    for (const auto &h : r.headers)
        line += u' ' + QString::fromLatin1(h.first + ':' + h.second);
    return line;
}

struct Outcome {
    QStringList requests;     // what the server would act on, one line per request
    QString end;              // "idle", "incomplete" or the error's name
    QByteArray detail;        // http-parser's name of the error, for the report
};

// Reads the stream the way HttpConnection does: append what arrived, then take requests
// until the parser needs more or fails (an error ends the connection).
Outcome serve(QByteArrayView stream, qsizetype chunk)
{
    Outcome out;
    RequestParser parser;
    qsizetype pos = 0;
    int read = 0;
    while (pos < stream.size()) {
        const qsizetype n = chunk <= 0 ? stream.size() : std::min(stream.size() - pos, 1 + (chunk + read++) % 13);
        parser.append(stream.sliced(pos, n));
        pos += n;
        for (;;) {
            const RequestParser::Status status = parser.parse();
            if (status == RequestParser::Status::NeedMore)
                break;
            if (status == RequestParser::Status::Error) {
                NBC_FUZZ_CHECK(parser.error() != RequestError::None);
                const int code = statusForError(parser.error());
                NBC_FUZZ_CHECK(code >= 400 && code < 600);
                out.end = errorName(parser.error());
                out.detail = parser.errorDetail();
                return out;
            }
            const Request request = parser.takeRequest();
            NBC_FUZZ_CHECK(request.method == "GET" || request.method == "HEAD");
            NBC_FUZZ_CHECK(request.path.startsWith(u'/'));
            NBC_FUZZ_CHECK(!request.path.contains(QChar(0)));
            checkRanges(request);
            out.requests << describe(request);
        }
    }
    out.end = parser.inRequest() ? QStringLiteral("incomplete") : QStringLiteral("idle");
    return out;
}

bool isLimit(const QString &end)
{
    return end == errorName(RequestError::HeaderTooLarge) || end == errorName(RequestError::UriTooLong);
}

// The same requests, ended the same way. One exception, found by this target: a request
// that is over a size limit and also malformed further on may get either answer. The
// limits are counted as http-parser hands over header bytes, and it hands over a field
// or value in pieces at the end of each read but whole at its end otherwise, so the
// malformed byte can be seen before or after the count that overflows.
bool sameOutcome(const Outcome &a, const Outcome &b)
{
    if (a.requests != b.requests)
        return false;
    if (a.end == b.end)
        return true;
    const bool bothErrors = a.end != QLatin1String("idle") && a.end != QLatin1String("incomplete")
                            && b.end != QLatin1String("idle") && b.end != QLatin1String("incomplete");
    return bothErrors && (isLimit(a.end) || isLimit(b.end));
}

void print(const char *title, const Outcome &o)
{
    std::fprintf(stderr, "%s:\n", title);
    for (const QString &r : o.requests)
        std::fprintf(stderr, "  %s\n", qPrintable(r));
    std::fprintf(stderr, "  %s %s\n", qPrintable(o.end), o.detail.constData());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView stream(data, qsizetype(size));
    const Outcome whole = serve(stream, 0);
    const Outcome pieces = serve(stream, qsizetype(size % 7) + 1);
    if (!sameOutcome(whole, pieces)) {
        print("one read", whole);
        print("small reads", pieces);
    }
    NBC_FUZZ_CHECK(sameOutcome(whole, pieces));
    return 0;
}
