#include "protocol/dhcp/leasepool.h"

#include "protocol/dhcp/dhcppacket.h"

#include <QDateTime>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>

namespace Nbc::Dhcp {

namespace {

const QString kFormat = QStringLiteral("netboot-console leases 1");

std::optional<quint32> parseIpv4(const QString &text)
{
    // QHostAddress also takes "10.1" and "167772161"; a range is written in dotted quads.
    static const QRegularExpression dotted(QStringLiteral("^\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}$"));
    const QString t = text.trimmed();
    if (!dotted.match(t).hasMatch())
        return std::nullopt;
    bool ok = false;
    const quint32 v4 = QHostAddress(t).toIPv4Address(&ok);
    if (!ok)
        return std::nullopt;
    return v4;
}

int prefixLength(quint32 netmask)
{
    int n = 0;
    while (n < 32 && (netmask & (0x80000000u >> n)))
        ++n;
    return n;
}

QString subnetText(quint32 server, quint32 netmask)
{
    return QStringLiteral("%1/%2").arg(ipv4ToString(server & netmask)).arg(prefixLength(netmask));
}

std::optional<LeaseState> stateFromName(const QString &name)
{
    for (LeaseState s : {LeaseState::Offered, LeaseState::Bound, LeaseState::Released, LeaseState::Declined}) {
        if (leaseStateName(s) == name)
            return s;
    }
    return std::nullopt;
}

} // namespace

QString AddressRange::toString() const
{
    return ipv4ToString(first) + QLatin1Char('-') + ipv4ToString(last);
}

std::optional<AddressRange> AddressRange::parse(const QString &text, QString *error)
{
    const QStringList parts = text.split(QLatin1Char('-'));
    const auto first = parts.size() == 2 ? parseIpv4(parts[0]) : std::nullopt;
    const auto last = parts.size() == 2 ? parseIpv4(parts[1]) : std::nullopt;
    if (!first || !last) {
        *error = QStringLiteral("'%1' is not an address range like 10.77.0.100-10.77.0.199").arg(text);
        return std::nullopt;
    }
    if (*first > *last) {
        *error = QStringLiteral("the range '%1' ends before it starts").arg(text);
        return std::nullopt;
    }
    if (quint64(*last) - *first + 1 > kMaxSize) {
        *error = QStringLiteral("the range '%1' holds more than %2 addresses").arg(text).arg(kMaxSize);
        return std::nullopt;
    }
    return AddressRange{*first, *last};
}

QString checkRange(const AddressRange &range, quint32 serverAddress, quint32 netmask)
{
    if (netmask == 0 || netmask == 0xffffffff)
        return QStringLiteral("the subnet of the server address %1 is not known").arg(ipv4ToString(serverAddress));
    const quint32 network = serverAddress & netmask;
    const QString subnet = subnetText(serverAddress, netmask);
    if ((range.first & netmask) != network || (range.last & netmask) != network) {
        return QStringLiteral("the DHCP range %1 is not inside %2, the subnet of the server address %3")
            .arg(range.toString(), subnet, ipv4ToString(serverAddress));
    }
    if (range.contains(serverAddress)) {
        return QStringLiteral("the DHCP range %1 contains the server's own address %2")
            .arg(range.toString(), ipv4ToString(serverAddress));
    }
    const quint32 broadcast = network | ~netmask;
    if (range.contains(network) || range.contains(broadcast)) {
        return QStringLiteral("the DHCP range %1 contains the network or broadcast address of %2")
            .arg(range.toString(), subnet);
    }
    return {};
}

QString suggestedRange(quint32 serverAddress, quint32 netmask)
{
    if (netmask == 0 || netmask == 0xffffffff)
        return QStringLiteral("10.77.0.100-10.77.0.199");
    const quint32 network = serverAddress & netmask;
    const quint32 hosts = ~netmask - 1;                 // usable addresses
    quint32 first = network + 1 + std::min<quint32>(hosts / 3, 99);
    quint32 last = std::min<quint32>(first + 99, network + hosts);
    if (serverAddress >= first && serverAddress <= last)
        first = serverAddress + 1;
    if (first > last)
        first = last;
    return AddressRange{first, last}.toString();
}

QString leaseStateName(LeaseState state)
{
    switch (state) {
    case LeaseState::Offered: return QStringLiteral("offered");
    case LeaseState::Bound: return QStringLiteral("bound");
    case LeaseState::Released: return QStringLiteral("released");
    case LeaseState::Declined: return QStringLiteral("declined");
    }
    return {};
}

LeasePool::LeasePool(const Settings &settings)
    : m_settings(settings)
    , m_nextUnused(settings.range.first)
{
}

bool LeasePool::isServerOrEdge(quint32 address) const
{
    if (address == m_settings.serverAddress)
        return true;
    const quint32 mask = m_settings.netmask;
    if (mask == 0 || mask == 0xffffffff)
        return false;
    return (address & ~mask) == 0 || (address & ~mask) == ~mask;
}

// Free for mac: in the range and nobody else's. An expired record of another client still
// counts as theirs (they get it back when they return), unless the address is all that is left.
bool LeasePool::isFreeFor(quint32 address, const QString &mac, qint64 now) const
{
    if (!m_settings.range.contains(address) || isServerOrEdge(address))
        return false;
    const auto it = m_byAddress.constFind(address);
    if (it == m_byAddress.cend())
        return true;
    if (it->mac == mac)
        return true;
    return it->mac.isEmpty() && !it->activeAt(now);
}

std::optional<quint32> LeasePool::takeNeverUsed()
{
    const AddressRange &r = m_settings.range;
    while (m_nextUnused >= r.first && m_nextUnused <= r.last) {
        const quint32 candidate = m_nextUnused;
        if (m_nextUnused == r.last)
            m_nextUnused = 0;   // past the end: the range has been used once
        else
            ++m_nextUnused;
        if (!m_byAddress.contains(candidate) && !isServerOrEdge(candidate))
            return candidate;
    }
    return std::nullopt;
}

std::optional<quint32> LeasePool::oldestReusable(qint64 now) const
{
    if (!m_byExpiry.empty() && m_byExpiry.begin()->first <= now)
        return m_byExpiry.begin()->second;
    // Only offers are left to take: a pending offer is a reservation, not a lease.
    if (!m_offers.empty())
        return m_offers.begin()->second;
    return std::nullopt;
}

void LeasePool::put(const Lease &lease)
{
    erase(lease.address);
    m_byAddress.insert(lease.address, lease);
    if (!lease.mac.isEmpty()) {
        // One record per client: its previous address (if any) goes back to the pool.
        const auto old = m_byMac.constFind(lease.mac);
        if (old != m_byMac.cend() && *old != lease.address)
            erase(*old);
        m_byMac.insert(lease.mac, lease.address);
    }
    m_byExpiry.insert({lease.expires, lease.address});
    if (lease.state == LeaseState::Offered)
        m_offers.insert({lease.expires, lease.address});
    ++m_revision;
}

void LeasePool::erase(quint32 address)
{
    const auto it = m_byAddress.constFind(address);
    if (it == m_byAddress.cend())
        return;
    m_byExpiry.erase({it->expires, address});
    m_offers.erase({it->expires, address});
    if (!it->mac.isEmpty() && m_byMac.value(it->mac) == address)
        m_byMac.remove(it->mac);
    m_byAddress.erase(it);
    ++m_revision;
}

void LeasePool::reserve(quint32 address, const QString &mac, qint64 now)
{
    put(Lease{address, mac, LeaseState::Offered, now + m_settings.offerSeconds});
}

LeaseAnswer LeasePool::discover(const QString &mac, quint32 requestedAddress, qint64 now)
{
    LeaseAnswer answer;
    answer.kind = LeaseAnswer::Kind::Offer;
    answer.leaseSeconds = m_settings.leaseSeconds;

    if (const auto own = m_byMac.constFind(mac); own != m_byMac.cend()) {
        const Lease lease = m_byAddress.value(*own);
        answer.address = lease.address;
        if (lease.state == LeaseState::Bound && lease.activeAt(now)) {
            answer.leaseSeconds = lease.expires - now;   // its binding, unchanged (RFC 2131 4.3.1)
        } else {
            reserve(lease.address, mac, now);
        }
        return answer;
    }
    std::optional<quint32> address;
    if (requestedAddress && isFreeFor(requestedAddress, mac, now))
        address = requestedAddress;
    if (!address)
        address = takeNeverUsed();
    if (!address)
        address = oldestReusable(now);
    if (!address) {
        answer.kind = LeaseAnswer::Kind::None;
        answer.reason = QStringLiteral("pool-full");
        return answer;
    }
    reserve(*address, mac, now);
    answer.address = *address;
    return answer;
}

LeaseAnswer LeasePool::request(const QString &mac, quint32 address, qint64 now)
{
    LeaseAnswer answer;
    answer.address = address;
    const auto nak = [&answer](const QString &reason) {
        answer.kind = LeaseAnswer::Kind::Nak;
        answer.reason = reason;
        return answer;
    };
    if (address == 0) {
        answer.reason = QStringLiteral("no-address");
        return answer;
    }
    const quint32 mask = m_settings.netmask;
    if ((address & mask) != (m_settings.serverAddress & mask))
        return nak(QStringLiteral("wrong-subnet"));   // INIT-REBOOT after a move (RFC 2131 4.3.2)
    const auto own = m_byMac.constFind(mac);
    if (own != m_byMac.cend() && *own != address)
        return nak(QStringLiteral("not-offered"));
    if (own == m_byMac.cend() && !isFreeFor(address, mac, now))
        return nak(m_settings.range.contains(address) ? QStringLiteral("in-use") : QStringLiteral("outside-range"));

    put(Lease{address, mac, LeaseState::Bound, now + m_settings.leaseSeconds});
    answer.kind = LeaseAnswer::Kind::Ack;
    answer.leaseSeconds = m_settings.leaseSeconds;
    return answer;
}

void LeasePool::releaseOffer(const QString &mac, qint64 now)
{
    const auto own = m_byMac.constFind(mac);
    if (own == m_byMac.cend())
        return;
    Lease lease = m_byAddress.value(*own);
    if (lease.state != LeaseState::Offered)
        return;
    lease.state = LeaseState::Released;
    lease.expires = std::min(lease.expires, now);
    put(lease);
}

bool LeasePool::decline(const QString &mac, quint32 address, qint64 now)
{
    if (m_byMac.value(mac) != address || !m_byAddress.contains(address))
        return false;
    put(Lease{address, QString(), LeaseState::Declined, now + m_settings.declineSeconds});
    return true;
}

bool LeasePool::release(const QString &mac, quint32 address, qint64 now)
{
    if (m_byMac.value(mac) != address || !m_byAddress.contains(address))
        return false;
    Lease lease = m_byAddress.value(address);
    if (lease.state != LeaseState::Bound)
        return false;
    lease.state = LeaseState::Released;
    lease.expires = std::min(lease.expires, now);
    put(lease);
    return true;
}

std::optional<Lease> LeasePool::leaseFor(const QString &mac) const
{
    const auto own = m_byMac.constFind(mac);
    if (own == m_byMac.cend())
        return std::nullopt;
    return m_byAddress.value(*own);
}

std::optional<Lease> LeasePool::leaseAt(quint32 address) const
{
    const auto it = m_byAddress.constFind(address);
    if (it == m_byAddress.cend())
        return std::nullopt;
    return *it;
}

QList<Lease> LeasePool::leases() const
{
    QList<Lease> out = m_byAddress.values();
    std::sort(out.begin(), out.end(), [](const Lease &a, const Lease &b) { return a.address < b.address; });
    return out;
}

int LeasePool::boundCount(qint64 now) const
{
    int n = 0;
    for (const Lease &lease : m_byAddress) {
        if (lease.state == LeaseState::Bound && lease.activeAt(now))
            ++n;
    }
    return n;
}

QByteArray LeasePool::toJson() const
{
    QJsonArray list;
    for (const Lease &lease : leases()) {
        QJsonObject o;
        o.insert(QLatin1String("ip"), ipv4ToString(lease.address));
        if (!lease.mac.isEmpty())
            o.insert(QLatin1String("mac"), lease.mac);
        o.insert(QLatin1String("state"), leaseStateName(lease.state));
        o.insert(QLatin1String("expires"),
                 QDateTime::fromSecsSinceEpoch(lease.expires, Qt::UTC).toString(Qt::ISODate));
        list.append(o);
    }
    QJsonObject root;
    root.insert(QLatin1String("format"), kFormat);
    root.insert(QLatin1String("range"), m_settings.range.toString());
    root.insert(QLatin1String("leases"), list);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

void LeasePool::clear()
{
    m_byAddress.clear();
    m_byMac.clear();
    m_byExpiry.clear();
    m_offers.clear();
    m_nextUnused = m_settings.range.first;
    ++m_revision;
}

bool LeasePool::restore(const QByteArray &json, QString *error, int *skipped)
{
    clear();
    int bad = 0;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (doc.isNull()) {
        *error = QStringLiteral("not JSON (%1 at byte %2)").arg(parseError.errorString()).arg(parseError.offset);
        return false;
    }
    const QJsonObject root = doc.object();
    if (!doc.isObject() || root.value(QLatin1String("format")).toString() != kFormat
        || !root.value(QLatin1String("leases")).isArray()) {
        *error = QStringLiteral("not a lease file (no \"format\": \"%1\" with a \"leases\" list)").arg(kFormat);
        return false;
    }
    static const QRegularExpression macPattern(QStringLiteral("^[0-9a-f]{2}(:[0-9a-f]{2}){5}$"));
    const QJsonArray list = root.value(QLatin1String("leases")).toArray();
    for (const QJsonValue &v : list) {
        const QJsonObject o = v.toObject();
        const auto address = parseIpv4(o.value(QLatin1String("ip")).toString());
        const QString mac = o.value(QLatin1String("mac")).toString();
        const auto state = stateFromName(o.value(QLatin1String("state")).toString());
        const QDateTime expires = QDateTime::fromString(o.value(QLatin1String("expires")).toString(), Qt::ISODate);
        const bool macOk = state == LeaseState::Declined ? mac.isEmpty() : macPattern.match(mac).hasMatch();
        if (!address || !state || !macOk || !expires.isValid() || !m_settings.range.contains(*address)
            || isServerOrEdge(*address) || m_byAddress.contains(*address) || (!mac.isEmpty() && m_byMac.contains(mac))) {
            ++bad;
            continue;
        }
        put(Lease{*address, mac, *state, expires.toSecsSinceEpoch()});
    }
    if (skipped)
        *skipped = bad;
    return true;
}

} // namespace Nbc::Dhcp
