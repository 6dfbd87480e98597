#include "doctor.h"

#include "options.h"

#include "doctor/interfaceinfo.h"
#include "doctor/networkdoctor.h"
#include "inventory/workspace.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace {

// The ports the console would use: the workspace's (read, never written: the doctor may
// run before there is a workspace) with the command line's overrides.
Nbc::Ports portsFor(const AppOptions &options)
{
    Nbc::Ports ports;
    const QString dir = options.workspace.isEmpty() ? Nbc::Workspace::defaultDirectory() : options.workspace;
    QFile file(QDir(dir).filePath(Nbc::Workspace::settingsFileName()));
    if (file.open(QIODevice::ReadOnly)) {
        Nbc::WorkspaceSettings settings;
        Nbc::WorkspaceError error;
        if (Nbc::Workspace::parse(file.readAll(), file.fileName(), &settings, &error))
            ports = settings.ports;
    }
    options.ports.applyTo(&ports);
    return ports;
}

} // namespace

int runDoctor(QCoreApplication &app, const AppOptions &options)
{
    if (options.interfaceName.isEmpty()) {
        std::fprintf(stderr, "netboot-console: --doctor needs --interface NAME; interfaces here:\n");
        for (const Nbc::Doctor::InterfaceInfo &info : Nbc::Doctor::listInterfaces())
            std::fprintf(stderr, "  %s\n", qPrintable(info.describe()));
        return 2;
    }
    bool found = false;
    for (const Nbc::Doctor::InterfaceInfo &info : Nbc::Doctor::listInterfaces())
        found = found || info.name == options.interfaceName;
    if (!found) {
        std::fprintf(stderr, "netboot-console: there is no interface named %s; interfaces here:\n",
                     qPrintable(options.interfaceName));
        for (const Nbc::Doctor::InterfaceInfo &info : Nbc::Doctor::listInterfaces())
            std::fprintf(stderr, "  %s\n", qPrintable(info.describe()));
        return 1;
    }
    Nbc::Doctor::NetworkDoctor doctor;
    QObject::connect(&doctor, &Nbc::Doctor::NetworkDoctor::finished, &app,
                     [&app, &options](const Nbc::Doctor::DoctorReport &report) {
                         if (options.headless) {
                             for (const QJsonObject &line : report.toJsonLines())
                                 std::printf("%s\n", QJsonDocument(line).toJson(QJsonDocument::Compact).constData());
                         } else {
                             std::fputs(qPrintable(report.toText()), stdout);   // toText() ends with a newline
                         }
                         std::fflush(stdout);
                         app.exit(0);
                     });
    doctor.run(options.interfaceName, portsFor(options));
    return app.exec();
}
