#pragma once

#include <QHash>
#include <QHostAddress>
#include <QString>

#include <deque>

namespace Nbc {

// MAC -> the address that machine's DHCP exchange gave it (full mode: its lease; proxy
// mode: the address it asked the site's server for or used on the PXE port), as the DHCP
// engines report it. Never learnt from an HTTP peer or any other word of the asker.
// Bounded (a flood of made-up MACs pushes out the oldest first); one engine thread owns it.
class MachineAddresses
{
public:
    static constexpr int kMaxMachines = 65536;

    void learn(const QString &mac, const QHostAddress &address);
    QHostAddress addressOf(const QString &mac) const { return m_byMac.value(mac).address; }
    // The machine an address was last learnt for (the TFTP engine: which Pi asks); empty
    // when none, or when that machine has moved to another address since.
    QString macAt(const QHostAddress &address) const;
    int size() const { return int(m_byMac.size()); }

private:
    struct Entry {
        QHostAddress address;
        quint64 serial = 0;
    };
    QHash<QString, Entry> m_byMac;
    QHash<QHostAddress, QString> m_byAddress;   // stale entries are checked against m_byMac
    std::deque<std::pair<quint64, QString>> m_order;   // learn order; stale when the serial moved on
    quint64 m_serial = 0;
};

} // namespace Nbc
