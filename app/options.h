#pragma once

#include "inventory/consolesession.h"

#include <QString>
#include <QStringList>

struct AppOptions {
    bool headless = false;
    int demo = 0;
    QString workspace;
    QString interfaceName;
    QString mode;
    int dhcpPort = -1, proxyPort = -1, tftpPort = -1, httpPort = -1, logPort = -1;
    QString tftpRoot;
    QString httpRoot;

    // What of these the session takes as overrides of the workspace for this run.
    Nbc::SessionOverrides sessionOverrides() const;
};
