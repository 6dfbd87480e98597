#include "engine/enginefactory.h"

#include "engine/logsink.h"
#include "engine/servicehost.h"

#if __has_include("engine/dhcpproxy.h")
#include "engine/dhcpproxy.h"
#define NBC_HAVE_DHCP 1
#endif
#if __has_include("engine/tftpserver.h")
#include "engine/tftpserver.h"
#define NBC_HAVE_TFTP 1
#endif
#if __has_include("engine/httpserver.h")
#include "engine/httpserver.h"
#define NBC_HAVE_HTTP 1
#endif

namespace Nbc {

void addDefaultEngines(ServiceHost &host)
{
#ifdef NBC_HAVE_DHCP
    host.addEngine(new DhcpProxy);
#endif
#ifdef NBC_HAVE_TFTP
    host.addEngine(new TftpServer);
#endif
#ifdef NBC_HAVE_HTTP
    host.addEngine(new HttpServer);
#endif
    host.addEngine(new LogSink);
}

} // namespace Nbc
