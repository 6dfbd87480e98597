#pragma once

#include "model/stage.h"

#include <QSet>
#include <QSortFilterProxyModel>

namespace Nbc::Ui {

// The table's sorting and its filter box: free text (any column, case-insensitive, every
// word must match) and a set of stages.
class MachineFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit MachineFilterModel(QObject *parent = nullptr);

    void setText(const QString &text);
    QString text() const { return m_words.join(u' '); }
    // Empty: every stage.
    void setStages(const QSet<Stage> &stages);
    // Only machines that need a person (any stage past its deadline included).
    void setAttentionOnly(bool on);
    QSet<Stage> stages() const { return m_stages; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QStringList m_words;
    QSet<Stage> m_stages;
    bool m_attentionOnly = false;
};

} // namespace Nbc::Ui
