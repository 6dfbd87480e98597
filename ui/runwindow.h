#pragma once

#include "session/consolesession.h"

class QApplication;

namespace Nbc::Ui {

// The GUI path of main(): opens the session (or a demo's throw-away one with `demoCount`
// simulated machines), shows the window even when the session cannot start yet (it then
// says why and offers the interfaces), runs the event loop and stops the engines.
int runWindow(QApplication &app, const QString &workspaceDir, const SessionOverrides &overrides, int demoCount,
              bool demoFaults = false);

} // namespace Nbc::Ui
