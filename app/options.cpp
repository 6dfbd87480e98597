#include "options.h"

Nbc::SessionOverrides AppOptions::sessionOverrides() const
{
    Nbc::SessionOverrides o;
    o.interfaceName = interfaceName;
    if (mode == QLatin1String("proxy"))
        o.mode = Nbc::DhcpMode::Proxy;
    else if (mode == QLatin1String("dhcp"))
        o.mode = Nbc::DhcpMode::Full;
    o.ports = ports;
    o.tftpRoot = tftpRoot;
    o.httpRoot = httpRoot;
    return o;
}
