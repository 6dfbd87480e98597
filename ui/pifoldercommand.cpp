#include "pifoldercommand.h"

#include "session/consolesession.h"

#include <QCoreApplication>
#include <QMap>

namespace Nbc::Ui {

namespace {

// What Undo says: "Undo Pi boot folder uefi-rpi4 for rack-pi-3".
QString describe(const ConsoleSession *session, const QStringList &macs, const QString &folder)
{
    const QString what = macs.size() == 1 ? (session ? session->displayName(macs.constFirst()) : macs.constFirst())
                                          : QCoreApplication::translate("PiFolderCommand", "%n Raspberry Pis", nullptr,
                                                                        int(macs.size()));
    if (folder.isEmpty())
        return QCoreApplication::translate("PiFolderCommand", "Clear the Pi boot folder of %1").arg(what);
    return QCoreApplication::translate("PiFolderCommand", "Pi boot folder %1 for %2").arg(folder, what);
}

} // namespace

PiFolderCommand::PiFolderCommand(ConsoleSession *session, const QStringList &macs, const QString &folder,
                                 const QHash<QString, QString> &previous, Report report)
    : QUndoCommand(describe(session, macs, folder))
    , m_session(session)
    , m_macs(macs)
    , m_folder(folder)
    , m_previous(previous)
    , m_report(std::move(report))
{
}

void PiFolderCommand::redo()
{
    if (m_applied) {
        m_applied = false;
        return;
    }
    apply(m_macs, m_folder);
}

void PiFolderCommand::undo()
{
    // Pis that had the same folder before go back together: one write per folder.
    QMap<QString, QStringList> byFolder;
    for (const QString &mac : std::as_const(m_macs))
        byFolder[m_previous.value(mac)].append(mac);
    for (auto it = byFolder.cbegin(); it != byFolder.cend(); ++it)
        apply(it.value(), it.key());
}

void PiFolderCommand::apply(const QStringList &macs, const QString &folder)
{
    QString error;
    if (!m_session->setPiFolder(macs, folder, &error) && m_report)
        m_report(error);
}

} // namespace Nbc::Ui
