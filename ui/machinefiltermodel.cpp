#include "machinefiltermodel.h"

#include "machinetablemodel.h"

#include <QDateTime>

namespace Nbc::Ui {

MachineFilterModel::MachineFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(MachineTableModel::SortRole);
    setFilterRole(MachineTableModel::FilterTextRole);
    setDynamicSortFilter(true);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void MachineFilterModel::setText(const QString &text)
{
    const QStringList words = text.simplified().split(u' ', Qt::SkipEmptyParts);
    if (words == m_words)
        return;
    m_words = words;
    invalidateRowsFilter();
}

void MachineFilterModel::setStages(const QSet<Stage> &stages)
{
    if (stages == m_stages)
        return;
    m_stages = stages;
    invalidateRowsFilter();
}

void MachineFilterModel::setAttentionOnly(bool on)
{
    if (on == m_attentionOnly)
        return;
    m_attentionOnly = on;
    invalidateRowsFilter();
}

bool MachineFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_attentionOnly && !index.data(MachineTableModel::NeedsAttentionRole).toBool())
        return false;
    if (!m_stages.isEmpty()) {
        const auto stage = static_cast<Stage>(index.data(MachineTableModel::StageRole).toInt());
        if (!m_stages.contains(stage))
            return false;
    }
    if (m_words.isEmpty())
        return true;
    const QString haystack = index.data(MachineTableModel::FilterTextRole).toString();
    for (const QString &word : m_words) {
        if (!haystack.contains(word, Qt::CaseInsensitive))
            return false;
    }
    return true;
}

bool MachineFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (const auto *table = qobject_cast<const MachineTableModel *>(sourceModel());
        table && sortRole() == MachineTableModel::SortRole)
        return table->lessThan(left.row(), right.row(), left.column());
    const QVariant a = left.data(MachineTableModel::SortRole);
    const QVariant b = right.data(MachineTableModel::SortRole);
    if (a.typeId() == QMetaType::QString && b.typeId() == QMetaType::QString) {
        const int order = QString::compare(a.toString(), b.toString(), Qt::CaseInsensitive);
        if (order != 0)
            return order < 0;
        // Equal texts sort by MAC so the order is stable while rows change.
        return left.data(MachineTableModel::MacRole).toString() < right.data(MachineTableModel::MacRole).toString();
    }
    if (QVariant::compare(a, b) != QPartialOrdering::Equivalent)
        return QVariant::compare(a, b) == QPartialOrdering::Less;
    return left.data(MachineTableModel::MacRole).toString() < right.data(MachineTableModel::MacRole).toString();
}

} // namespace Nbc::Ui
