#include "assigner.h"

#include "assigncommand.h"

#include "model/machineevent.h"
#include "session/consolesession.h"
#include "talos/configlibrary.h"

#include <QDir>
#include <QUndoStack>

namespace Nbc::Ui {

Assigner::Assigner(ConsoleSession *session, Talos::ConfigLibrary *library, QUndoStack *undoStack, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_library(library)
    , m_undoStack(undoStack)
{
}

bool Assigner::canAssign(const QString &configId, QString *reason) const
{
    auto refuse = [reason](const QString &why) {
        if (reason)
            *reason = why;
        return false;
    };
    if (configId.isEmpty())
        return true;   // clearing is always possible
    if (!m_library)
        return refuse(tr("The config library is not open."));
    const Talos::ConfigEntry *entry = m_library->entry(configId);
    if (!entry)
        return refuse(tr("%1 is no longer in the config library.").arg(configId));
    if (!entry->assignable) {
        QStringList errors;
        for (const Talos::ConfigProblem &problem : entry->problems) {
            if (problem.isError())
                errors << problem.toString(configId.section(u'/', -1));
        }
        return refuse(tr("%1 cannot be assigned: %2").arg(configId.section(u'/', -1),
                                                           errors.isEmpty() ? tr("it is not a valid Talos config.")
                                                                            : errors.join(QLatin1String("; "))));
    }
    return true;
}

bool Assigner::apply(const QStringList &macs, const QString &configId)
{
    QString error;
    if (!m_session->assign(macs, configId, &error)) {
        Q_EMIT failed(tr("The assignment was not saved: %1").arg(error));
        return false;
    }
    Q_EMIT assigned(macs, configId);
    return true;
}

bool Assigner::assign(const QStringList &macs, const QString &configId)
{
    QStringList targets;
    for (const QString &mac : macs) {
        const QString key = normalizeMac(mac);
        if (!key.isEmpty() && !targets.contains(key))
            targets << key;
    }
    if (targets.isEmpty())
        return false;
    QString reason;
    if (!canAssign(configId, &reason)) {
        Q_EMIT failed(reason);
        return false;
    }
    QHash<QString, QString> previous;
    bool changes = false;
    for (const QString &mac : std::as_const(targets)) {
        const QString before = m_session->assignment(mac);
        previous.insert(mac, before);
        changes = changes || before != configId;
    }
    if (!changes)
        return true;
    const QStringList changing = configId.isEmpty() ? QStringList() : m_session->roleChanges(targets, configId);
    if (!changing.isEmpty() && m_confirmRoleChange && !m_confirmRoleChange(changing, configId)) {
        Q_EMIT failed(changing.size() == 1 ? tr("Not assigned: %1 keeps its role.").arg(m_session->displayName(changing.first()))
                                           : tr("Not assigned: %n machines keep their role.", nullptr, int(changing.size())));
        return false;
    }
    if (!apply(targets, configId))
        return false;
    if (m_undoStack)
        m_undoStack->push(new AssignCommand(this, targets, configId, previous));
    return true;
}

} // namespace Nbc::Ui
