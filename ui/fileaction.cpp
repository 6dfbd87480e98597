#include "fileaction.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QStandardPaths>
#include <QWidget>

namespace Nbc::Ui {

QAction *makeFileAction(QWidget *window, const QString &text, const QString &objectName, const QString &tip)
{
    auto *action = new QAction(text, window);
    action->setObjectName(objectName);
    action->setStatusTip(tip);
    action->setToolTip(tip);
    return action;
}

QString startFolder(const QString &lastFolder)
{
    if (!lastFolder.isEmpty())
        return lastFolder;
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return QFileInfo(documents).isDir() ? documents : QDir::homePath();
}

QString chooseFolder(QWidget *window, const QString &title, const QString &start, const QString &objectName)
{
    QFileDialog dialog(window, title, start);
    dialog.setObjectName(objectName);
    dialog.setFileMode(QFileDialog::Directory);
    dialog.setOption(QFileDialog::ShowDirsOnly);
    dialog.setWindowModality(Qt::WindowModal);
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return {};
    return QDir(dialog.selectedFiles().constFirst()).absolutePath();
}

} // namespace Nbc::Ui
