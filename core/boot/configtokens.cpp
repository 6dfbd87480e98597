#include "boot/configtokens.h"

#include <QRandomGenerator>

namespace Nbc::Boot {

QString ConfigTokens::issue(const QString &mac, const QHostAddress &address, qint64 nowMs, qint64 lifetimeMs)
{
    quint32 words[4];
    QRandomGenerator::system()->fillRange(words);
    const QByteArray raw(reinterpret_cast<const char *>(words), sizeof words);
    const QString token = QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));

    const auto old = m_byMac.constFind(mac);
    if (old != m_byMac.constEnd())
        m_macByToken.remove(old->token);
    const quint64 serial = ++m_serial;
    m_byMac.insert(mac, Entry{token, address, nowMs + lifetimeMs, serial});
    m_macByToken.insert(token, mac);
    m_order.emplace_back(serial, mac);
    // Bounded: the MACs that asked longest ago lose their tokens first.
    while (int(m_byMac.size()) > kMaxTokens && !m_order.empty()) {
        const auto [oldest, oldestMac] = m_order.front();
        m_order.pop_front();
        const auto it = m_byMac.find(oldestMac);
        if (it != m_byMac.end() && it->serial == oldest) {
            m_macByToken.remove(it->token);
            m_byMac.erase(it);
        }
    }
    // A few MACs asking again and again leave stale entries: drop them now and then.
    if (m_order.size() > size_t(2 * kMaxTokens)) {
        std::erase_if(m_order, [this](const std::pair<quint64, QString> &entry) {
            return m_byMac.value(entry.second).serial != entry.first;
        });
    }
    return token;
}

ConfigTokens::Check ConfigTokens::check(const QString &token, const QString &mac, const QHostAddress &address,
                                        qint64 nowMs) const
{
    if (token.isEmpty())
        return Check::Missing;
    const auto owner = m_macByToken.constFind(token);
    if (owner == m_macByToken.constEnd())
        return Check::Unknown;
    if (owner.value() != mac)
        return Check::WrongMac;
    const Entry &entry = m_byMac.value(mac);
    if (entry.address != address)
        return Check::WrongAddress;
    if (nowMs >= entry.expiresMs)
        return Check::Expired;
    return Check::Valid;
}

QString ConfigTokens::checkKey(Check check)
{
    switch (check) {
    case Check::Valid: return QStringLiteral("valid");
    case Check::Missing: return QStringLiteral("token-missing");
    case Check::Unknown: return QStringLiteral("token-unknown");
    case Check::Expired: return QStringLiteral("token-expired");
    case Check::WrongMac: return QStringLiteral("token-other-machine");
    case Check::WrongAddress: return QStringLiteral("token-other-address");
    }
    return {};
}

} // namespace Nbc::Boot
