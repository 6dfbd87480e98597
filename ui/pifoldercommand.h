#pragma once

#include <QHash>
#include <QStringList>
#include <QUndoCommand>

#include <functional>

namespace Nbc {
class ConsoleSession;
}

namespace Nbc::Ui {

// One change of Raspberry Pis' boot folders (`piFolder:` in netboot.yaml), with what each
// had before: undo writes the old folders back, redo the new one.
class PiFolderCommand : public QUndoCommand
{
public:
    // Told when a later undo or redo cannot write netboot.yaml; the folders stay as they are.
    using Report = std::function<void(const QString &error)>;

    // The change was made already (where it could fail visibly): the first redo(),
    // QUndoStack::push()'s, does nothing.
    PiFolderCommand(ConsoleSession *session, const QStringList &macs, const QString &folder,
                    const QHash<QString, QString> &previous, Report report = {});

    void undo() override;
    void redo() override;

private:
    void apply(const QStringList &macs, const QString &folder);

    ConsoleSession *m_session;
    QStringList m_macs;
    QString m_folder;
    QHash<QString, QString> m_previous;   // MAC -> piFolder before ("" = none)
    Report m_report;
    bool m_applied = true;
};

} // namespace Nbc::Ui
