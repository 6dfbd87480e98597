#pragma once

#include <QByteArrayView>
#include <QList>
#include <QtGlobal>

namespace Nbc::Http {

// An inclusive byte range of a representation, as in "bytes first-last/size".
struct ByteRange {
    qint64 first = 0;
    qint64 last = -1;
    qint64 length() const { return last - first + 1; }
    friend bool operator==(const ByteRange &, const ByteRange &) = default;
};

// What to answer to a Range request for a representation of a known size (RFC 7233).
struct RangeSelection {
    enum class Kind {
        Full,            // no usable Range: 200 with the whole representation
        Partial,         // 206 with `range` and Content-Range
        Unsatisfiable,   // 416 with "Content-Range: bytes */size"
    };
    Kind kind = Kind::Full;
    ByteRange range;     // for Full, the whole representation (empty when size is 0)
};

// Decides how to answer the Range header values of one request for `size` bytes.
//
// - No Range header, a unit other than "bytes", a syntax error, or more than one Range
//   header: the header is ignored and the whole representation is sent (RFC 7233 3.1
//   allows ignoring Range; a syntactically invalid one MUST be ignored).
// - More than one range in the set ("bytes=0-1,5-6"): ignored as well. Boot clients never
//   ask for several ranges; a multipart/byteranges reply would buy nothing but code, and a
//   200 with the full body is always a correct answer.
// - `ifRangePresent`: we send no validators (ETag, Last-Modified), so an If-Range can never
//   be shown to match and the Range is ignored (RFC 7233 3.2).
// - One satisfiable range: 206. A last-byte-pos past the end is clamped; "-n" is the last n
//   bytes (the whole representation when n >= size).
// - One unsatisfiable range (first-byte-pos >= size, or "-0"): 416.
RangeSelection selectRange(const QList<QByteArrayView> &rangeHeaders, qint64 size,
                           bool ifRangePresent = false);

} // namespace Nbc::Http
