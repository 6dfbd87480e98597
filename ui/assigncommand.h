#pragma once

#include <QHash>
#include <QStringList>
#include <QUndoCommand>

namespace Nbc::Ui {

class Assigner;

// One assignment change of one or more machines, with what each had before.
class AssignCommand : public QUndoCommand
{
public:
    AssignCommand(Assigner *assigner, const QStringList &macs, const QString &configId,
                  const QHash<QString, QString> &previous);

    void undo() override;
    void redo() override;

private:
    Assigner *m_assigner;
    QStringList m_macs;
    QString m_configId;
    QHash<QString, QString> m_previous;   // MAC -> config id before ("" = none)
    bool m_applied = true;                // the Assigner applied it before pushing
};

} // namespace Nbc::Ui
