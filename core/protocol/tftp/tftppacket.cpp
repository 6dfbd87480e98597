#include "protocol/tftp/tftppacket.h"

#include <cstring>

namespace Nbc::Tftp {

namespace {

quint16 readU16(const char *p)
{
    return quint16((quint8(p[0]) << 8) | quint8(p[1]));
}

void appendU16(QByteArray &out, quint16 value)
{
    out.append(char(value >> 8));
    out.append(char(value & 0xff));
}

// Reads one NUL-terminated string starting at *pos; advances past the NUL.
bool readString(QByteArrayView bytes, qsizetype *pos, QByteArrayView *out)
{
    const qsizetype start = *pos;
    const void *nul = std::memchr(bytes.data() + start, 0, size_t(bytes.size() - start));
    if (!nul)
        return false;
    const qsizetype end = static_cast<const char *>(nul) - bytes.data();
    *out = bytes.sliced(start, end - start);
    *pos = end + 1;
    return true;
}

bool onlyNulsFrom(QByteArrayView bytes, qsizetype pos)
{
    for (qsizetype i = pos; i < bytes.size(); ++i) {
        if (bytes[i] != 0)
            return false;
    }
    return true;
}

bool modeFromName(QByteArrayView name, Mode *mode)
{
    // RFC 1350: "any combination of upper and lower case".
    const QByteArray lower = name.toByteArray().toLower();
    if (lower == "octet")
        *mode = Mode::Octet;
    else if (lower == "netascii")
        *mode = Mode::NetAscii;
    else if (lower == "mail")
        *mode = Mode::Mail;
    else
        return false;
    return true;
}

// Options follow the mode in requests (RFC 2347) and make up the whole body of an OACK.
ParseError parseOptions(QByteArrayView bytes, qsizetype pos, OptionList *options)
{
    while (pos < bytes.size()) {
        // Some PXE ROMs pad their requests with NULs; padding is not an option.
        if (onlyNulsFrom(bytes, pos))
            break;
        QByteArrayView name;
        QByteArrayView value;
        if (!readString(bytes, &pos, &name))
            return ParseError::MissingTerminator;
        if (name.isEmpty())
            return ParseError::EmptyOptionName;
        if (pos >= bytes.size())
            return ParseError::OddOptionList;
        if (!readString(bytes, &pos, &value))
            return ParseError::MissingTerminator;
        if (options->size() >= kMaxOptions)
            return ParseError::TooManyOptions;
        options->append(Option{name.toByteArray().toLower(), value.toByteArray()});
    }
    return ParseError::None;
}

ParseResult failed(ParseError error)
{
    ParseResult result;
    result.error = error;
    return result;
}

void appendString(QByteArray &out, const QByteArray &text)
{
    out.append(text);
    out.append('\0');
}

} // namespace

QString parseErrorName(ParseError error)
{
    switch (error) {
    case ParseError::None: return QString();
    case ParseError::Truncated: return QStringLiteral("truncated");
    case ParseError::UnknownOpcode: return QStringLiteral("unknown-opcode");
    case ParseError::Oversize: return QStringLiteral("oversize");
    case ParseError::MissingTerminator: return QStringLiteral("missing-terminator");
    case ParseError::EmptyFileName: return QStringLiteral("empty-file-name");
    case ParseError::UnknownMode: return QStringLiteral("unknown-mode");
    case ParseError::OddOptionList: return QStringLiteral("odd-option-list");
    case ParseError::EmptyOptionName: return QStringLiteral("empty-option-name");
    case ParseError::TooManyOptions: return QStringLiteral("too-many-options");
    }
    return QString();
}

QByteArray modeName(Mode mode)
{
    switch (mode) {
    case Mode::Octet: return QByteArrayLiteral("octet");
    case Mode::NetAscii: return QByteArrayLiteral("netascii");
    case Mode::Mail: return QByteArrayLiteral("mail");
    }
    return {};
}

ParseResult Packet::parse(QByteArrayView bytes)
{
    if (bytes.size() < 2)
        return failed(ParseError::Truncated);
    if (bytes.size() > kMaxDatagramSize)
        return failed(ParseError::Oversize);
    const quint16 code = readU16(bytes.data());
    ParseResult result;
    Packet &packet = result.packet;
    switch (code) {
    case quint16(Opcode::ReadRequest):
    case quint16(Opcode::WriteRequest): {
        if (bytes.size() > kMaxRequestSize)
            return failed(ParseError::Oversize);
        packet.opcode = Opcode(code);
        qsizetype pos = 2;
        QByteArrayView name;
        QByteArrayView mode;
        if (pos >= bytes.size())
            return failed(ParseError::Truncated);
        if (!readString(bytes, &pos, &name))
            return failed(ParseError::MissingTerminator);
        if (name.isEmpty())
            return failed(ParseError::EmptyFileName);
        if (pos >= bytes.size())
            return failed(ParseError::Truncated);
        if (!readString(bytes, &pos, &mode))
            return failed(ParseError::MissingTerminator);
        if (!modeFromName(mode, &packet.mode))
            return failed(ParseError::UnknownMode);
        packet.fileName = name.toByteArray();
        const ParseError error = parseOptions(bytes, pos, &packet.options);
        if (error != ParseError::None)
            return failed(error);
        return result;
    }
    case quint16(Opcode::Data):
        if (bytes.size() < kHeaderSize)
            return failed(ParseError::Truncated);
        packet.opcode = Opcode::Data;
        packet.block = readU16(bytes.data() + 2);
        packet.data = bytes.sliced(kHeaderSize).toByteArray();
        return result;
    case quint16(Opcode::Ack):
        // Trailing bytes after the block number are ignored, as tftpd-hpa and dnsmasq do:
        // an ACK is the hottest packet and some ROMs pad it.
        if (bytes.size() < kHeaderSize)
            return failed(ParseError::Truncated);
        packet.opcode = Opcode::Ack;
        packet.block = readU16(bytes.data() + 2);
        return result;
    case quint16(Opcode::Error): {
        if (bytes.size() < kHeaderSize)
            return failed(ParseError::Truncated);
        packet.opcode = Opcode::Error;
        packet.errorCode = ErrorCode(readU16(bytes.data() + 2));
        // A client that says it is giving up is believed even when its message lacks the
        // NUL: the message is taken up to the first NUL or the end.
        QByteArrayView message = bytes.sliced(kHeaderSize);
        const qsizetype nul = message.indexOf('\0');
        if (nul >= 0)
            message = message.first(nul);
        packet.errorMessage = message.toByteArray();
        return result;
    }
    case quint16(Opcode::OptionAck): {
        if (bytes.size() > kMaxRequestSize)
            return failed(ParseError::Oversize);
        packet.opcode = Opcode::OptionAck;
        const ParseError error = parseOptions(bytes, 2, &packet.options);
        if (error != ParseError::None)
            return failed(error);
        return result;
    }
    default:
        return failed(ParseError::UnknownOpcode);
    }
}

QByteArray Packet::toBytes() const
{
    QByteArray out;
    appendU16(out, quint16(opcode));
    switch (opcode) {
    case Opcode::ReadRequest:
    case Opcode::WriteRequest:
        appendString(out, fileName);
        appendString(out, modeName(mode));
        for (const Option &option : options) {
            appendString(out, option.name);
            appendString(out, option.value);
        }
        break;
    case Opcode::Data:
        appendU16(out, block);
        out.append(data);
        break;
    case Opcode::Ack:
        appendU16(out, block);
        break;
    case Opcode::Error:
        appendU16(out, quint16(errorCode));
        appendString(out, errorMessage);
        break;
    case Opcode::OptionAck:
        for (const Option &option : options) {
            appendString(out, option.name);
            appendString(out, option.value);
        }
        break;
    }
    return out;
}

QByteArray Packet::option(QByteArrayView name) const
{
    for (const Option &option : options) {
        if (option.name == name)
            return option.value.isNull() ? QByteArray("") : option.value;
    }
    return {};
}

Packet Packet::readRequest(const QByteArray &fileName, Mode mode, const OptionList &options)
{
    Packet packet;
    packet.opcode = Opcode::ReadRequest;
    packet.fileName = fileName;
    packet.mode = mode;
    packet.options = options;
    return packet;
}

Packet Packet::writeRequest(const QByteArray &fileName, Mode mode)
{
    Packet packet = readRequest(fileName, mode);
    packet.opcode = Opcode::WriteRequest;
    return packet;
}

Packet Packet::dataBlock(quint16 block, const QByteArray &data)
{
    Packet packet;
    packet.opcode = Opcode::Data;
    packet.block = block;
    packet.data = data;
    return packet;
}

Packet Packet::ack(quint16 block)
{
    Packet packet;
    packet.opcode = Opcode::Ack;
    packet.block = block;
    return packet;
}

Packet Packet::error(ErrorCode code, const QByteArray &message)
{
    Packet packet;
    packet.opcode = Opcode::Error;
    packet.errorCode = code;
    packet.errorMessage = message;
    return packet;
}

Packet Packet::optionAck(const OptionList &options)
{
    Packet packet;
    packet.opcode = Opcode::OptionAck;
    packet.options = options;
    return packet;
}

} // namespace Nbc::Tftp
