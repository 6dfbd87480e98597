#pragma once

#include <QStringList>

namespace Nbc::Boot {

// Text in 5-row block letters ('#' on '.'), for a machine's own screen where iPXE can
// only echo words: spaces would collapse, so the background is dots. Letters, digits and
// "-._:/ " are drawn; anything else as '?'. At most maxChars characters (12 fit 80 columns).
QStringList bigText(const QString &text, int maxChars = 12);

} // namespace Nbc::Boot
