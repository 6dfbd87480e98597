#include "assigncommand.h"

#include "assigner.h"

#include "session/consolesession.h"

#include <QCoreApplication>
#include <QMap>

namespace Nbc::Ui {

namespace {

QString describe(const Assigner *assigner, const QStringList &macs, const QString &configId)
{
    // By hostname where there is one: "Undo assign worker.yaml to rack1-07".
    const QString what = macs.size() == 1 ? (assigner && assigner->session() ? assigner->session()->displayName(macs.constFirst())
                                                                             : macs.constFirst())
                                          : QCoreApplication::translate("AssignCommand", "%n machines", nullptr,
                                                                        int(macs.size()));
    if (configId.isEmpty())
        return QCoreApplication::translate("AssignCommand", "Clear the assignment of %1").arg(what);
    return QCoreApplication::translate("AssignCommand", "Assign %1 to %2").arg(configId.section(u'/', -1), what);
}

} // namespace

AssignCommand::AssignCommand(Assigner *assigner, const QStringList &macs, const QString &configId,
                             const QHash<QString, QString> &previous)
    : QUndoCommand(describe(assigner, macs, configId))
    , m_assigner(assigner)
    , m_macs(macs)
    , m_configId(configId)
    , m_previous(previous)
{
}

void AssignCommand::redo()
{
    // QUndoStack::push() calls redo(); the change was already made (and could fail
    // visibly) before the command was pushed.
    if (m_applied) {
        m_applied = false;
        return;
    }
    m_assigner->apply(m_macs, m_configId);
}

void AssignCommand::undo()
{
    // Machines that had the same config before go back together: one write per config.
    QMap<QString, QStringList> byConfig;
    for (const QString &mac : std::as_const(m_macs))
        byConfig[m_previous.value(mac)].append(mac);
    for (auto it = byConfig.cbegin(); it != byConfig.cend(); ++it)
        m_assigner->apply(it.value(), it.key());
}

} // namespace Nbc::Ui
