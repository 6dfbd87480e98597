#pragma once

#include <QObject>
#include <QString>

class QAction;

namespace Nbc {
class ConsoleSession;
}

namespace Nbc::Ui {

class MainWindow;

// File ▸ Export pallet report…: asks for a folder and writes inventory.csv and report.pdf
// there (PalletReport, PalletReportPdf), then says where in the status bar. Object names
// for tests: exportPalletReportAction, palletReportFolderDialog, palletReportFailed.
class PalletReportActions : public QObject
{
    Q_OBJECT
public:
    PalletReportActions(ConsoleSession *session, MainWindow *window);

    QAction *exportAction() const { return m_exportAction; }

    // With an empty folder the person picks one in a folder dialog. True when both files
    // were written.
    bool exportReport(QString folder = {});
    // The status bar's sentence after a successful export into `folder`.
    static QString writtenMessage(const QString &folder);

private:
    QString defaultFolder() const;

    ConsoleSession *m_session;
    MainWindow *m_window;
    QAction *m_exportAction;
    QString m_lastFolder;   // where the last report was written
};

} // namespace Nbc::Ui
