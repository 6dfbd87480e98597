#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QString>

namespace Nbc {

// The Wake-on-LAN "magic packet": six 0xFF bytes, then the MAC sixteen times (AMD's
// Magic Packet white paper). Pure; empty when the text is not a MAC.
QByteArray wakeOnLanPacket(const QString &mac);

// Where to send it: the IPv4 broadcast address of the interface; null when the interface
// has none (loopback, unknown name).
QHostAddress wakeOnLanBroadcast(const QString &interfaceName);

// UDP port 9 ("discard") is what most NICs and tools use.
constexpr quint16 kWakeOnLanPort = 9;

// Where magic packets go, and from which address they leave.
struct WakeTarget {
    QHostAddress address;           // the interface's broadcast (127.0.0.1 for the demo and tests)
    quint16 port = kWakeOnLanPort;
    QHostAddress from;              // bound first so the packet leaves on the served interface; null: any
};

} // namespace Nbc
