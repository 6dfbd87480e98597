#include "protocol/dhcp/dhcppacket.h"

#include <QtEndian>

namespace Nbc::Dhcp {

namespace {

constexpr quint32 kMagicCookie = 0x63825363;   // RFC 2131 section 3
constexpr int kMaxUdpPayload = 65507;
constexpr int kOverloadFile = 1;
constexpr int kOverloadSname = 2;

struct RawOption {
    quint8 code;
    QByteArray data;
};

Error dropError(ErrorCode code, const QString &text)
{
    return Error{code, ErrorLevel::DropPacket, text};
}

// Reads one option area (options field, or file/sname when overloaded) into raw option
// instances. Returns false when the area was cut short by a malformed option.
bool parseArea(const char *data, qsizetype size, const QString &area, QList<RawOption> &out,
               QList<Error> &issues)
{
    qsizetype pos = 0;
    while (pos < size) {
        const quint8 c = static_cast<quint8>(data[pos]);
        if (c == code(OptionCode::Pad)) {
            ++pos;
            continue;
        }
        if (c == code(OptionCode::End))
            return true;
        if (pos + 1 >= size) {
            issues.append({ErrorCode::OptionLengthPastEnd, ErrorLevel::StopOptions,
                           QStringLiteral("%1: option %2 has no length byte").arg(area).arg(c)});
            return false;
        }
        const int len = static_cast<quint8>(data[pos + 1]);
        if (pos + 2 + len > size) {
            issues.append({ErrorCode::OptionLengthPastEnd, ErrorLevel::StopOptions,
                           QStringLiteral("%1: option %2 length %3 runs past the end (%4 bytes left)")
                               .arg(area).arg(c).arg(len).arg(size - pos - 2)});
            return false;
        }
        if (out.size() >= Packet::kMaxOptionInstances) {
            issues.append({ErrorCode::TooManyOptions, ErrorLevel::StopOptions,
                           QStringLiteral("%1: more than %2 options").arg(area).arg(Packet::kMaxOptionInstances)});
            return false;
        }
        out.append({c, QByteArray(data + pos + 2, len)});
        pos += 2 + len;
    }
    // No end option: tolerated, several PXE ROMs stop at the end of the buffer.
    return true;
}

QByteArray fixedField(const QByteArray &bytes, int offset, int size)
{
    QByteArray field = bytes.mid(offset, size);
    const qsizetype nul = field.indexOf('\0');
    if (nul >= 0)
        field.truncate(nul);
    return field;
}

void putU16(QByteArray &out, quint16 v)
{
    char b[2];
    qToBigEndian(v, b);
    out.append(b, 2);
}

void putU32(QByteArray &out, quint32 v)
{
    char b[4];
    qToBigEndian(v, b);
    out.append(b, 4);
}

void putField(QByteArray &out, const QByteArray &value, int size)
{
    out.append(value.left(size));
    if (value.size() < size)
        out.append(QByteArray(size - value.size(), '\0'));
}

} // namespace

QString messageTypeName(MessageType type)
{
    switch (type) {
    case MessageType::Discover: return QStringLiteral("DHCPDISCOVER");
    case MessageType::Offer: return QStringLiteral("DHCPOFFER");
    case MessageType::Request: return QStringLiteral("DHCPREQUEST");
    case MessageType::Decline: return QStringLiteral("DHCPDECLINE");
    case MessageType::Ack: return QStringLiteral("DHCPACK");
    case MessageType::Nak: return QStringLiteral("DHCPNAK");
    case MessageType::Release: return QStringLiteral("DHCPRELEASE");
    case MessageType::Inform: return QStringLiteral("DHCPINFORM");
    }
    return QStringLiteral("DHCP(%1)").arg(int(type));
}

QString ipv4ToString(quint32 a)
{
    return QStringLiteral("%1.%2.%3.%4").arg(a >> 24).arg((a >> 16) & 0xff).arg((a >> 8) & 0xff).arg(a & 0xff);
}

Result<Packet> Packet::parse(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return dropError(ErrorCode::Empty, QStringLiteral("empty datagram"));
    if (bytes.size() > kMaxUdpPayload)
        return dropError(ErrorCode::TooLarge, QStringLiteral("%1 bytes").arg(bytes.size()));
    if (bytes.size() < kMinimumSize)
        return dropError(ErrorCode::TruncatedHeader,
                         QStringLiteral("%1 bytes, a DHCP message has at least %2").arg(bytes.size()).arg(kMinimumSize));
    const char *d = bytes.constData();
    Packet p;
    p.op = quint8(d[0]);
    if (p.op != kBootRequest && p.op != kBootReply)
        return dropError(ErrorCode::BadOperation, QStringLiteral("op %1").arg(p.op));
    p.htype = quint8(d[1]);
    p.hlen = quint8(d[2]);
    if (p.hlen > 16)
        return dropError(ErrorCode::BadHardwareLength, QStringLiteral("hlen %1 > 16").arg(p.hlen));
    if (qFromBigEndian<quint32>(d + 236) != kMagicCookie)
        return dropError(ErrorCode::BadMagicCookie,
                         QStringLiteral("cookie %1").arg(QString::fromLatin1(bytes.mid(236, 4).toHex())));
    p.hops = quint8(d[3]);
    p.xid = qFromBigEndian<quint32>(d + 4);
    p.secs = qFromBigEndian<quint16>(d + 8);
    p.flags = qFromBigEndian<quint16>(d + 10);
    p.ciaddr = qFromBigEndian<quint32>(d + 12);
    p.yiaddr = qFromBigEndian<quint32>(d + 16);
    p.siaddr = qFromBigEndian<quint32>(d + 20);
    p.giaddr = qFromBigEndian<quint32>(d + 24);
    p.chaddr = bytes.mid(28, p.hlen);

    QList<RawOption> raw;
    parseArea(d + kMinimumSize, bytes.size() - kMinimumSize, QStringLiteral("options"), raw, p.issues);

    // Option overload is honoured only from the options field (RFC 2131 4.1); its value
    // can itself be split (RFC 3396), so join before reading it.
    QByteArray overloadValue;
    bool hasOverload = false;
    for (const RawOption &o : std::as_const(raw)) {
        if (o.code == code(OptionCode::Overload)) {
            overloadValue += o.data;
            hasOverload = true;
        }
    }
    int overload = 0;
    if (hasOverload) {
        if (overloadValue.size() == 1 && overloadValue.at(0) >= 1 && overloadValue.at(0) <= 3) {
            overload = overloadValue.at(0);
        } else {
            p.issues.append({ErrorCode::BadOverload, ErrorLevel::SkipOption,
                             QStringLiteral("overload value %1 ignored").arg(QString::fromLatin1(overloadValue.toHex()))});
        }
    }
    // RFC 3396 7: the aggregate is the options field, then file, then sname.
    const auto parseOverloaded = [&](int offset, int size, const QString &area) {
        QList<RawOption> more;
        parseArea(d + offset, size, area, more, p.issues);
        for (RawOption &o : more) {
            if (o.code == code(OptionCode::Overload)) {
                p.issues.append({ErrorCode::BadOverload, ErrorLevel::SkipOption,
                                 QStringLiteral("overload option inside %1 ignored").arg(area)});
                continue;
            }
            if (raw.size() >= kMaxOptionInstances) {
                p.issues.append({ErrorCode::TooManyOptions, ErrorLevel::StopOptions,
                                 QStringLiteral("more than %1 options").arg(kMaxOptionInstances)});
                return;
            }
            raw.append(std::move(o));
        }
    };
    if (overload & kOverloadFile)
        parseOverloaded(108, kFileSize, QStringLiteral("file"));
    else
        p.file = fixedField(bytes, 108, kFileSize);
    if (overload & kOverloadSname)
        parseOverloaded(44, kSnameSize, QStringLiteral("sname"));
    else
        p.sname = fixedField(bytes, 44, kSnameSize);

    // Join split options (RFC 3396 5), then check each against its definition.
    for (const RawOption &o : std::as_const(raw)) {
        if (o.code == code(OptionCode::Overload))
            continue;   // consumed above; build() decides afresh
        bool joined = false;
        for (Option &existing : p.m_options) {
            if (existing.code == o.code) {
                existing.data += o.data;
                joined = true;
                break;
            }
        }
        if (!joined)
            p.m_options.append({o.code, o.data});
    }
    for (qsizetype i = 0; i < p.m_options.size();) {
        const Option &o = p.m_options.at(i);
        if (!optionPayloadValid(o.code, o.data)) {
            p.issues.append({ErrorCode::BadOptionLength, ErrorLevel::SkipOption,
                             QStringLiteral("%1 with %2 bytes ignored").arg(optionName(o.code)).arg(o.data.size())});
            p.m_options.removeAt(i);
            continue;
        }
        ++i;
    }
    return p;
}

Result<QByteArray> Packet::build(int maxSize) const
{
    if (maxSize < kMinimumSize + 1) {
        return Error{ErrorCode::DoesNotFit, ErrorLevel::DropPacket,
                     QStringLiteral("a message cannot be smaller than %1 bytes").arg(kMinimumSize + 1)};
    }
    // Each option becomes one or more chunks of at most 255 bytes (RFC 3396 6).
    QList<QByteArray> chunks;
    for (const Option &o : m_options) {
        qsizetype pos = 0;
        do {
            const QByteArray part = o.data.mid(pos, 255);
            QByteArray chunk;
            chunk.reserve(part.size() + 2);
            chunk.append(char(o.code));
            chunk.append(char(part.size()));
            chunk.append(part);
            chunks.append(chunk);
            pos += 255;
        } while (pos < o.data.size());
    }

    qsizetype total = 0;
    for (const QByteArray &c : std::as_const(chunks))
        total += c.size();
    const int optionsRoom = maxSize - kMinimumSize - 1;    // 1: end option

    QByteArray optionsField, fileArea, snameArea;
    int overload = 0;
    if (total <= optionsRoom) {
        for (const QByteArray &c : std::as_const(chunks))
            optionsField += c;
    } else {
        // Overload: the options field keeps 3 bytes for option 52 itself; file comes
        // before sname in the aggregate (RFC 3396 7), each needs room for its own end.
        struct Area {
            QByteArray *out;
            qsizetype room;
            int flag;
        };
        QList<Area> areas = {{&optionsField, optionsRoom - 3, 0}};
        if (file.isEmpty())
            areas.append({&fileArea, kFileSize - 1, kOverloadFile});
        if (sname.isEmpty())
            areas.append({&snameArea, kSnameSize - 1, kOverloadSname});
        qsizetype area = 0;
        for (const QByteArray &c : std::as_const(chunks)) {
            while (area < areas.size() && areas[area].out->size() + c.size() > areas[area].room)
                ++area;
            if (area == areas.size()) {
                return Error{ErrorCode::DoesNotFit, ErrorLevel::DropPacket,
                             QStringLiteral("%1 bytes of options do not fit %2 bytes").arg(total).arg(maxSize)};
            }
            *areas[area].out += c;
            overload |= areas[area].flag;
        }
    }

    QByteArray out;
    out.reserve(qMax<qsizetype>(kBootpMinimumSize, kMinimumSize + optionsField.size() + 4));
    out.append(char(op));
    out.append(char(htype));
    out.append(char(hlen));
    out.append(char(hops));
    putU32(out, xid);
    putU16(out, secs);
    putU16(out, flags);
    putU32(out, ciaddr);
    putU32(out, yiaddr);
    putU32(out, siaddr);
    putU32(out, giaddr);
    putField(out, chaddr, 16);
    if (overload & kOverloadSname)
        putField(out, snameArea + char(255), kSnameSize);
    else
        putField(out, sname, kSnameSize);
    if (overload & kOverloadFile)
        putField(out, fileArea + char(255), kFileSize);
    else
        putField(out, file, kFileSize);
    putU32(out, kMagicCookie);
    if (overload) {
        out.append(char(code(OptionCode::Overload)));
        out.append(char(1));
        out.append(char(overload));
    }
    out.append(optionsField);
    out.append(char(code(OptionCode::End)));
    if (out.size() < kBootpMinimumSize)
        out.append(QByteArray(kBootpMinimumSize - out.size(), '\0'));
    return out;
}

Packet Packet::makeReply(MessageType type) const
{
    Packet reply;
    reply.op = kBootReply;
    reply.htype = htype;
    reply.hlen = hlen;
    reply.xid = xid;
    reply.flags = flags;
    reply.giaddr = giaddr;
    reply.chaddr = chaddr;
    reply.setMessageType(type);
    return reply;
}

bool Packet::hasOption(quint8 c) const
{
    for (const Option &o : m_options) {
        if (o.code == c)
            return true;
    }
    return false;
}

std::optional<QByteArray> Packet::option(quint8 c) const
{
    for (const Option &o : m_options) {
        if (o.code == c)
            return o.data;
    }
    return std::nullopt;
}

void Packet::setOption(quint8 c, const QByteArray &data)
{
    if (c == code(OptionCode::Pad) || c == code(OptionCode::End) || c == code(OptionCode::Overload))
        return;   // framing, not content: build() writes these itself
    for (Option &o : m_options) {
        if (o.code == c) {
            o.data = data;
            return;
        }
    }
    m_options.append({c, data});
}

void Packet::removeOption(quint8 c)
{
    m_options.removeIf([c](const Option &o) { return o.code == c; });
}

QList<quint8> Packet::optionCodes() const
{
    QList<quint8> codes;
    codes.reserve(m_options.size());
    for (const Option &o : m_options)
        codes.append(o.code);
    return codes;
}

std::optional<MessageType> Packet::messageType() const
{
    const auto v = option(OptionCode::MessageType);
    if (!v || v->size() != 1 || quint8(v->at(0)) < 1 || quint8(v->at(0)) > 8)
        return std::nullopt;
    return static_cast<MessageType>(v->at(0));
}

void Packet::setMessageType(MessageType type)
{
    setOption(OptionCode::MessageType, QByteArray(1, char(type)));
}

QString Packet::mac() const
{
    if (htype != 1 || hlen != 6 || chaddr.size() != 6)
        return {};
    return QString::fromLatin1(chaddr.toHex(':'));
}

std::optional<quint16> Packet::clientArch() const
{
    const auto v = option(OptionCode::ClientArch);
    if (!v || v->size() < 2)
        return std::nullopt;
    return qFromBigEndian<quint16>(v->constData());
}

QByteArray Packet::clientGuid() const
{
    const auto v = option(OptionCode::ClientGuid);
    if (!v)
        return {};
    if (v->size() == 17)
        return v->mid(1);
    if (v->size() == 16)
        return *v;
    return {};
}

QString Packet::vendorClass() const
{
    return QString::fromLatin1(option(OptionCode::VendorClass).value_or(QByteArray()));
}

QStringList Packet::userClasses() const
{
    const auto v = option(OptionCode::UserClass);
    if (!v || v->isEmpty())
        return {};
    // RFC 3004: a list of (length, data). iPXE and many ROMs send bare text instead;
    // a bare text never parses as an exact list, because its first byte as a length
    // overruns it ('i' = 105 for "iPXE").
    QStringList list;
    qsizetype pos = 0;
    while (pos < v->size()) {
        const int len = quint8(v->at(pos));
        if (len == 0 || pos + 1 + len > v->size())
            return {QString::fromLatin1(*v)};
        list.append(QString::fromLatin1(v->mid(pos + 1, len)));
        pos += 1 + len;
    }
    return list;
}

std::optional<quint32> Packet::requestedAddress() const
{
    const auto v = option(OptionCode::RequestedAddress);
    if (!v || v->size() != 4)
        return std::nullopt;
    return qFromBigEndian<quint32>(v->constData());
}

std::optional<quint32> Packet::serverId() const
{
    const auto v = option(OptionCode::ServerId);
    if (!v || v->size() != 4)
        return std::nullopt;
    return qFromBigEndian<quint32>(v->constData());
}

std::optional<quint16> Packet::maxMessageSize() const
{
    const auto v = option(OptionCode::MaxMessageSize);
    if (!v || v->size() != 2)
        return std::nullopt;
    return qFromBigEndian<quint16>(v->constData());
}

void Packet::setAddressOption(OptionCode c, quint32 address)
{
    QByteArray data;
    putU32(data, address);
    setOption(c, data);
}

bool Packet::operator==(const Packet &o) const
{
    if (m_options.size() != o.m_options.size())
        return false;
    for (qsizetype i = 0; i < m_options.size(); ++i) {
        if (m_options[i].code != o.m_options[i].code || m_options[i].data != o.m_options[i].data)
            return false;
    }
    return op == o.op && htype == o.htype && hlen == o.hlen && hops == o.hops && xid == o.xid
        && secs == o.secs && flags == o.flags && ciaddr == o.ciaddr && yiaddr == o.yiaddr
        && siaddr == o.siaddr && giaddr == o.giaddr && chaddr == o.chaddr && sname == o.sname
        && file == o.file;
}

} // namespace Nbc::Dhcp
