#pragma once

#include <QObject>
#include <QStringList>

#include <functional>

class QAction;
class QInputDialog;
class QUndoStack;
class QWidget;

namespace Nbc {
class ConsoleSession;
}

namespace Nbc::Ui {

// Machine ▸ Assign Pi boot folder… (also in the table's context menu): gives the selected
// Raspberry Pis one of the folders in the piBoot folder (`piFolder:` in netboot.yaml), or
// none, as one step on the window's undo stack. Object names: piFolderActions,
// assignPiFolderAction, piFolderDialog.
class PiFolderActions : public QObject
{
    Q_OBJECT
public:
    using Selection = std::function<QStringList()>;
    PiFolderActions(ConsoleSession *session, QUndoStack *undoStack, Selection selection, QWidget *window);

    QAction *assignAction() const { return m_assignAction; }
    // The Raspberry Pis among `macs`.
    QStringList raspberryPis(const QStringList &macs) const;
    // On while the selection holds a Pi.
    void updateAction();
    // The choice of folders for the selected Pis (window-modal, deleted when closed);
    // nullptr, with message() saying why, when there is nothing to choose.
    QInputDialog *openDialog();
    // Gives `macs` the boot folder `folder` ("" clears it) and pushes the undo step. False,
    // with message() saying why, when netboot.yaml was not written.
    bool assign(const QStringList &macs, const QString &folder);

Q_SIGNALS:
    // For the status bar.
    void message(const QString &text);

private:
    ConsoleSession *m_session;
    QUndoStack *m_undoStack;
    Selection m_selection;
    QWidget *m_window;
    QAction *m_assignAction;
};

} // namespace Nbc::Ui
