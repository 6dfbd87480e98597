#include "machinetableview.h"

#include "machinetablemodel.h"

#include <QDragMoveEvent>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QMimeData>
#include <QToolTip>

namespace Nbc::Ui {

MachineTableView::MachineTableView(QWidget *parent)
    : QTableView(parent)
{
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setSortingEnabled(true);
    setAlternatingRowColors(true);
    setWordWrap(false);
    setShowGrid(false);
    setTextElideMode(Qt::ElideRight);
    setAcceptDrops(true);
    setDragDropMode(QAbstractItemView::DropOnly);
    setDefaultDropAction(Qt::CopyAction);
    setDropIndicatorShown(true);
    // A drop always lands on the row under the pointer, never between rows.
    setDragDropOverwriteMode(true);
    setContextMenuPolicy(Qt::CustomContextMenu);
    verticalHeader()->hide();
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    horizontalHeader()->setHighlightSections(false);
    horizontalHeader()->setSectionsMovable(true);
    horizontalHeader()->setStretchLastSection(true);
    // Fixed row heights: the view never measures rows, whatever their number.
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
}

QStringList MachineTableView::selectedMacs() const
{
    QStringList macs;
    if (!selectionModel())
        return macs;
    QModelIndexList rows = selectionModel()->selectedRows(0);
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    for (const QModelIndex &index : std::as_const(rows))
        macs << index.data(MachineTableModel::MacRole).toString();
    return macs;
}

QStringList MachineTableView::dropTargets(const QString &mac) const
{
    const QStringList selected = selectedMacs();
    return selected.contains(mac) ? selected : QStringList{mac};
}

void MachineTableView::explain(QDropEvent *event)
{
    if (event->isAccepted()) {
        const QModelIndex index = indexAt(event->position().toPoint());
        const QString mac = index.data(MachineTableModel::MacRole).toString();
        const int count = int(dropTargets(mac).size());
        const QString hint = count > 1 ? tr("Drop to assign it to the %n selected machines.", nullptr, count)
                                       : tr("Drop to assign it to %1.").arg(mac);
        if (hint != m_lastReason) {
            m_lastReason = hint;
            QToolTip::hideText();
            Q_EMIT dropAccepted(hint);
        }
        return;
    }
    const QString reason = m_machines ? m_machines->dropRefusal() : QString();
    if (reason.isEmpty() || reason == m_lastReason)
        return;
    m_lastReason = reason;
    QToolTip::showText(viewport()->mapToGlobal(event->position().toPoint()), reason, viewport());
    Q_EMIT dropRefused(reason);
}

void MachineTableView::dragEnterEvent(QDragEnterEvent *event)
{
    m_lastReason.clear();
    QTableView::dragEnterEvent(event);
    // Accept the enter so move events follow and the reason can be shown on each row.
    if (event->mimeData()->hasFormat(MachineTableModel::configMimeType()))
        event->accept();
}

void MachineTableView::dragMoveEvent(QDragMoveEvent *event)
{
    QTableView::dragMoveEvent(event);
    explain(event);
}

void MachineTableView::dragLeaveEvent(QDragLeaveEvent *event)
{
    QTableView::dragLeaveEvent(event);
    m_lastReason.clear();
    QToolTip::hideText();
}

void MachineTableView::dropEvent(QDropEvent *event)
{
    QTableView::dropEvent(event);
    if (!event->isAccepted() && m_machines && !m_machines->dropRefusal().isEmpty())
        Q_EMIT dropRefused(m_machines->dropRefusal());
    m_lastReason.clear();
    QToolTip::hideText();
}

} // namespace Nbc::Ui
