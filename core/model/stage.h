#pragma once

#include <QString>

namespace Nbc {

// The stages of DESIGN.md "Stages of a machine"; their names are a contract of the
// --headless event lines, so stageName() must keep them exactly.
enum class Stage {
    Discovered,
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
