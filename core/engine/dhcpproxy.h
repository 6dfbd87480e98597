#pragma once

#include "engine/dhcpengine.h"

namespace Nbc {

// Proxy DHCP (PXE 2.1 2.2.5) on UDP 67 and PXE boot-server requests on UDP 4011: tells PXE
// clients which file to boot, never assigns an address. In full DHCP mode port 67 belongs
// to DhcpServer (one offer with address and boot file) and this engine keeps only 4011.
class DhcpProxy : public DhcpEngine
{
    Q_OBJECT
public:
    explicit DhcpProxy(QObject *parent = nullptr);

protected:
    QList<Boot::DhcpPort> portsFor(const BootSnapshot &snapshot) const override;
    void handleDatagram(Listener &listener, const Datagram &datagram) override;
};

} // namespace Nbc
