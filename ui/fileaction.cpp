#include "fileaction.h"

#include <QAction>
#include <QDir>
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

} // namespace Nbc::Ui
