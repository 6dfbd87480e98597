#pragma once

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
};
