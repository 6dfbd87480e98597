#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>
#include <set>
#include <utility>

namespace Nbc::Dhcp {

// A range of IPv4 addresses, both ends included, in host byte order.
struct AddressRange {
    quint32 first = 0;
    quint32 last = 0;

    static constexpr quint32 kMaxSize = 65536;   // a /16: more than any bring-up switch holds

    bool contains(quint32 address) const { return address >= first && address <= last; }
    quint32 size() const { return last - first + 1; }
    QString toString() const;   // "10.77.0.100-10.77.0.199"

    // "10.77.0.100-10.77.0.199" (spaces around '-' allowed); nullopt with *error set otherwise.
    static std::optional<AddressRange> parse(const QString &text, QString *error);
};

// Whether range can be leased by a server at serverAddress on a subnet with netmask: empty
// when it can, else a sentence for the user (outside the subnet, holds the server address,
// holds the subnet's network or broadcast address).
QString checkRange(const AddressRange &range, quint32 serverAddress, quint32 netmask);
// A range a user could write for that subnet, for error messages: the upper part of a /24-ish net.
QString suggestedRange(quint32 serverAddress, quint32 netmask);

enum class LeaseState {
    Offered,    // reserved for a client between its DISCOVER and its REQUEST
    Bound,      // ACKed
    Released,   // given back by the client (RFC 2131 4.4.6); still remembered for it
    Declined,   // the client found it in use (RFC 2131 4.4.1): kept out of the pool for a while
};

QString leaseStateName(LeaseState state);

struct Lease {
    quint32 address = 0;
    QString mac;            // lower-case aa:bb:..; empty for a declined address
    LeaseState state = LeaseState::Offered;
    qint64 expires = 0;     // seconds since the epoch (UTC); the lease is over at this second

    bool activeAt(qint64 now) const { return expires > now; }
    bool operator==(const Lease &) const = default;
};

// What the pool answers to one message.
struct LeaseAnswer {
    enum class Kind { Offer, Ack, Nak, None };
    Kind kind = Kind::None;
    quint32 address = 0;
    qint64 leaseSeconds = 0;    // option 51 of an OFFER or ACK
    QString reason;             // Nak or None: a short key for "nak:<reason>" / "dropped:<reason>"
};

// The address pool of full DHCP mode (RFC 2131 4.3): pure, the caller passes the time.
// Clients are keyed by MAC rather than by option 61: firmware, iPXE and the installed OS of
// one machine send different client identifiers (or none), and all of them must get the
// machine's one address so the console can match its log lines by source address.
//
// Memory is bounded by the range: there is at most one record per address, and a record
// is reused (the oldest expired one first) rather than a new one made.
class LeasePool
{
public:
    struct Settings {
        AddressRange range;
        quint32 serverAddress = 0;
        quint32 netmask = 0;
        qint64 leaseSeconds = 3600;
        qint64 offerSeconds = 30;      // how long an OFFER holds its address for the REQUEST
        qint64 declineSeconds = 600;   // how long a declined address stays out of the pool
    };

    explicit LeasePool(const Settings &settings);

    const Settings &settings() const { return m_settings; }

    // DISCOVER (RFC 2131 4.3.1): the client's current or previous address, else the one it
    // asked for when free, else a never-used one, else the oldest expired record, else the
    // oldest pending offer; None with reason "pool-full" when every address is bound or declined.
    LeaseAnswer discover(const QString &mac, quint32 requestedAddress, qint64 now);

    // REQUEST (RFC 2131 4.3.2) for address: option 50 in SELECTING and INIT-REBOOT, ciaddr
    // in RENEWING and REBINDING. ACK when the address is this client's, or free in the range
    // and the client has no other (an authoritative server on an isolated network); NAK
    // otherwise, with the reason.
    LeaseAnswer request(const QString &mac, quint32 address, qint64 now);

    // A SELECTING REQUEST naming another server: our pending offer is let go at once.
    void releaseOffer(const QString &mac, qint64 now);
    // DECLINE: the address is kept from everyone for declineSeconds. False when it was not this client's.
    bool decline(const QString &mac, quint32 address, qint64 now);
    // RELEASE: the lease ends now but stays the client's until another needs the address.
    bool release(const QString &mac, quint32 address, qint64 now);

    std::optional<Lease> leaseFor(const QString &mac) const;
    std::optional<Lease> leaseAt(quint32 address) const;
    QList<Lease> leases() const;                     // by address
    int recordCount() const { return int(m_byAddress.size()); }
    int boundCount(qint64 now) const;
    // Changes on every change worth saving: the caller saves when it differs from the last saved.
    quint64 revision() const { return m_revision; }

    // leases.json. Records outside the range, with a bad address, MAC, state or time, or a
    // second record for an address or MAC, are skipped and counted in *skipped.
    QByteArray toJson() const;
    // Replaces the records with those of json; false with *error when json is not a lease
    // file at all (the caller sets the file aside), and then the pool is left empty.
    bool restore(const QByteArray &json, QString *error, int *skipped = nullptr);

private:
    using ExpiryKey = std::pair<qint64, quint32>;   // (expires, address): oldest first

    bool isServerOrEdge(quint32 address) const;
    bool isFreeFor(quint32 address, const QString &mac, qint64 now) const;
    std::optional<quint32> takeNeverUsed();
    std::optional<quint32> oldestReusable(qint64 now) const;
    void put(const Lease &lease);
    void erase(quint32 address);
    void reserve(quint32 address, const QString &mac, qint64 now);
    void clear();

    Settings m_settings;
    QHash<quint32, Lease> m_byAddress;
    QHash<QString, quint32> m_byMac;
    std::set<ExpiryKey> m_byExpiry;   // every record
    std::set<ExpiryKey> m_offers;     // Offered records only
    quint32 m_nextUnused = 0;         // addresses below it have had a record
    quint64 m_revision = 0;
};

} // namespace Nbc::Dhcp
