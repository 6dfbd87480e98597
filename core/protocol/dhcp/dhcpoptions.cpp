#include "protocol/dhcp/dhcpoptions.h"

#include <QtEndian>

#include <algorithm>
#include <array>

namespace Nbc::Dhcp {

namespace {

// Sorted by code for the binary search in optionDefinition().
constexpr std::array<OptionDefinition, 23> kOptionTable = {{
    {1, "subnet-mask", OptionType::Ipv4},
    {3, "router", OptionType::Ipv4List},
    {12, "hostname", OptionType::String},
    {43, "vendor-specific", OptionType::Encapsulated},
    {50, "requested-address", OptionType::Ipv4},
    {51, "lease-time", OptionType::Uint32},
    {52, "overload", OptionType::Uint8},
    {53, "message-type", OptionType::Uint8},
    {54, "server-id", OptionType::Ipv4},
    {55, "parameter-request-list", OptionType::Uint8List},
    {57, "max-message-size", OptionType::Uint16},
    {58, "renewal-time", OptionType::Uint32},
    {59, "rebinding-time", OptionType::Uint32},
    {60, "vendor-class", OptionType::String},
    {61, "client-id", OptionType::Uint8List},   // RFC 2132 9.14: type + at least one byte
    {66, "tftp-server-name", OptionType::String},
    {67, "boot-file-name", OptionType::String},
    {77, "user-class", OptionType::String},
    {93, "client-arch", OptionType::Uint16List},
    {94, "client-ndi", OptionType::Ndi},
    {97, "client-guid", OptionType::Guid},
    {175, "ipxe-encap", OptionType::Encapsulated},
    {255, "end", OptionType::Binary},
}};

static_assert(std::is_sorted(kOptionTable.begin(), kOptionTable.end(),
                             [](const OptionDefinition &a, const OptionDefinition &b) { return a.code < b.code; }));

Error subOptionError(const QString &text)
{
    return Error{ErrorCode::BadSubOption, ErrorLevel::SkipOption, text};
}

} // namespace

QString errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Empty: return QStringLiteral("empty");
    case ErrorCode::TooLarge: return QStringLiteral("too-large");
    case ErrorCode::TruncatedHeader: return QStringLiteral("truncated-header");
    case ErrorCode::BadOperation: return QStringLiteral("bad-op");
    case ErrorCode::BadHardwareLength: return QStringLiteral("bad-hlen");
    case ErrorCode::BadMagicCookie: return QStringLiteral("bad-magic-cookie");
    case ErrorCode::OptionLengthPastEnd: return QStringLiteral("option-past-end");
    case ErrorCode::BadOptionLength: return QStringLiteral("bad-option-length");
    case ErrorCode::BadOverload: return QStringLiteral("bad-overload");
    case ErrorCode::TooManyOptions: return QStringLiteral("too-many-options");
    case ErrorCode::BadSubOption: return QStringLiteral("bad-sub-option");
    case ErrorCode::DoesNotFit: return QStringLiteral("does-not-fit");
    }
    return QStringLiteral("unknown");
}

const OptionDefinition *optionDefinition(quint8 code)
{
    const auto it = std::lower_bound(kOptionTable.begin(), kOptionTable.end(), code,
                                     [](const OptionDefinition &def, quint8 c) { return def.code < c; });
    if (it == kOptionTable.end() || it->code != code)
        return nullptr;
    return &*it;
}

QString optionName(quint8 code)
{
    if (const OptionDefinition *def = optionDefinition(code))
        return QString::fromLatin1(def->name);
    return QStringLiteral("option-%1").arg(code);
}

bool optionPayloadValid(quint8 code, const QByteArray &data)
{
    const OptionDefinition *def = optionDefinition(code);
    if (!def)
        return true;
    const qsizetype n = data.size();
    switch (def->type) {
    case OptionType::Binary: return true;
    case OptionType::String: return n >= 1;
    case OptionType::Uint8: return n == 1;
    case OptionType::Uint16: return n == 2;
    case OptionType::Uint32: return n == 4;
    case OptionType::Ipv4: return n == 4;
    case OptionType::Ipv4List: return n >= 4 && n % 4 == 0;
    case OptionType::Uint8List: return n >= 1;
    case OptionType::Uint16List: return n >= 2 && n % 2 == 0;
    case OptionType::Ndi: return n == 3;
    // RFC 4578 2.3 says 17 bytes; some early PXE ROMs sent the bare 16.
    case OptionType::Guid: return n == 17 || n == 16;
    case OptionType::Encapsulated: return true;   // checked when the sub-options are decoded
    }
    return false;
}

