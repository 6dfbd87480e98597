#pragma once

#include <QHash>
#include <QHostAddress>
#include <QString>

#include <deque>

namespace Nbc::Boot {

// The tokens that let a machine fetch its own config (DESIGN.md security stance): issued
// with the machine's boot script to the address its DHCP exchange gave it, put into its
// talos.config= URL, and accepted only for that MAC, from that address, for a while. The
// MAC is no secret (every DHCP DISCOVER broadcasts it); a 128-bit random token is.
//
// One token per MAC (a new script replaces it), at most kMaxTokens (the oldest go first),
// so a flood of script requests cannot grow it. Not thread-safe: the HTTP engine owns one.
class ConfigTokens
{
public:
    static constexpr qint64 kLifetimeMs = 30 * 60 * 1000;   // kernel + initramfs on a slow link, then Talos
    static constexpr int kMaxTokens = 16384;

    enum class Check { Valid, Missing, Unknown, Expired, WrongMac, WrongAddress };

    // A new token for mac at address, valid until nowMs + lifetimeMs.
    QString issue(const QString &mac, const QHostAddress &address, qint64 nowMs, qint64 lifetimeMs = kLifetimeMs);
    Check check(const QString &token, const QString &mac, const QHostAddress &address, qint64 nowMs) const;
    int size() const { return int(m_byMac.size()); }

    // "missing", "unknown", "expired", ...: the key of a refusal, for counters.
    static QString checkKey(Check check);

private:
    struct Entry {
        QString token;
        QHostAddress address;
        qint64 expiresMs = 0;
        quint64 serial = 0;
    };
    QHash<QString, Entry> m_byMac;          // mac -> its current token
    QHash<QString, QString> m_macByToken;   // token -> mac
    // (serial, mac) in issue order; an entry whose serial is no longer the MAC's is stale.
    std::deque<std::pair<quint64, QString>> m_order;
    quint64 m_serial = 0;
};

} // namespace Nbc::Boot
