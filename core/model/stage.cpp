#include "model/stage.h"

#include <array>

namespace Nbc {

namespace {
constexpr std::array<const char *, 11> kStageNames = {
    "Discovered", "LoadingIpxe", "Ipxe",      "Waiting", "Kernel", "Config",
    "Installing", "Joined",      "Installed", "Stalled", "Failed",
};
} // namespace

QString stageName(Stage stage)
{
    return QString::fromLatin1(kStageNames.at(static_cast<size_t>(stage)));
}

bool stageFromName(const QString &name, Stage *stage)
{
    for (size_t i = 0; i < kStageNames.size(); ++i) {
        if (name == QLatin1String(kStageNames[i])) {
            *stage = static_cast<Stage>(i);
            return true;
        }
    }
    return false;
}

} // namespace Nbc
