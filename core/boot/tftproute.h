#pragma once

#include "boot/bootsnapshot.h"
#include "boot/safepath.h"

#include <QString>

namespace Nbc::Boot {

// Which file a TFTP name is served from, beside routeHttp (httproute.h). `clientMac` is the
// machine the request's source address belongs to, as its DHCP exchange showed it (empty
// when the console knows none). In order:
//   - for a Raspberry Pi, its `piFolder:` under the piBoot folder, then its serial-number
//     folder there (a name's "<serial>/" prefix is dropped: "9ffefdef/start4.elf" and
//     "start4.elf" are the same file to the Pi);
//   - the iPXE names: the configured binaries, or a file of that name next to them;
//   - the TFTP root, without a serial prefix.
// Only a file that is not found in one place is looked for in the next. A name under a
// serial folder of the piBoot folder that is not the client's own is refused ("other-pi");
// other refusals carry safepath's reasons.
SafePathResult resolveTftpName(const BootSnapshot &snapshot, const QString &requested,
                               const QString &clientMac = QString());

} // namespace Nbc::Boot
