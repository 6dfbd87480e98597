#include "engine/enginefactory.h"

#include "engine/dhcpproxy.h"
#include "engine/dhcpserver.h"
#include "engine/httpserver.h"
#include "engine/logsink.h"
#include "engine/servicehost.h"
#include "engine/tftpserver.h"

namespace Nbc {

void addDefaultEngines(ServiceHost &host)
{
    host.addEngine(new DhcpProxy);
    host.addEngine(new DhcpServer);   // full DHCP mode only; idle in proxy mode
    host.addEngine(new TftpServer);
    host.addEngine(new HttpServer);
    host.addEngine(new LogSink);
}

} // namespace Nbc