Result<QList<SubOption>> parseSubOptions(const QByteArray &data)
{
    QList<SubOption> out;
    qsizetype pos = 0;
    while (pos < data.size()) {
        const quint8 c = static_cast<quint8>(data.at(pos));
        if (c == 0) {               // pad
            ++pos;
            continue;
        }
        if (c == 255)               // end: anything after it is ignored, as by PXE ROMs
            break;
        if (pos + 1 >= data.size())
            return subOptionError(QStringLiteral("sub-option %1 has no length byte").arg(c));
        const int len = static_cast<quint8>(data.at(pos + 1));
        if (pos + 2 + len > data.size())
            return subOptionError(QStringLiteral("sub-option %1 length %2 runs past the option").arg(c).arg(len));
        out.append(SubOption{c, data.mid(pos + 2, len)});
        pos += 2 + len;
    }
    return out;
}

QByteArray buildSubOptions(const QList<SubOption> &subOptions)
{
    QByteArray out;
    for (const SubOption &sub : subOptions) {
        // A sub-option is limited to 255 bytes; nothing we send comes close. Truncating
        // keeps the encoding valid should a caller ever pass more.
        const QByteArray data = sub.data.left(255);
        out.append(char(sub.code));
        out.append(char(data.size()));
        out.append(data);
    }
    out.append(char(255));
    return out;
}

Result<PxeVendorOptions> parsePxeVendorOptions(const QByteArray &option43)
{
    const Result<QList<SubOption>> subs = parseSubOptions(option43);
    if (!subs)
        return subs.error();
    PxeVendorOptions pxe;
    for (const SubOption &sub : subs.value()) {
        const QByteArray &d = sub.data;
        const auto u16 = [&d](qsizetype at) { return qFromBigEndian<quint16>(d.constData() + at); };
        switch (static_cast<PxeSubOption>(sub.code)) {
        case PxeSubOption::DiscoveryControl:
            if (d.size() != 1)
                return subOptionError(QStringLiteral("discovery control must be 1 byte, is %1").arg(d.size()));
            pxe.discoveryControl = quint8(d.at(0));
            break;
        case PxeSubOption::BootServers: {
            // PXE 2.1 2.4.3: type (2), count (1), count x IPv4; repeated.
            qsizetype pos = 0;
            while (pos < d.size()) {
                if (pos + 3 > d.size())
                    return subOptionError(QStringLiteral("boot server entry truncated"));
                PxeVendorOptions::BootServerType entry;
                entry.type = u16(pos);
                const int count = quint8(d.at(pos + 2));
                pos += 3;
                if (pos + 4 * count > d.size())
                    return subOptionError(QStringLiteral("boot server list claims %1 addresses").arg(count));
                for (int i = 0; i < count; ++i, pos += 4)
                    entry.addresses.append(qFromBigEndian<quint32>(d.constData() + pos));
                pxe.bootServers.append(entry);
            }
            break;
        }
        case PxeSubOption::BootMenu: {
            // PXE 2.1 2.4.4: type (2), description length (1), description; repeated.
            qsizetype pos = 0;
            while (pos < d.size()) {
                if (pos + 3 > d.size())
                    return subOptionError(QStringLiteral("boot menu entry truncated"));
                const int len = quint8(d.at(pos + 2));
                if (pos + 3 + len > d.size())
                    return subOptionError(QStringLiteral("boot menu description runs past the entry"));
                pxe.bootMenu.append({u16(pos), d.mid(pos + 3, len)});
                pos += 3 + len;
            }
            break;
        }
        case PxeSubOption::MenuPrompt:
            if (d.isEmpty())
                return subOptionError(QStringLiteral("menu prompt without timeout"));
            pxe.menuTimeout = quint8(d.at(0));
            pxe.menuPrompt = d.mid(1);
            break;
        case PxeSubOption::BootItem:
            if (d.size() != 4)
                return subOptionError(QStringLiteral("boot item must be 4 bytes, is %1").arg(d.size()));
            pxe.bootItemType = u16(0);
            pxe.bootItemLayer = u16(2);
            break;
        }
    }
    return pxe;
}

} // namespace Nbc::Dhcp
