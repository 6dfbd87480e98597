#pragma once

#include <QByteArray>
#include <QHashFunctions>
#include <QString>
#include <QStringView>

namespace Nbc {

// A 48-bit Ethernet address, parsed and normalised once where it enters (a DHCP chaddr,
// a URL path, netboot.yaml, a drop) and compared and hashed as a number after that.
class Mac
{
public:
    Mac() = default;

    // Accepts "52:54:00:12:34:56", "52-54-00-12-34-56", "5254.0012.3456" and
    // "525400123456", in either case; anything else is a null Mac.
    static Mac parse(QStringView text);
    // The first six bytes of a hardware address field of exactly six bytes.
    static Mac fromBytes(const QByteArray &bytes);

    bool isNull() const { return !m_valid; }
    quint64 value() const { return m_value; }
    QByteArray bytes() const;
    // "52:54:00:12:34:56": the form of event lines, netboot.yaml and the registry's keys.
    QString toString() const;
    // "52-54-00-12-34-56": the form of URL paths (iPXE's ${net0/mac:hexhyp}).
    QString toDashed() const;

    friend bool operator==(const Mac &a, const Mac &b) { return a.m_valid == b.m_valid && a.m_value == b.m_value; }
    friend bool operator!=(const Mac &a, const Mac &b) { return !(a == b); }
    friend size_t qHash(const Mac &mac, size_t seed = 0) { return ::qHash(mac.m_value, seed); }

private:
    QString format(QChar separator) const;

    quint64 m_value = 0;
    bool m_valid = false;
};

// The text form of a MAC given in any accepted spelling; empty when it is not a MAC.
inline QString normalizeMac(QStringView text)
{
    const Mac mac = Mac::parse(text);
    return mac.isNull() ? QString() : mac.toString();
}
inline QString macFromBytes(const QByteArray &bytes)
{
    const Mac mac = Mac::fromBytes(bytes);
    return mac.isNull() ? QString() : mac.toString();
}

} // namespace Nbc
