#include "doctor/transport.h"

namespace Nbc::Doctor {

QString transportName(Transport transport)
{
    return transport == Transport::Tcp ? QStringLiteral("tcp") : QStringLiteral("udp");
}

QList<ServicePort> servicePorts(const Ports &ports)
{
    const QList<ServicePort> all = {
        {Ports::Which::Dhcp, Transport::Udp, ports.dhcp},
        {Ports::Which::Proxy, Transport::Udp, ports.proxy},
        {Ports::Which::Tftp, Transport::Udp, ports.tftp},
        {Ports::Which::Http, Transport::Tcp, ports.http},
        {Ports::Which::Logs, Transport::Tcp, ports.logs},
        {Ports::Which::Logs, Transport::Udp, ports.logs},
    };
    QList<ServicePort> out;
    for (const ServicePort &p : all) {
        if (p.port != 0)
            out.append(p);
    }
    return out;
}

PortList portList(const QList<ServicePort> &ports)
{
    PortList out;
    for (const ServicePort &p : ports)
        out.append({p.transport, p.port});
    return out;
}

QString serviceKey(Ports::Which which)
{
    for (const PortInfo &info : allPorts()) {
        if (info.which == which)
            return QString::fromLatin1(info.yamlKey);
    }
    return {};
}

} // namespace Nbc::Doctor
