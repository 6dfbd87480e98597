#pragma once

class QCoreApplication;
struct AppOptions;

// `--doctor --interface IF`: the network doctor's report on stdout (text, or JSON lines
// with --headless), then exit. 0: the report was made; 1: the interface does not exist;
// 2: no --interface.
int runDoctor(QCoreApplication &app, const AppOptions &options);
