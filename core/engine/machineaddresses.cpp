#include "engine/machineaddresses.h"

namespace Nbc {

namespace {

// An IPv4 peer may arrive as ::ffff:a.b.c.d on a dual-stack socket: one spelling per address.
QHostAddress plain(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4) : address;
}

} // namespace

QString MachineAddresses::macAt(const QHostAddress &address) const
{
    const QHostAddress key = plain(address);
    const QString mac = m_byAddress.value(key);
    const auto it = m_byMac.constFind(mac);
    return it != m_byMac.constEnd() && it->address == key ? mac : QString();
}

void MachineAddresses::learn(const QString &mac, const QHostAddress &learnt)
{
    if (mac.isEmpty() || learnt.isNull())
        return;
    const QHostAddress address = plain(learnt);
    const quint64 serial = ++m_serial;
    if (const auto before = m_byMac.constFind(mac); before != m_byMac.constEnd() && before->address != address
        && m_byAddress.value(before->address) == mac)
        m_byAddress.remove(before->address);
    m_byMac.insert(mac, Entry{address, serial});
    m_byAddress.insert(address, mac);
    m_order.emplace_back(serial, mac);
    while (int(m_byMac.size()) > kMaxMachines && !m_order.empty()) {
        const auto [oldest, oldestMac] = m_order.front();
        m_order.pop_front();
        const auto it = m_byMac.find(oldestMac);
        if (it != m_byMac.end() && it->serial == oldest) {
            if (m_byAddress.value(it->address) == oldestMac)
                m_byAddress.remove(it->address);
            m_byMac.erase(it);
        }
    }
    if (m_order.size() > size_t(2 * kMaxMachines)) {
        std::erase_if(m_order, [this](const std::pair<quint64, QString> &entry) {
            return m_byMac.value(entry.second).serial != entry.first;
        });
    }
}

} // namespace Nbc
