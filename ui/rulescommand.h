#pragma once

#include "boot/bootsnapshot.h"

#include <QList>
#include <QUndoCommand>

#include <functional>

namespace Nbc {
class ConsoleSession;
}

namespace Nbc::Ui {

// One change of netboot.yaml's rules (the rules editor's Save), with the whole list before
// and after: undo writes the old list back, redo the new one.
class RulesCommand : public QUndoCommand
{
public:
    // Told when a later undo or redo cannot write netboot.yaml (a broken hand edit, a full
    // disk): the rules stay as they are and the person reads why.
    using Report = std::function<void(const QString &error)>;

    // The editor applied `after` already (where it could fail visibly): the first redo(),
    // QUndoStack::push()'s, does nothing.
    RulesCommand(ConsoleSession *session, const QList<MachineRule> &before, const QList<MachineRule> &after,
                 Report report = {});

    void undo() override;
    void redo() override;

private:
    void apply(const QList<MachineRule> &rules);

    ConsoleSession *m_session;
    QList<MachineRule> m_before;
    QList<MachineRule> m_after;
    Report m_report;
    bool m_applied = true;
};

} // namespace Nbc::Ui
