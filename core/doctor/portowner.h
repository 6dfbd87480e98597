#pragma once

#include "doctor/transport.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace Nbc::Doctor {

// A socket that holds one of the console's ports, and the program that owns it.
struct PortOwner {
    Q_DECLARE_TR_FUNCTIONS(PortOwner)
public:
    Transport transport = Transport::Udp;
    quint16 port = 0;
    QString localAddress;       // "0.0.0.0", "10.77.0.1", "::"
    quint64 inode = 0;          // the socket's inode
    qint64 pid = -1;            // -1: the owner is not visible (another user's process, without root)
    QString program;            // /proc/<pid>/comm, e.g. "dnsmasq"

    bool isThisProcess() const;
    // "UDP port 67 (0.0.0.0) is held by dnsmasq (pid 812): stop it, or ..."
    QString describe() const;
};

// The sockets bound to any of ports in the network namespace of process netPid: UDP
// sockets of <procRoot>/<netPid>/net/udp and udp6, TCP sockets in LISTEN state of tcp
// and tcp6; each mapped to the processes holding it by scanning <procRoot>/*/fd for
// "socket:[inode]" (only one's own processes are visible without root). A socket whose
// owner is not visible is listed once with pid -1.
QList<PortOwner> portOwners(const PortList &ports, const QString &procRoot = QStringLiteral("/proc"),
                            const QString &netPid = QStringLiteral("self"));

} // namespace Nbc::Doctor
