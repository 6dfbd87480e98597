#include "rulesactions.h"

#include "ruleseditor.h"

#include <QAction>
#include <QKeySequence>
#include <QMessageBox>

namespace Nbc::Ui {

RulesActions::RulesActions(ConsoleSession *session, Talos::ConfigLibrary *library, QUndoStack *undoStack,
                           QWidget *window)
    : QObject(window)
    , m_session(session)
    , m_library(library)
    , m_undoStack(undoStack)
    , m_window(window)
{
    setObjectName(QStringLiteral("rulesActions"));
    m_editAction = new QAction(tr("Ru&les…"), window);
    m_editAction->setObjectName(QStringLiteral("editRulesAction"));
    m_editAction->setShortcut(QKeySequence(tr("Ctrl+Shift+M")));
    const QString tip = tr("What machines with no config of their own get, by MAC, maker, model, serial or firmware");
    m_editAction->setStatusTip(tip);
    m_editAction->setToolTip(tr("%1 (%2)").arg(tip, m_editAction->shortcut().toString(QKeySequence::NativeText)));
    connect(m_editAction, &QAction::triggered, this, [this] { openEditor(); });
}

RulesEditor *RulesActions::openEditor()
{
    // One closed a moment ago lingers until its deferred delete: a new one then.
    if (m_editor && m_editor->isVisible()) {
        m_editor->raise();
        m_editor->activateWindow();
        return m_editor;
    }
    m_editor = new RulesEditor(m_session, m_library, m_undoStack, m_window);
    m_editor->setAttribute(Qt::WA_DeleteOnClose);
    // The window outlives the editor: an undo long after it closed still has somewhere to speak.
    QPointer<QWidget> window = m_window;
    m_editor->setUndoReport([window](const QString &error) {
        QMessageBox box(QMessageBox::Warning, tr("Rules not changed"),
                        tr("netboot.yaml could not be written, so its rules are as they were: %1").arg(error),
                        QMessageBox::Ok, window);
        box.setObjectName(QStringLiteral("rulesUndoFailed"));
        box.exec();
    });
    m_editor->open();
    return m_editor;
}

} // namespace Nbc::Ui
