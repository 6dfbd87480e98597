#pragma once

class QCoreApplication;
struct AppOptions;

int runHeadless(QCoreApplication &app, const AppOptions &options);
