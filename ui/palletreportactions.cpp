#include "palletreportactions.h"

#include "fileaction.h"
#include "mainwindow.h"
#include "palletreportpdf.h"

#include "inventory/palletreport.h"
#include "session/consolesession.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QStandardPaths>

namespace Nbc::Ui {

PalletReportActions::PalletReportActions(ConsoleSession *session, MainWindow *window)
    : QObject(window)
    , m_session(session)
    , m_window(window)
{
    setObjectName(QStringLiteral("palletReportActions"));
    m_exportAction = makeFileAction(window, tr("Export pallet &report…"), QStringLiteral("exportPalletReportAction"),
        tr("The inventory as inventory.csv and a printable report.pdf, in a folder you choose"));
    connect(m_exportAction, &QAction::triggered, this, [this] { exportReport(); });
}

QString PalletReportActions::defaultFolder() const
{
    return startFolder(m_lastFolder);
}

QString PalletReportActions::writtenMessage(const QString &folder)
{
    return tr("Pallet report written to %1: %2 and %3")
        .arg(QDir::toNativeSeparators(folder), PalletReport::csvFileName(), PalletReport::pdfFileName());
}

bool PalletReportActions::exportReport(QString folder)
{
    if (folder.isEmpty()) {
        folder = chooseFolder(m_window, tr("Export pallet report into a folder"), defaultFolder(),
                              QStringLiteral("palletReportFolderDialog"));
        if (folder.isEmpty())
            return false;
    }
    folder = QDir(folder).absolutePath();
    m_lastFolder = folder;
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const PalletReport report = PalletReport::fromSession(*m_session);
    QString error;
    const bool ok = writePalletReport(report, folder, &error);
    QApplication::restoreOverrideCursor();
    if (!ok) {
        QMessageBox box(m_window);
        box.setObjectName(QStringLiteral("palletReportFailed"));
        box.setWindowModality(Qt::WindowModal);
        box.setIcon(QMessageBox::Warning);
        box.setWindowTitle(tr("Export pallet report"));
        box.setText(tr("The pallet report was not written."));
        box.setInformativeText(error);
        box.exec();
        return false;
    }
    m_window->showStatus(writtenMessage(folder), 15000);
    return true;
}

} // namespace Nbc::Ui
