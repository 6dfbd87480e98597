#include "kitbundleactions.h"

#include "fileaction.h"
#include "mainwindow.h"

#include "session/consolesession.h"

#include <QAction>
#include <QCheckBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QStandardPaths>

namespace Nbc::Ui {

namespace {

QString sizeText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString timeText(const QDateTime &time)
{
    return QLocale().toString(time.toLocalTime(), QLocale::ShortFormat);
}

// "path (reason)" lines, at most `max` of them and a count of the rest.
QString leftOutLines(const QList<KitLeftOut> &leftOut, int max = 8)
{
    QStringList lines;
    for (const KitLeftOut &left : leftOut.mid(0, max))
        lines << QStringLiteral("• %1 (%2)").arg(left.path, left.reasonText());
    if (leftOut.size() > max)
        lines << KitBundleActions::tr("… and %n more", nullptr, int(leftOut.size() - max));
    return lines.join(u'\n');
}

QString filesWritten(int n)
{
    if (n == 0)
        return KitBundleActions::tr("No file written");
    return n == 1 ? KitBundleActions::tr("One file written") : KitBundleActions::tr("%n files written", nullptr, n);
}

} // namespace

KitBundleActions::KitBundleActions(ConsoleSession *session, MainWindow *window)
    : QObject(window)
    , m_session(session)
    , m_window(window)
{
    setObjectName(QStringLiteral("kitBundleActions"));
    m_exportAction = makeFileAction(window, tr("Export &kit bundle…"), QStringLiteral("exportKitAction"),
        tr("The whole workspace (settings, configs, artefacts, inventory) as one file for another laptop"));
    m_importAction = makeFileAction(window, tr("Import kit &bundle…"), QStringLiteral("importKitAction"),
        tr("Bring a kit bundle into this workspace; newer files here are only replaced when you say so"));
    connect(m_exportAction, &QAction::triggered, this, [this] { exportBundle(); });
    connect(m_importAction, &QAction::triggered, this, [this] { importBundle(); });
}

QString KitBundleActions::defaultFolder() const
{
    return startFolder(m_lastFolder);
}

KitProgress KitBundleActions::progressFor(QProgressDialog *dialog)
{
    dialog->setObjectName(QStringLiteral("kitProgress"));
    dialog->setWindowModality(Qt::WindowModal);
    dialog->setMinimumDuration(400);
    dialog->setRange(0, 1000);
    dialog->setValue(0);
    return [dialog](qint64 done, qint64 total) {
        const int permille = total > 0 ? int(done * 1000 / total) : 1000;
        // setValue on a modal progress dialog keeps the window painted and Cancel clickable.
        if (permille != dialog->value())
            dialog->setValue(qMin(permille, 999));
        return !dialog->wasCanceled();
    };
}

bool KitBundleActions::exportBundle(QString path)
{
    if (path.isEmpty()) {
        QFileDialog dialog(m_window, tr("Export kit bundle"), defaultFolder(), tr("Kit bundles (*.tar.zst)"));
        dialog.setObjectName(QStringLiteral("kitExportFileDialog"));
        dialog.setAcceptMode(QFileDialog::AcceptSave);
        dialog.setWindowModality(Qt::WindowModal);
        dialog.selectFile(KitBundle::defaultFileName());
        if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
            return false;
        path = dialog.selectedFiles().constFirst();
        if (!path.endsWith(QLatin1String(".tar.zst")))
            path += QStringLiteral(".tar.zst");
    }
    m_lastFolder = QFileInfo(path).absolutePath();
    QProgressDialog progress(tr("Writing the kit bundle %1…").arg(QFileInfo(path).fileName()), tr("Cancel"), 0, 1000,
                             m_window);
    KitExportOptions options;
    options.progress = progressFor(&progress);
    const KitExportResult result = m_session->exportKitBundle(path, options);
    progress.reset();
    if (result.code == KitBundleError::Cancelled) {
        m_window->showStatus(tr("Export cancelled; no bundle was written."));
        return false;
    }
    QMessageBox box(m_window);
    box.setWindowModality(Qt::WindowModal);
    box.setWindowTitle(tr("Export kit bundle"));
    if (!result.ok()) {
        box.setObjectName(QStringLiteral("kitExportFailed"));
        box.setIcon(QMessageBox::Warning);
        box.setText(tr("The kit bundle was not written."));
        box.setInformativeText(result.error);
        box.exec();
        return false;
    }
    box.setObjectName(QStringLiteral("kitExportDone"));
    box.setIcon(QMessageBox::Information);
    box.setText(tr("The kit bundle is written: %1").arg(QDir::toNativeSeparators(path)));
    QStringList details;
    details << (result.files.size() == 1 ? tr("One file, %1 (%2 compressed).")
                                         : tr("%n files, %1 (%2 compressed).", nullptr, int(result.files.size())))
                   .arg(sizeText(result.totalBytes), sizeText(QFileInfo(path).size()));
    if (!result.leftOut.isEmpty())
        details << tr("Not in the bundle (netboot.yaml names them, but they are not files in the workspace "
                      "folder; the other computer needs its own):\n%1")
                       .arg(leftOutLines(result.leftOut));
    details << result.warnings;
    box.setInformativeText(details.join(QStringLiteral("\n\n")));
    box.exec();
    m_window->showStatus(tr("Kit bundle written: %1").arg(QDir::toNativeSeparators(path)));
    return true;
}

KitConflictChoice KitBundleActions::askAboutNewer(const KitConflict &conflict, bool *forAll)
{
    QMessageBox box(m_window);
    box.setObjectName(QStringLiteral("kitNewerFile"));
    box.setWindowModality(Qt::WindowModal);
    box.setIcon(QMessageBox::Question);
    box.setWindowTitle(tr("Import kit bundle"));
    box.setText(tr("%1 in this workspace is newer than the bundle's copy.").arg(conflict.path));
    box.setInformativeText(tr("Here: changed %1, %2.\nIn the bundle: changed %3, %4.")
                               .arg(timeText(conflict.targetModified), sizeText(conflict.targetSize),
                                    timeText(conflict.bundleModified), sizeText(conflict.bundleSize)));
    QPushButton *keep = box.addButton(tr("&Keep this one"), QMessageBox::ActionRole);
    keep->setObjectName(QStringLiteral("keepButton"));
    QPushButton *overwrite = box.addButton(tr("&Use the bundle's"), QMessageBox::AcceptRole);
    overwrite->setObjectName(QStringLiteral("overwriteButton"));
    QPushButton *cancel = box.addButton(tr("Cancel the import"), QMessageBox::RejectRole);
    cancel->setObjectName(QStringLiteral("cancelImportButton"));
    box.setDefaultButton(keep);
    box.setEscapeButton(cancel);
    auto *same = new QCheckBox(tr("Do the &same for the other newer files"), &box);
    same->setObjectName(QStringLiteral("sameForAllCheck"));
    box.setCheckBox(same);
    box.exec();
    if (forAll)
        *forAll = same->isChecked();
    if (box.clickedButton() == overwrite)
        return KitConflictChoice::Overwrite;
    if (box.clickedButton() == keep)
        return KitConflictChoice::Keep;
    return KitConflictChoice::Cancel;
}

bool KitBundleActions::importBundle(QString path)
{
    if (path.isEmpty()) {
        QFileDialog dialog(m_window, tr("Import kit bundle"), defaultFolder(),
                           tr("Kit bundles (*.tar.zst);;All files (*)"));
        dialog.setObjectName(QStringLiteral("kitImportFileDialog"));
        dialog.setFileMode(QFileDialog::ExistingFile);
        dialog.setWindowModality(Qt::WindowModal);
        if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
            return false;
        path = dialog.selectedFiles().constFirst();
    }
    m_lastFolder = QFileInfo(path).absolutePath();
    const QString workspace = m_session->workspace().directory();
    {
        QMessageBox confirm(m_window);
        confirm.setObjectName(QStringLiteral("kitImportConfirm"));
        confirm.setWindowModality(Qt::WindowModal);
        confirm.setIcon(QMessageBox::Question);
        confirm.setWindowTitle(tr("Import kit bundle"));
        confirm.setText(tr("Import %1 into the workspace %2?")
                            .arg(QFileInfo(path).fileName(), QDir::toNativeSeparators(workspace)));
        confirm.setInformativeText(
            tr("The bundle is checked whole before anything is written. Its files replace older files of the same "
               "name here; for each file here that is newer you are asked. Files that are not in the bundle stay "
               "as they are. The services stop while the bundle is read and start again afterwards."));
        QPushButton *accept = confirm.addButton(tr("&Import"), QMessageBox::AcceptRole);
        accept->setObjectName(QStringLiteral("kitImportButton"));
        confirm.addButton(QMessageBox::Cancel);
        confirm.setDefaultButton(QMessageBox::Cancel);
        confirm.exec();
        if (confirm.clickedButton() != accept)
            return false;
    }
    QProgressDialog progress(tr("Reading the kit bundle %1…").arg(QFileInfo(path).fileName()), tr("Cancel"), 0, 1000,
                             m_window);
    KitImportOptions options;
    options.progress = progressFor(&progress);
    bool sameForAll = false;
    KitConflictChoice remembered = KitConflictChoice::Keep;
    options.onNewerFile = [this, &sameForAll, &remembered](const KitConflict &conflict) {
        if (sameForAll)
            return remembered;
        remembered = askAboutNewer(conflict, &sameForAll);
        return remembered;
    };
    const KitImportResult result = m_session->importKitBundle(path, options);
    progress.reset();
    m_window->setOpenError(m_session->error());
    if (result.code == KitBundleError::Cancelled) {
        m_window->showStatus(result.error);
        return false;
    }
    QMessageBox box(m_window);
    box.setWindowModality(Qt::WindowModal);
    box.setWindowTitle(tr("Import kit bundle"));
    if (!result.ok()) {
        box.setObjectName(QStringLiteral("kitImportFailed"));
        box.setIcon(QMessageBox::Warning);
        box.setText(tr("The kit bundle was not imported."));
        box.setInformativeText(result.error);
        box.exec();
        return false;
    }
    box.setObjectName(QStringLiteral("kitImportDone"));
    box.setIcon(QMessageBox::Information);
    box.setText(tr("The kit bundle is imported into %1.").arg(QDir::toNativeSeparators(workspace)));
    QStringList details;
    details << filesWritten(int(result.written.size()));
    if (!result.unchanged.isEmpty())
        details.last() += tr("; %n already the same", nullptr, int(result.unchanged.size()));
    if (!result.kept.isEmpty())
        details.last() += tr("; %n newer here and kept: %1", nullptr, int(result.kept.size()))
                              .arg(result.kept.join(QLatin1String(", ")));
    details.last() += u'.';
    if (result.created.isValid() && !result.createdBy.isEmpty())
        details << tr("Made %1 by %2.").arg(timeText(result.created), result.createdBy);
    if (!result.leftOut.isEmpty())
        details << tr("The bundle does not carry these files that its netboot.yaml names (they were not in the "
                      "exported workspace folder); put them in place here:\n%1")
                       .arg(leftOutLines(result.leftOut));
    if (!m_session->error().isEmpty())
        details << tr("The workspace does not start here yet: %1").arg(m_session->error());
    box.setInformativeText(details.join(QStringLiteral("\n\n")));
    box.exec();
    m_window->showStatus(tr("Kit bundle imported: %1.").arg(filesWritten(int(result.written.size()))));
    return true;
}

} // namespace Nbc::Ui
