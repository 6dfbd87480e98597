#include "runwindow.h"

#include "mainwindow.h"

#include "engine/servicehost.h"
#include "sim/demo.h"

#include <QApplication>
#include <QMessageBox>

namespace Nbc::Ui {

int runWindow(QApplication &app, const QString &workspaceDir, const SessionOverrides &overrides, int demoCount)
{
    ConsoleSession session;
    QString dir = workspaceDir;
    SessionOverrides o = overrides;
    std::unique_ptr<Sim::DemoEnvironment> environment;
    if (demoCount > 0) {
        Sim::raiseOpenFileLimit();
        Sim::DemoEnvironment::Settings settings;
        settings.count = demoCount;
        QString error;
        environment = Sim::DemoEnvironment::create(settings, &error);
        if (!environment) {
            QMessageBox::critical(nullptr, QApplication::translate("runWindow", "Netboot Console"),
                                  QApplication::translate("runWindow", "The demo cannot start: %1").arg(error));
            return 1;
        }
        dir = environment->workspaceDir();
        o = environment->overrides();
    }
    const bool opened = session.open(dir, o);
    MainWindow window(&session, o);
    if (!opened)
        window.setOpenError(session.error());
    if (opened && environment) {
        auto *driver = new Sim::DemoDriver(std::move(environment), &session, &window);
        QObject::connect(driver, &Sim::DemoDriver::failed, &window,
                         [&window](const QString &message) { window.showStatus(message, 0); });
        driver->start();
        window.setDemoNote(QApplication::translate("runWindow", "demo: %n simulated machines on this computer", nullptr,
                                                   demoCount));
    }
    if (opened)
        session.startServices();
    window.show();
    const int code = app.exec();
    session.stopServices();
    session.services()->shutdown();
    return code;
}

} // namespace Nbc::Ui
