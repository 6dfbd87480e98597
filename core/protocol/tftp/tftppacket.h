#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

namespace Nbc::Tftp {

// RFC 1350 section 5, RFC 2347 (OACK).
enum class Opcode : quint16 {
    ReadRequest = 1,
    WriteRequest = 2,
    Data = 3,
    Ack = 4,
    Error = 5,
    OptionAck = 6,
};

// RFC 1350 appendix "Error Codes", RFC 2347 adds 8.
enum class ErrorCode : quint16 {
    NotDefined = 0,
    FileNotFound = 1,
    AccessViolation = 2,
    DiskFull = 3,
    IllegalOperation = 4,
    UnknownTransferId = 5,
    FileExists = 6,
    NoSuchUser = 7,
    OptionNegotiation = 8,
};

enum class Mode { Octet, NetAscii, Mail };

// Why a datagram was not a TFTP packet. The names double as counter keys.
enum class ParseError {
    None,
    Truncated,          // shorter than its opcode's fixed part
    UnknownOpcode,
    Oversize,           // larger than any packet of that opcode may be
    MissingTerminator,  // a string field without its NUL
    EmptyFileName,
    UnknownMode,        // neither octet, netascii nor mail
    OddOptionList,      // an option name without a value
    EmptyOptionName,
    TooManyOptions,
};

QString parseErrorName(ParseError error);

// Largest payload of a DATA packet (RFC 2348: blksize is at most 65464) and the largest
// datagram this codec accepts or builds.
constexpr qsizetype kMaxBlockSize = 65464;
constexpr qsizetype kHeaderSize = 4;
constexpr qsizetype kMaxDatagramSize = kHeaderSize + kMaxBlockSize;
// RFC 2347 limits a request to 512 octets; real clients with long paths exceed that a
// little, so requests get twice as much before they are called oversize.
constexpr qsizetype kMaxRequestSize = 1024;
// RFC 2347-2349 and 7440 define five options; a request with more is not a boot client.
constexpr qsizetype kMaxOptions = 16;

// An RFC 2347 option. Names are compared case-insensitively, so parse() lower-cases them.
struct Option {
    QByteArray name;
    QByteArray value;
    friend bool operator==(const Option &a, const Option &b) = default;
};
using OptionList = QList<Option>;

struct ParseResult;

// One TFTP packet, built or parsed. Which fields matter depends on the opcode:
// requests use fileName/mode/options, OACK options, DATA block/data, ACK block,
// ERROR errorCode/errorMessage.
struct Packet {
    Opcode opcode = Opcode::Ack;
    QByteArray fileName;
    Mode mode = Mode::Octet;
    OptionList options;
    quint16 block = 0;
    QByteArray data;
    ErrorCode errorCode = ErrorCode::NotDefined;
    QByteArray errorMessage;

    static ParseResult parse(QByteArrayView bytes);
    QByteArray toBytes() const;

    // The value of the first option of that (lower-case) name; null when absent.
    QByteArray option(QByteArrayView name) const;

    static Packet readRequest(const QByteArray &fileName, Mode mode = Mode::Octet,
                              const OptionList &options = {});
    static Packet writeRequest(const QByteArray &fileName, Mode mode = Mode::Octet);
    static Packet dataBlock(quint16 block, const QByteArray &data);
    static Packet ack(quint16 block);
    static Packet error(ErrorCode code, const QByteArray &message);
    static Packet optionAck(const OptionList &options);

    friend bool operator==(const Packet &a, const Packet &b) = default;
};

struct ParseResult {
    Packet packet;
    ParseError error = ParseError::None;
    bool ok() const { return error == ParseError::None; }
};

QByteArray modeName(Mode mode);

// Writes the 4-byte DATA header in front of a payload the caller places at buffer + 4:
// the send path fills one reusable buffer instead of building a packet per block.
inline void writeDataHeader(char *buffer, quint16 block)
{
    buffer[0] = 0;
    buffer[1] = char(Opcode::Data);
    buffer[2] = char(block >> 8);
    buffer[3] = char(block & 0xff);
}

} // namespace Nbc::Tftp
