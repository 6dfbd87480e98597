#include "protocol/tftp/tftpnegotiation.h"

#include <algorithm>
#include <optional>

namespace Nbc::Tftp {

namespace {

// Option values are unsigned ASCII decimals; anything else (sign, space, hex, a number
// that does not fit) makes the option unacceptable rather than the request.
std::optional<quint64> parseDecimal(const QByteArray &text)
{
    if (text.isEmpty() || text.size() > 12)
        return std::nullopt;
    quint64 value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + quint64(c - '0');
    }
    return value;
}

QByteArray number(quint64 value)
{
    return QByteArray::number(value);
}

} // namespace

Negotiation Negotiation::negotiate(const OptionList &requested, Mode mode, qint64 fileSize,
                                   const NegotiationLimits &limits)
{
    Negotiation result;
    const quint16 maxBlock = std::clamp<quint16>(limits.maxBlockSize, 8, kMaxBlockSize);
    const quint16 maxWindow = std::max<quint16>(limits.maxWindowSize, 1);
    bool seenBlockSize = false;
    bool seenTransferSize = false;
    bool seenTimeout = false;
    bool seenWindowSize = false;

    // The first occurrence of a name counts; repeats are ignored, never acknowledged twice.
    for (const Option &option : requested) {
        const std::optional<quint64> value = parseDecimal(option.value);
        if (option.name == "blksize") {
            if (seenBlockSize)
                continue;
            seenBlockSize = true;
            // RFC 2348: 8..65464. Below 8 is refused (the default stays); above the limit
            // the server answers with the smaller size it accepts, as the RFC allows.
            if (!value || *value < 8)
                continue;
            result.blockSize = quint16(std::min<quint64>(*value, maxBlock));
            result.acknowledged.append(Option{option.name, number(result.blockSize)});
        } else if (option.name == "tsize") {
            if (seenTransferSize)
                continue;
            seenTransferSize = true;
            // RFC 2349: a read request carries 0 and the OACK the real size. In netascii
            // the transferred size differs from the file's and is unknown before sending,
            // so the option is not acknowledged (as dnsmasq does).
            if (!value || mode != Mode::Octet || fileSize < 0)
                continue;
            result.acknowledged.append(Option{option.name, number(quint64(fileSize))});
        } else if (option.name == "timeout") {
            if (seenTimeout)
                continue;
            seenTimeout = true;
            // RFC 2349: 1..255 seconds, acknowledged unchanged or not at all.
            if (!value || *value < 1 || *value > 255)
                continue;
            result.timeoutSeconds = int(*value);
            result.acknowledged.append(Option{option.name, number(*value)});
        } else if (option.name == "windowsize") {
            if (seenWindowSize)
                continue;
            seenWindowSize = true;
            // RFC 7440: 1..65535; the server may answer with a smaller window.
            if (!value || *value < 1 || *value > 65535)
                continue;
            result.windowSize = quint16(std::min<quint64>(*value, maxWindow));
            result.acknowledged.append(Option{option.name, number(result.windowSize)});
        }
        // Anything else (multicast, rollover, utimeout, vendor options) is not
        // acknowledged, which RFC 2347 defines as refusing it.
    }
    return result;
}

} // namespace Nbc::Tftp
