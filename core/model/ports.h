#pragma once

#include <QString>
#include <QtGlobal>

#include <array>

namespace Nbc {

// The console's listening ports, with their defaults declared here and nowhere else. The
// names are those of netboot.yaml `ports:` and of the command line (`--<flag>`).
struct Ports {
    enum class Which { Dhcp, Proxy, Tftp, Http, Logs };

    quint16 dhcp = 67;      // DHCP (proxy answers and full mode)
    quint16 proxy = 4011;   // PXE boot-server requests
    quint16 tftp = 69;
    quint16 http = 8080;
    quint16 logs = 4050;    // Talos log lines, TCP and UDP

    quint16 value(Which which) const;
    void set(Which which, quint16 port);
    bool operator==(const Ports &other) const = default;
};

struct PortInfo {
    Ports::Which which;
    const char *yamlKey;    // netboot.yaml `ports: {dhcp: 67, ...}`
    const char *flag;       // command line: --dhcp-port N
};
// Every port once, in the order of the README.
const std::array<PortInfo, 5> &allPorts();

// Ports given on the command line for this run; unset ones keep the workspace's.
struct PortOverrides {
    int dhcp = -1, proxy = -1, tftp = -1, http = -1, logs = -1;   // -1: not given

    static PortOverrides from(const Ports &ports) { return {ports.dhcp, ports.proxy, ports.tftp, ports.http, ports.logs}; }
    int *field(Ports::Which which);
    void applyTo(Ports *ports) const;
};

} // namespace Nbc
