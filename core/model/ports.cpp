#include "model/ports.h"

namespace Nbc {

quint16 Ports::value(Which which) const
{
    switch (which) {
    case Which::Dhcp: return dhcp;
    case Which::Proxy: return proxy;
    case Which::Tftp: return tftp;
    case Which::Http: return http;
    case Which::Logs: return logs;
    }
    return 0;
}

void Ports::set(Which which, quint16 port)
{
    switch (which) {
    case Which::Dhcp: dhcp = port; break;
    case Which::Proxy: proxy = port; break;
    case Which::Tftp: tftp = port; break;
    case Which::Http: http = port; break;
    case Which::Logs: logs = port; break;
    }
}

const std::array<PortInfo, 5> &allPorts()
{
    static const std::array<PortInfo, 5> ports = {{
        {Ports::Which::Dhcp, "dhcp", "dhcp-port"},
        {Ports::Which::Proxy, "proxy", "proxy-port"},
        {Ports::Which::Tftp, "tftp", "tftp-port"},
        {Ports::Which::Http, "http", "http-port"},
        {Ports::Which::Logs, "logs", "log-port"},
    }};
    return ports;
}

int *PortOverrides::field(Ports::Which which)
{
    switch (which) {
    case Ports::Which::Dhcp: return &dhcp;
    case Ports::Which::Proxy: return &proxy;
    case Ports::Which::Tftp: return &tftp;
    case Ports::Which::Http: return &http;
    case Ports::Which::Logs: return &logs;
    }
    return nullptr;
}

void PortOverrides::applyTo(Ports *ports) const
{
    for (const PortInfo &info : allPorts()) {
        const int port = *const_cast<PortOverrides *>(this)->field(info.which);
        if (port >= 0)
            ports->set(info.which, static_cast<quint16>(port));
    }
}

} // namespace Nbc
