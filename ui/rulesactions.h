#pragma once

#include <QObject>
#include <QPointer>

class QAction;
class QUndoStack;
class QWidget;

namespace Nbc {
class ConsoleSession;
namespace Talos {
class ConfigLibrary;
}
}

namespace Nbc::Ui {

class RulesEditor;

// Edit ▸ Rules… (Ctrl+Shift+M): opens the rules editor over the window; its Save is one
// step on the window's undo stack. An undo or redo that cannot write netboot.yaml is said
// in a message box (rulesUndoFailed). Object names: rulesActions, editRulesAction.
class RulesActions : public QObject
{
    Q_OBJECT
public:
    RulesActions(ConsoleSession *session, Talos::ConfigLibrary *library, QUndoStack *undoStack, QWidget *window);

    QAction *editAction() const { return m_editAction; }
    // Opens the editor (window-modal, deleted when closed), or raises the one already open.
    RulesEditor *openEditor();

private:
    ConsoleSession *m_session;
    Talos::ConfigLibrary *m_library;
    QUndoStack *m_undoStack;
    QWidget *m_window;
    QAction *m_editAction;
    QPointer<RulesEditor> m_editor;
};

} // namespace Nbc::Ui
