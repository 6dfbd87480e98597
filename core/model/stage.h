#pragma once

#include <QString>

namespace Nbc {

// The stages of DESIGN.md "Stages of a machine"; their names are a contract of the
// --headless event lines, so stageName() must keep them exactly. The order is the order
// of a boot: within one boot a machine only moves to a later stage.
enum class Stage {
    Discovered,
    FirmwareFiles,   // a Raspberry Pi's bootloader fetches its firmware files over TFTP
    LoadingIpxe,
    Ipxe,
    Waiting,
    Kernel,
    Config,
    Installing,
    Joined,
    Installed,
    Stalled,
    Failed,
};

QString stageName(Stage stage);
bool stageFromName(const QString &name, Stage *stage);

} // namespace Nbc
