#pragma once

#include "boot/bootsnapshot.h"
#include "boot/safepath.h"

#include <QString>

namespace Nbc::Boot {

// Which file a TFTP name is served from, beside routeHttp (httproute.h): the iPXE names
// map to the configured binaries (or a file of that name next to them), anything else is
// looked up under the TFTP root only. Refusals carry safepath's reasons.
SafePathResult resolveTftpName(const BootSnapshot &snapshot, const QString &requested);


} // namespace Nbc::Boot
