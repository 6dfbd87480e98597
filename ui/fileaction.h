#pragma once

#include <QString>

class QAction;
class QObject;
class QWidget;

namespace Nbc::Ui {

// A File menu action of the window: its text, the object name tests find it by, and its
// tip as status tip and tool tip.
QAction *makeFileAction(QWidget *window, const QString &text, const QString &objectName, const QString &tip);

// Where a file or folder dialog starts: the folder used last, else the Documents folder,
// else home.
QString startFolder(const QString &lastFolder);

// A window-modal folder dialog (object name for tests); the absolute path chosen, or empty
// when the person cancels.
QString chooseFolder(QWidget *window, const QString &title, const QString &start, const QString &objectName);

} // namespace Nbc::Ui
