#pragma once

#include <QList>
#include <QString>

#include <utility>
#include <variant>

namespace Nbc::Dhcp {

// What a malformed part of a packet costs us, from least to most (the levels of ISC Kea's
// option parser): one option is ignored, the rest of an option area is ignored, or the
// whole packet is dropped.
enum class ErrorLevel { SkipOption, StopOptions, DropPacket };

enum class ErrorCode {
    Empty,                  // zero bytes
    TooLarge,               // more than any UDP payload can hold
    TruncatedHeader,        // shorter than the 236-byte BOOTP header + 4-byte cookie
    BadOperation,           // op is neither BOOTREQUEST nor BOOTREPLY
    BadHardwareLength,      // hlen > 16 (chaddr is 16 bytes)
    BadMagicCookie,         // not 99.130.83.99 (RFC 2131 section 3): plain BOOTP, or garbage
    OptionLengthPastEnd,    // an option's length runs past its area
    BadOptionLength,        // an option's length does not fit its definition
    BadOverload,            // option 52 with a value other than 1, 2 or 3
    TooManyOptions,         // more option instances than any honest client sends
    BadSubOption,           // a malformed sub-option inside option 43 or 175
    DoesNotFit,             // building: the options do not fit the message size
};

QString errorCodeName(ErrorCode code);

struct Error {
    ErrorCode code = ErrorCode::Empty;
    ErrorLevel level = ErrorLevel::DropPacket;
    QString text;           // for logs: what was wrong and where
};

// A value or the error that prevented it.
template <typename T>
class Result
{
public:
    Result(T value) : m_data(std::move(value)) {}
    Result(Error error) : m_data(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return ok(); }
    const T &value() const { return std::get<T>(m_data); }
    T &value() { return std::get<T>(m_data); }
    const T *operator->() const { return &value(); }
    const Error &error() const { return std::get<Error>(m_data); }

private:
    std::variant<T, Error> m_data;
};

} // namespace Nbc::Dhcp
