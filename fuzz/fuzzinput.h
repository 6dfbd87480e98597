#pragma once

// Shared by the libFuzzer targets: the input as Qt types, and a check that ends the run
// the way a sanitizer report does, so a broken invariant is a finding like a crash.

#include <QByteArray>
#include <QByteArrayView>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace NbcFuzz {

// The fuzzer's buffer without a copy: a read past its end is an ASan report, which a
// copy (with Qt's terminating NUL and spare capacity) could hide.
inline QByteArray rawBytes(const uint8_t *data, size_t size)
{
    return QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
}

// Splits the input at the first `separator`: before it, and after it (null when absent).
// Lets one input carry two parts (a request and the client's answers, a config and a patch)
// while a seed without the separator is still a whole, meaningful first part.
inline QByteArrayView firstPart(QByteArrayView input, QByteArrayView separator)
{
    const qsizetype at = input.indexOf(separator);
    return at < 0 ? input : input.first(at);
}

inline QByteArrayView secondPart(QByteArrayView input, QByteArrayView separator)
{
    const qsizetype at = input.indexOf(separator);
    return at < 0 ? QByteArrayView() : input.sliced(at + separator.size());
}

[[noreturn]] inline void fail(const char *file, int line, const char *what)
{
    std::fprintf(stderr, "%s:%d: invariant broken: %s\n", file, line, what);
    std::abort();
}

} // namespace NbcFuzz

// An invariant of the code under test; abort() makes libFuzzer save the input as crash-*.
#define NBC_FUZZ_CHECK(condition)                                                        \
    do {                                                                                 \
        if (!(condition))                                                                \
            NbcFuzz::fail(__FILE__, __LINE__, #condition);                               \
    } while (false)
