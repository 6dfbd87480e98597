#include "rulescommand.h"

#include "session/consolesession.h"

#include <QCoreApplication>
#include <QSet>

namespace Nbc::Ui {

namespace {

// "Add rule optiplex-workers", "Remove rule spare", else "Edit rules": what Undo says.
QString describe(const QList<MachineRule> &before, const QList<MachineRule> &after)
{
    QSet<QString> was;
    QSet<QString> is;
    for (const MachineRule &rule : before)
        was.insert(rule.name);
    for (const MachineRule &rule : after)
        is.insert(rule.name);
    const QSet<QString> added = is - was;
    const QSet<QString> removed = was - is;
    if (after.size() == before.size() + 1 && added.size() == 1)
        return QCoreApplication::translate("RulesCommand", "Add rule %1").arg(*added.cbegin());
    if (before.size() == after.size() + 1 && removed.size() == 1 && added.isEmpty())
        return QCoreApplication::translate("RulesCommand", "Remove rule %1").arg(*removed.cbegin());
    return QCoreApplication::translate("RulesCommand", "Edit rules");
}

} // namespace

RulesCommand::RulesCommand(ConsoleSession *session, const QList<MachineRule> &before, const QList<MachineRule> &after,
                           Report report)
    : QUndoCommand(describe(before, after))
    , m_session(session)
    , m_before(before)
    , m_after(after)
    , m_report(std::move(report))
{
}

void RulesCommand::redo()
{
    if (m_applied) {
        m_applied = false;
        return;
    }
    apply(m_after);
}

void RulesCommand::undo()
{
    apply(m_before);
}

void RulesCommand::apply(const QList<MachineRule> &rules)
{
    QString error;
    if (!m_session->setRules(rules, &error) && m_report)
        m_report(error);
}

} // namespace Nbc::Ui
