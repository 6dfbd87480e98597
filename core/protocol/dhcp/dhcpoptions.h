#pragma once

#include "protocol/dhcp/dhcperror.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace Nbc::Dhcp {

// Option codes this codec knows by name (RFC 2132, RFC 4578 for PXE, RFC 3004, RFC 3396).
enum class OptionCode : quint8 {
    Pad = 0,
    SubnetMask = 1,
    Router = 3,                 // a list of addresses; full mode sends one, or none
    Hostname = 12,
    VendorSpecific = 43,        // PXE: encapsulated sub-options (PxeSubOption)
    RequestedAddress = 50,
    Overload = 52,              // 1: file holds options, 2: sname does, 3: both
    LeaseTime = 51,             // seconds
    MessageType = 53,
    ServerId = 54,
    ParameterRequestList = 55,
    MaxMessageSize = 57,
    RenewalTime = 58,           // T1, seconds
    RebindingTime = 59,         // T2, seconds
    VendorClass = 60,           // "PXEClient:Arch:xxxxx:UNDI:yyyzzz", "HTTPClient:..."
    ClientId = 61,
    TftpServerName = 66,
    BootFileName = 67,
    UserClass = 77,             // iPXE sends the bare bytes "iPXE"
    ClientArch = 93,            // RFC 4578 2.1: list of 16-bit architecture types
    ClientNdi = 94,             // RFC 4578 2.2: network interface identifier
    ClientGuid = 97,            // RFC 4578 2.3: type 0 + 16 bytes
    IpxeEncap = 175,            // iPXE's own encapsulated options: present only when iPXE runs
    End = 255,
};

constexpr quint8 code(OptionCode c) { return static_cast<quint8>(c); }

// PXE 2.1 section 2.4 sub-options of option 43 for a "PXEClient" vendor class.
enum class PxeSubOption : quint8 {
    DiscoveryControl = 6,       // bit 3 (value 8): boot the file in this offer, no discovery
    BootServers = 8,
    BootMenu = 9,
    MenuPrompt = 10,
    BootItem = 71,
};

// How an option's payload is laid out; checked on parse.
enum class OptionType {
    Binary,         // any length
    String,         // at least one byte of text
    Uint8,
    Uint16,
    Uint32,
    Ipv4,
    Ipv4List,       // a non-empty multiple of 4
    Uint8List,      // at least one byte
    Uint16List,     // a non-empty multiple of 2
    Ndi,            // 3 bytes: type, major, minor
    Guid,           // 17 bytes: type 0 and 16 bytes (some firmware sends only the 16)
    Encapsulated,   // sub-options: code, length, data
};

// One row of the option table (like ISC Kea's std_option_defs).
struct OptionDefinition {
    quint8 code;
    const char *name;
    OptionType type;
};

// The definition of a known option, or nullptr for an option we carry as opaque bytes.
const OptionDefinition *optionDefinition(quint8 code);
// "message-type", "vendor-class", ... or "option-<n>".
QString optionName(quint8 code);
// Whether data is a valid payload for the option; unknown options are always valid.
bool optionPayloadValid(quint8 code, const QByteArray &data);

struct SubOption {
    quint8 code = 0;
    QByteArray data;
    bool operator==(const SubOption &) const = default;
};

// Sub-options as laid out inside option 43 or 175 (code, length, data; 0 pads; 255 ends).
Result<QList<SubOption>> parseSubOptions(const QByteArray &data);
// The encoding of subOptions followed by an end marker (PXE 2.1 ends option 43 with 255).
QByteArray buildSubOptions(const QList<SubOption> &subOptions);

// Decoded PXE vendor options. Only what a reply or a test needs to reason about.
struct PxeVendorOptions {
    struct BootServerType {
        quint16 type = 0;
        QList<quint32> addresses;   // host byte order
    };
    struct MenuItem {
        quint16 type = 0;
        QByteArray description;
    };
    std::optional<quint8> discoveryControl;
    QList<BootServerType> bootServers;
    QList<MenuItem> bootMenu;
    std::optional<quint8> menuTimeout;
    QByteArray menuPrompt;
    std::optional<quint16> bootItemType;
    std::optional<quint16> bootItemLayer;

    bool hasMenu() const { return !bootServers.isEmpty() || !bootMenu.isEmpty() || menuTimeout.has_value(); }
};

Result<PxeVendorOptions> parsePxeVendorOptions(const QByteArray &option43);

} // namespace Nbc::Dhcp
