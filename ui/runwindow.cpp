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
    Sim::DemoDriver *demo = nullptr;
    bool opened = false;
    SessionOverrides o = overrides;
    if (demoCount > 0) {
        QString error;
        demo = Sim::openDemo(&session, demoCount, nullptr, &error);
        if (!demo) {
            QMessageBox::critical(nullptr, QApplication::translate("runWindow", "Netboot Console"),
                                  QApplication::translate("runWindow", "The demo cannot start: %1").arg(error));
            return 1;
        }
        o = demo->environment()->overrides();
        opened = true;
    } else {
        opened = session.open(workspaceDir, o);
    }
    MainWindow window(&session);
    if (!opened)
        window.setOpenError(session.error());
    if (demo) {
        demo->setParent(&window);
        QObject::connect(demo, &Sim::DemoDriver::failed, &window,
                         [&window](const QString &message) { window.showStatus(message, 0); });
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
