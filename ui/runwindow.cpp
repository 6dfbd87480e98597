#include "runwindow.h"

#include "firstrunwizard.h"
#include "mainwindow.h"

#include "engine/servicehost.h"
#include "inventory/workspace.h"
#include "session/setupplan.h"
#include "sim/demo.h"

#include <QApplication>
#include <QMessageBox>

namespace Nbc::Ui {

int runWindow(QApplication &app, const QString &workspaceDir, const SessionOverrides &overrides, int demoCount,
              bool demoFaults)
{
    ConsoleSession session;
    Sim::DemoDriver *demo = nullptr;
    bool opened = false;
    bool setUp = false;
    SessionOverrides o = overrides;
    if (demoCount > 0) {
        QString error;
        demo = Sim::openDemo(&session, demoCount, nullptr, &error, demoFaults);
        if (!demo) {
            QMessageBox::critical(nullptr, QApplication::translate("runWindow", "Netboot Console"),
                                  QApplication::translate("runWindow", "The demo cannot start: %1").arg(error));
            return 1;
        }
        o = demo->environment()->overrides();
        opened = true;
    } else {
        // First start (no usable workspace yet): the wizard first; nothing is written
        // unless its summary is accepted. Cancelled, the window opens as it always did.
        const QString dir = workspaceDir.isEmpty() ? Workspace::defaultDirectory() : workspaceDir;
        if (Setup::needsFirstRun(dir)) {
            Ports ports;
            o.ports.applyTo(&ports);
            FirstRunWizard wizard(dir, ports, [dir](const SetupPlan &plan) {
                Workspace ws = Workspace::open(dir);
                return Setup::apply(ws, plan);
            });
            if (wizard.exec() == QDialog::Accepted) {
                setUp = true;
                // The wizard's interface is the one chosen now, over a --interface given earlier.
                o.interfaceName.clear();
            }
        }
        opened = session.open(dir, o);
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
    if (setUp && opened)
        window.showStatus(QApplication::translate("runWindow", "Ready. Power on a machine set to network boot: it "
                                                               "appears in the table."), 0);
    window.show();
    const int code = app.exec();
    session.stopServices();
    session.services()->shutdown();
    return code;
}

} // namespace Nbc::Ui
