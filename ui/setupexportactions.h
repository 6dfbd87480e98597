#pragma once

#include "boot/setupexport.h"

#include <QObject>
#include <QString>

class QAction;

namespace Nbc {
class ConsoleSession;
}

namespace Nbc::Ui {

class MainWindow;

// File ▸ Export for dnsmasq + nginx… and File ▸ Export for Matchbox…: the workspace as a
// setup for those tools (Boot::SetupExport), in a folder the person picks. A folder that
// is not empty is used only after asking; what the export could not carry (rules for
// machines never seen ...) is shown, and the folder's README.md says the rest. Object
// names for tests: exportDnsmasqNginxAction, exportMatchboxAction, setupExportFolderDialog,
// setupExportNotEmpty, setupExportFailed, setupExportDone.
class SetupExportActions : public QObject
{
    Q_OBJECT
public:
    SetupExportActions(ConsoleSession *session, MainWindow *window);

    QAction *dnsmasqNginxAction() const { return m_dnsmasqNginx; }
    QAction *matchboxAction() const { return m_matchbox; }

    // With an empty folder the person picks one in a folder dialog. True when written.
    bool exportSetup(Boot::SetupFormat format, QString folder = {});

private:
    QString defaultFolder() const;
    void tell(const QString &objectName, const QString &title, const QString &text, const QString &details,
              bool warning);

    ConsoleSession *m_session;
    MainWindow *m_window;
    QAction *m_dnsmasqNginx;
    QAction *m_matchbox;
    QString m_lastFolder;
};

} // namespace Nbc::Ui
