#pragma once

#include "model/ports.h"

#include <QList>
#include <QPair>
#include <QString>

namespace Nbc::Doctor {

// The doctor's own transport type: Engine::Transport is private to the engines, and the
// doctor looks at ports held by any program, not only by an engine.
enum class Transport { Udp, Tcp };

using PortList = QList<QPair<Transport, quint16>>;

// "udp", "tcp": the key in JSON lines and the word in "udp/67".
QString transportName(Transport transport);

// One socket the console opens for a port of Nbc::Ports.
struct ServicePort {
    Ports::Which which = Ports::Which::Dhcp;
    Transport transport = Transport::Udp;
    quint16 port = 0;
};

// Every socket the engines open for these ports: DHCP, PXE proxy and TFTP on UDP, HTTP on
// TCP, the log receiver on both. Port 0 (let the kernel choose) is left out: nobody can
// hold it in advance.
QList<ServicePort> servicePorts(const Ports &ports);
PortList portList(const QList<ServicePort> &ports);
// "dhcp", "proxy", "tftp", "http", "logs" (the netboot.yaml `ports:` key).
QString serviceKey(Ports::Which which);

} // namespace Nbc::Doctor
