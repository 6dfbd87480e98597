#pragma once

#include "session/consolesession.h"

#include <QString>
#include <QStringList>

struct AppOptions {
    bool headless = false;
    int demo = 0;
    bool demoFaults = false;
    QString workspace;
    QString interfaceName;
    QString mode;
    Nbc::PortOverrides ports;
    QString tftpRoot;
    QString httpRoot;

    // What of these the session takes as overrides of the workspace for this run.
    Nbc::SessionOverrides sessionOverrides() const;
};
