#pragma once

#include <QObject>
#include <QStringList>

#include <functional>

class QUndoStack;

namespace Nbc {
class ConsoleSession;
namespace Talos {
class ConfigLibrary;
}
}

namespace Nbc::Ui {

// The one place the window changes assignments: drops, the context menu and the keyboard
// all come here. Each change is written to the workspace at once (the engines answer
// the machine's next request with it) and pushed on the undo stack.
class Assigner : public QObject
{
    Q_OBJECT
public:
    Assigner(ConsoleSession *session, Talos::ConfigLibrary *library, QUndoStack *undoStack,
             QObject *parent = nullptr);

    ConsoleSession *session() const { return m_session; }
    Talos::ConfigLibrary *library() const { return m_library; }
    QUndoStack *undoStack() const { return m_undoStack; }

    // Whether the config can be given to machines; *reason says why not, for a person.
    bool canAssign(const QString &configId, QString *reason = nullptr) const;
    // Assigns (or, with an empty id, clears) and pushes an undoable command. False, with
    // failed() emitted, when the config is refused or the workspace cannot be written.
    bool assign(const QStringList &macs, const QString &configId);
    // Asked before an assignment changes the role of machines that are installing or
    // installed (ConsoleSession::roleChanges); false keeps everything as it was.
    void setConfirmRoleChange(std::function<bool(const QStringList &macs, const QString &configId)> confirm)
    {
        m_confirmRoleChange = std::move(confirm);
    }
    bool clear(const QStringList &macs) { return assign(macs, QString()); }

    // Used by the undo command: applies without pushing anything.
    bool apply(const QStringList &macs, const QString &configId);

Q_SIGNALS:
    void failed(const QString &message);
    void assigned(const QStringList &macs, const QString &configId);

private:
    ConsoleSession *m_session;
    Talos::ConfigLibrary *m_library;
    QUndoStack *m_undoStack;
    std::function<bool(const QStringList &, const QString &)> m_confirmRoleChange;
};

} // namespace Nbc::Ui
