#pragma once

namespace Nbc {

class ServiceHost;

// Adds the proxy-DHCP, full-DHCP, TFTP, HTTP and log engines to a host.
void addDefaultEngines(ServiceHost &host);

} // namespace Nbc
