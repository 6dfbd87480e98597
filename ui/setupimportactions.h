#pragma once

#include "boot/setupimport.h"

#include <QObject>
#include <QString>

class QAction;
class QDialog;
class QWidget;

namespace Nbc {
class ConsoleSession;
}

namespace Nbc::Ui {

class MainWindow;

// File ▸ Import dnsmasq setup…: the seed guide's setup (dnsmasq.conf, TFTP root, web
// tree with iPXE scripts, kernel, initramfs and configs) read into a plan, shown with
// what was not understood, then written into the workspace through the session, which
// opens it again. Dialogs and widgets carry object names for tests: setupImportFileDialog,
// setupImportPlan (planTree, notesView, replaceCheck, importButton, cancelButton), setupImportDone,
// setupImportFailed.
class SetupImportActions : public QObject
{
    Q_OBJECT
public:
    SetupImportActions(ConsoleSession *session, MainWindow *window);

    QAction *importAction() const { return m_importAction; }

    // With an empty path the person picks the dnsmasq.conf in a file dialog; a folder or a
    // file may be given. True when the setup was imported.
    bool importSetup(QString path = {});

    // The plan as a dialog with Import and Cancel (window-modal, not shown). *replace is
    // set from its check box when it is accepted.
    QDialog *planDialog(const SetupImportPlan &plan, const QString &notEmptyReason, bool *replace);

private:
    QString defaultFolder() const;

    ConsoleSession *m_session;
    MainWindow *m_window;
    QAction *m_importAction;
    QString m_lastFolder;
};

} // namespace Nbc::Ui
