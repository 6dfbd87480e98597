#pragma once

#include "inventory/kitbundle.h"

#include <QObject>
#include <QString>

class QAction;
class QProgressDialog;

namespace Nbc {
class ConsoleSession;
}

namespace Nbc::Ui {

class MainWindow;

// File ▸ Export kit bundle… and File ▸ Import kit bundle…: the file dialogs, a progress
// dialog for large artefacts, the question about each newer file and the summary. The
// work itself is the session's (KitBundle). Dialogs and buttons carry object names for
// tests: kitExportFileDialog, kitImportFileDialog, kitExportDone, kitExportFailed, kitImportConfirm (kitImportButton), kitNewerFile
// (keepButton, overwriteButton, sameForAllCheck), kitImportDone, kitImportFailed,
// kitProgress.
class KitBundleActions : public QObject
{
    Q_OBJECT
public:
    KitBundleActions(ConsoleSession *session, MainWindow *window);

    QAction *exportAction() const { return m_exportAction; }
    QAction *importAction() const { return m_importAction; }

    // With an empty path the person picks the file in a file dialog. True when a bundle was
    // written, or imported.
    bool exportBundle(QString path = {});
    bool importBundle(QString path = {});

    // The question about one file that is newer here than in the bundle (window-modal);
    // *forAll: the person wants the same answer for the other newer files.
    KitConflictChoice askAboutNewer(const KitConflict &conflict, bool *forAll);

private:
    // A window-modal progress dialog whose Cancel the returned callback reports.
    KitProgress progressFor(QProgressDialog *dialog);
    QString defaultFolder() const;

    ConsoleSession *m_session;
    MainWindow *m_window;
    QAction *m_exportAction;
    QAction *m_importAction;
    QString m_lastFolder;   // where the last bundle was written or read
};

} // namespace Nbc::Ui
