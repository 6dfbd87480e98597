#pragma once

#include "model/stage.h"

#include <QColor>
#include <QIcon>
#include <QString>

namespace Nbc::Ui {

// How a stage looks everywhere in the window: a title, a colour and an icon with its own
// glyph, so a stage is never told by colour alone.
class StageStyle
{
public:
    // Registers the icons of resources.qrc (a static library's resources need it).
    static void ensureResources();
    static QString title(Stage stage);
    static QString description(Stage stage);
    static QColor color(Stage stage);
    static QIcon icon(Stage stage);
    static QString iconPath(Stage stage);
    // The position on the normal path (Discovered = 0, FirmwareFiles or LoadingIpxe = 1 …
    // Installed = 8); Stalled and Failed take the step they happened in, given as `from`.
    static int step(Stage stage, Stage from);
    static constexpr int kSteps = 9;
    static bool isProblem(Stage stage) { return stage == Stage::Stalled || stage == Stage::Failed; }
};

} // namespace Nbc::Ui
