#include "protocol/http/httprange.h"

#include <limits>
#include <optional>

namespace Nbc::Http {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t';
}

QByteArrayView trimmed(QByteArrayView text)
{
    while (!text.isEmpty() && isSpace(text.front()))
        text = text.sliced(1);
    while (!text.isEmpty() && isSpace(text.back()))
        text.chop(1);
    return text;
}

// 1*DIGIT, rejecting values that would not fit in a qint64.
std::optional<qint64> parseDigits(QByteArrayView text)
{
    if (text.isEmpty())
        return std::nullopt;
    qint64 value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        if (value > (std::numeric_limits<qint64>::max() - (c - '0')) / 10)
            return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

RangeSelection full(qint64 size)
{
    RangeSelection selection;
    selection.kind = RangeSelection::Kind::Full;
    selection.range = {0, size - 1};
    return selection;
}

} // namespace

RangeSelection selectRange(const QList<QByteArrayView> &rangeHeaders, qint64 size,
                           bool ifRangePresent)
{
    if (rangeHeaders.size() != 1 || ifRangePresent || size < 0)
        return full(qMax<qint64>(size, 0));
    QByteArrayView spec = trimmed(rangeHeaders.front());
    // The unit is case-insensitive (RFC 7233 2.1 bytes-unit is a token compared as such).
    if (spec.size() < 6 || QByteArrayView(spec.first(6)).compare("bytes=", Qt::CaseInsensitive) != 0)
        return full(size);
    spec = trimmed(spec.sliced(6));
    // Empty list elements are allowed by the #rule; more than one real element is a
    // multi-range request, which we answer in full.
    QByteArrayView element;
    int elements = 0;
    qsizetype start = 0;
    while (start <= spec.size()) {
        qsizetype comma = spec.sliced(start).indexOf(',');
        const qsizetype end = comma < 0 ? spec.size() : start + comma;
        const QByteArrayView part = trimmed(spec.sliced(start, end - start));
        if (!part.isEmpty()) {
            element = part;
            ++elements;
        }
        start = end + 1;
    }
    if (elements != 1)
        return full(size);

    const qsizetype dash = element.indexOf('-');
    if (dash < 0)
        return full(size);
    const QByteArrayView firstText = trimmed(element.first(dash));
    const QByteArrayView lastText = trimmed(element.sliced(dash + 1));

    RangeSelection selection;
    if (firstText.isEmpty()) {
        // suffix-byte-range-spec "-n": the last n bytes.
        const std::optional<qint64> suffix = parseDigits(lastText);
        if (!suffix)
            return full(size);
        if (*suffix == 0 || size == 0) {
            selection.kind = RangeSelection::Kind::Unsatisfiable;
            return selection;
        }
        selection.kind = RangeSelection::Kind::Partial;
        selection.range = {size - qMin(*suffix, size), size - 1};
        return selection;
    }
    const std::optional<qint64> first = parseDigits(firstText);
    if (!first)
        return full(size);
    qint64 last = std::numeric_limits<qint64>::max();
    if (!lastText.isEmpty()) {
        const std::optional<qint64> parsed = parseDigits(lastText);
        // last < first makes the whole spec invalid (RFC 7233 2.1): ignored, not 416.
        if (!parsed || *parsed < *first)
            return full(size);
        last = *parsed;
    }
    if (*first >= size) {
        selection.kind = RangeSelection::Kind::Unsatisfiable;
        return selection;
    }
    selection.kind = RangeSelection::Kind::Partial;
    selection.range = {*first, qMin(last, size - 1)};
    return selection;
}

} // namespace Nbc::Http
