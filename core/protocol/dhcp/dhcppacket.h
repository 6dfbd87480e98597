#pragma once

#include "protocol/dhcp/dhcperror.h"
#include "protocol/dhcp/dhcpoptions.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Nbc::Dhcp {

enum class MessageType : quint8 {
    Discover = 1, Offer = 2, Request = 3, Decline = 4, Ack = 5, Nak = 6, Release = 7, Inform = 8,
};

QString messageTypeName(MessageType type);

// One DHCPv4 message (RFC 2131 section 2), with a parse path and a build path.
// Addresses are IPv4 in host byte order. Options keep the order they arrived in (or were
// set in), and one code appears once: RFC 3396 split options are joined on parse and
// split again on build.
class Packet
{
public:
    static constexpr int kHeaderSize = 236;          // op .. file
    static constexpr int kMinimumSize = 240;         // header + magic cookie
    static constexpr int kSnameSize = 64;
    static constexpr int kFileSize = 128;
    static constexpr int kBootpMinimumSize = 300;    // RFC 1542 2.1: relays may drop shorter
    static constexpr int kDefaultMaxSize = 576 - 28; // RFC 2131 2: 576-byte IP datagram
    static constexpr int kMaxOptionInstances = 1024; // far above any real client (~30)
    static constexpr quint8 kBootRequest = 1;
    static constexpr quint8 kBootReply = 2;

    // Non-fatal problems found while parsing (SkipOption or StopOptions level).
    QList<Error> issues;

    quint8 op = kBootRequest;
    quint8 htype = 1;                 // Ethernet
    quint8 hlen = 6;
    quint8 hops = 0;
    quint32 xid = 0;
    quint16 secs = 0;
    quint16 flags = 0;                // bit 15: the client wants broadcast replies
    quint32 ciaddr = 0;
    quint32 yiaddr = 0;
    quint32 siaddr = 0;
    quint32 giaddr = 0;
    QByteArray chaddr;                // hlen bytes
    QByteArray sname;                 // without NUL padding; empty when it held options
    QByteArray file;                  // without NUL padding; empty when it held options

    // Bytes off the wire. Fails only at DropPacket level; lesser problems are in issues.
    static Result<Packet> parse(const QByteArray &bytes);
    // Wire bytes no longer than maxSize (the DHCP message, not the IP datagram). Options
    // that do not fit the options field go to sname and then file when those are empty
    // (option overload, RFC 2131 4.1); fails when even that is not enough.
    Result<QByteArray> build(int maxSize = kDefaultMaxSize) const;

    // A reply skeleton for this request: op, xid, flags, giaddr and the hardware address
    // copied, everything else zero (RFC 2131 table 3).
    Packet makeReply(MessageType type) const;

    // Options.
    bool hasOption(quint8 code) const;
    bool hasOption(OptionCode c) const { return hasOption(code(c)); }
    std::optional<QByteArray> option(quint8 code) const;
    std::optional<QByteArray> option(OptionCode c) const { return option(code(c)); }
    void setOption(quint8 code, const QByteArray &data);
    void setOption(OptionCode c, const QByteArray &data) { setOption(code(c), data); }
    void removeOption(quint8 code);
    void removeOption(OptionCode c) { removeOption(code(c)); }
    QList<quint8> optionCodes() const;

    // Typed views of the options above; empty/nullopt when absent or malformed.
    std::optional<MessageType> messageType() const;
    void setMessageType(MessageType type);
    QString mac() const;                          // aa:bb:cc:dd:ee:ff for Ethernet, else empty
    std::optional<quint16> clientArch() const;    // first entry of option 93
    QByteArray clientGuid() const;                // the 16 bytes of option 97
    QString vendorClass() const;
    QStringList userClasses() const;              // option 77, RFC 3004 list or iPXE's bare text
    std::optional<quint32> requestedAddress() const;
    std::optional<quint32> serverId() const;
    std::optional<quint16> maxMessageSize() const;
    void setAddressOption(OptionCode c, quint32 address);

    bool operator==(const Packet &other) const;

private:
    struct Option {
        quint8 code;
        QByteArray data;
    };
    QList<Option> m_options;
};

QString ipv4ToString(quint32 address);

} // namespace Nbc::Dhcp
