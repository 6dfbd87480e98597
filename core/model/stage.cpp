#include "model/stage.h"

#include <array>

namespace Nbc {

namespace {
constexpr std::array<const char *, 12> kStageNames = {
    "Discovered", "FirmwareFiles", "LoadingIpxe", "Ipxe",    "Waiting", "Kernel",
    "Config",     "Installing",    "Joined",      "Installed", "Stalled", "Failed",
};
static_assert(kStageNames.size() == size_t(Stage::Failed) + 1, "a name for every stage");
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
