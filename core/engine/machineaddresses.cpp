#include "engine/machineaddresses.h"

namespace Nbc {

void MachineAddresses::learn(const QString &mac, const QHostAddress &address)
{
    if (mac.isEmpty() || address.isNull())
        return;
    const quint64 serial = ++m_serial;
    m_byMac.insert(mac, Entry{address, serial});
    m_order.emplace_back(serial, mac);
    while (int(m_byMac.size()) > kMaxMachines && !m_order.empty()) {
        const auto [oldest, oldestMac] = m_order.front();
        m_order.pop_front();
        const auto it = m_byMac.find(oldestMac);
        if (it != m_byMac.end() && it->serial == oldest)
            m_byMac.erase(it);
    }
    if (m_order.size() > size_t(2 * kMaxMachines)) {
        std::erase_if(m_order, [this](const std::pair<quint64, QString> &entry) {
            return m_byMac.value(entry.second).serial != entry.first;
        });
    }
}

} // namespace Nbc
