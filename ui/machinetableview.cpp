#include "machinetableview.h"

#include "machinetablemodel.h"
#include "stagedelegate.h"
#include "stagestyle.h"
#include "viewplaceholder.h"

#include <QDragMoveEvent>
#include <QHeaderView>
#include <QItemSelection>
#include <QItemSelectionModel>
#include <QMenu>
#include <QMimeData>
#include <QPainter>
#include <QScrollBar>
#include <QResizeEvent>
#include <QSet>
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
    horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(horizontalHeader(), &QWidget::customContextMenuRequested, this, &MachineTableView::showColumnMenu);
    const auto byPerson = [this] {
        if (m_adjusting)
            return;
        m_fitHint = false;
        m_userColumns = true;
        Q_EMIT columnsChanged();
    };
    connect(horizontalHeader(), &QHeaderView::sectionMoved, this, byPerson);
    // The Hint, last, stretches with the view: its size says nothing about the person.
    connect(horizontalHeader(), &QHeaderView::sectionResized, this, [byPerson](int logical) {
        if (logical != MachineTableModel::HintColumn)
            byPerson();
    });
    // Tab leaves the table (to the config library) instead of walking its cells.
    setTabKeyNavigation(false);
    // Fixed row heights: the view never measures rows, whatever their number.
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_placeholder = new ViewPlaceholder(this, [this] {
        if (m_machines && m_machines->rowCount() > 0)
            return tr("No machine matches the filter.");
        return tr("No machines yet. Start the services, then power on a machine set to boot from the network. "
                  "Or try the demo: netboot-console --demo 40");
    });
}

void MachineTableView::setMachineModel(MachineTableModel *model)
{
    m_machines = model;
    // Machines that come or go behind a filter that hides them all change why the table
    // is empty, and the filtered model says nothing about them.
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(model, signal, m_placeholder, &ViewPlaceholder::update);
    connect(model, &QAbstractItemModel::modelReset, m_placeholder, &ViewPlaceholder::update);
}

QString MachineTableView::placeholderText() const
{
    return m_placeholder->text();
}

bool MachineTableView::isPlaceholderVisible() const
{
    return m_placeholder->isShown();
}

template<typename F>
void MachineTableView::adjustColumns(F &&change)
{
    const bool was = m_adjusting;
    m_adjusting = true;
    change();
    m_adjusting = was;
}

// What a technician needs, left to right; the other columns are a right-click on the
// header away.
static const MachineTableModel::Column kDefaultOrder[] = {
    MachineTableModel::MacColumn,     MachineTableModel::StageColumn,   MachineTableModel::ProgressColumn,
    MachineTableModel::HostnameColumn, MachineTableModel::ConfigColumn, MachineTableModel::ProductColumn,
    MachineTableModel::SerialColumn,  MachineTableModel::HintColumn,
};

void MachineTableView::applyDefaultColumns()
{
    adjustColumns([this] {
        QHeaderView *header = horizontalHeader();
        for (int logical = 0; logical < header->count(); ++logical)
            header->hideSection(logical);
        int visual = 0;
        for (MachineTableModel::Column column : kDefaultOrder) {
            header->showSection(column);
            header->moveSection(header->visualIndex(column), visual++);
        }
        const QFontMetrics fm = fontMetrics();
        // Text plus the cell's margins; the MAC's also holds the "simulated" icon.
        const auto width = [&fm](const char *sample) { return fm.horizontalAdvance(QLatin1String(sample)) + 12; };
        const int icon = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
        header->resizeSection(MachineTableModel::MacColumn, width("00:00:00:00:00:00") + icon + 8);
        header->resizeSection(MachineTableModel::StageColumn,
                              StageDelegate::widthFor(fm, StageStyle::title(Stage::Waiting)));
        header->resizeSection(MachineTableModel::ProgressColumn, width("88.8 MiB/s, ETA 8:88"));
        header->resizeSection(MachineTableModel::IpColumn, width("192.168.100.100"));
        header->resizeSection(MachineTableModel::ConfigColumn, width("controlplane.yaml"));
        header->resizeSection(MachineTableModel::HostnameColumn, width("worker-000"));
        header->resizeSection(MachineTableModel::FirmwareColumn, width("Firmware"));
        header->resizeSection(MachineTableModel::VendorColumn, width("Super Micro Computer"));
        header->resizeSection(MachineTableModel::ManufacturerColumn, width("Manufacturer"));
        header->resizeSection(MachineTableModel::ProductColumn, width("OptiPlex 7080"));
        header->resizeSection(MachineTableModel::SerialColumn, width("NBS00000000"));
        header->resizeSection(MachineTableModel::LastSeenColumn, width("88:88:88"));
    });
    m_fitHint = true;
    m_userColumns = false;
    fitHintColumn();
}

void MachineTableView::fitHintColumn()
{
    QHeaderView *header = horizontalHeader();
    if (header->isSectionHidden(MachineTableModel::HintColumn))
        return;
    // Room for the vertical scroll bar whether it shows yet or not: it comes with the rows.
    int available = width() - 2 * frameWidth();
    if (verticalScrollBarPolicy() != Qt::ScrollBarAlwaysOff)
        available -= verticalScrollBar()->sizeHint().width();
    const int minimum = fontMetrics().horizontalAdvance(QLatin1String("No machine config is assigned: drag")) + 16;
    const auto widthBefore = [header] {
        int before = 0;
        const int hintVisual = header->visualIndex(MachineTableModel::HintColumn);
        for (int visual = 0; visual < hintVisual; ++visual) {
            const int logical = header->logicalIndex(visual);
            if (!header->isSectionHidden(logical))
                before += header->sectionSize(logical);
        }
        return before;
    };
    adjustColumns([&] {
        // The default layout gives up the serial, then the product, before the hint gets
        // too narrow to read (a small laptop screen); they come back when there is room.
        if (!m_userColumns) {
            for (MachineTableModel::Column column : {MachineTableModel::ProductColumn, MachineTableModel::SerialColumn})
                header->showSection(column);
            for (MachineTableModel::Column column : {MachineTableModel::SerialColumn, MachineTableModel::ProductColumn}) {
                if (available - widthBefore() < minimum)
                    header->hideSection(column);
            }
        }
        header->resizeSection(MachineTableModel::HintColumn, std::max(minimum, available - widthBefore()));
    });
}

bool MachineTableView::restoreColumns(const QByteArray &state)
{
    bool restored = false;
    adjustColumns([&] {
        restored = !state.isEmpty() && horizontalHeader()->restoreState(state)
                   && horizontalHeader()->count() == MachineTableModel::ColumnCount;
    });
    if (!restored)
        applyDefaultColumns();
    m_fitHint = !restored;
    m_userColumns = restored;
    return restored;
}

void MachineTableView::selectMacs(const QStringList &macs)
{
    const QSet<QString> wanted(macs.cbegin(), macs.cend());
    QItemSelection selection;
    QModelIndex first;
    for (int row = 0; row < model()->rowCount(); ++row) {
        const QModelIndex index = model()->index(row, 0);
        if (!wanted.contains(index.data(MachineTableModel::MacRole).toString()))
            continue;
        selection.select(index, index.siblingAtColumn(model()->columnCount() - 1));
        if (!first.isValid())
            first = index;
    }
    selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    if (first.isValid()) {
        selectionModel()->setCurrentIndex(first, QItemSelectionModel::NoUpdate);
        scrollTo(first);
    }
}

QByteArray MachineTableView::saveColumns() const
{
    return horizontalHeader()->saveState();
}

void MachineTableView::resizeEvent(QResizeEvent *event)
{
    QTableView::resizeEvent(event);
    if (m_fitHint)
        fitHintColumn();
}

void MachineTableView::fillColumnMenu(QMenu *menu)
{
    QHeaderView *header = horizontalHeader();
    QAbstractItemModel *columns = model();
    if (!columns)
        return;
    for (int visual = 0; visual < header->count(); ++visual) {
        const int logical = header->logicalIndex(visual);
        if (logical == MachineTableModel::MacColumn)
            continue;   // a row without its MAC means nothing
        QAction *action = menu->addAction(columns->headerData(logical, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(logical));
        action->setData(logical);
        connect(action, &QAction::toggled, this, [this, logical](bool shown) {
            QHeaderView *header = horizontalHeader();
            adjustColumns([&] { header->setSectionHidden(logical, !shown); });
            m_userColumns = true;
            if (m_fitHint)
                fitHintColumn();
            Q_EMIT columnsChanged();
        });
    }
    menu->addSeparator();
    QAction *reset = menu->addAction(tr("&Reset columns"));
    reset->setObjectName(QStringLiteral("resetColumns"));
    connect(reset, &QAction::triggered, this, [this] {
        applyDefaultColumns();
        Q_EMIT columnsChanged();
    });
}

QMenu *MachineTableView::showColumnMenu(const QPoint &headerPos)
{
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("columnMenu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    fillColumnMenu(menu);
    menu->popup(horizontalHeader()->mapToGlobal(headerPos));
    return menu;
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
        const QStringList targets = dropTargets(mac);
        if (targets != m_dropHighlight) {
            m_dropHighlight = targets;
            viewport()->update();
        }
        const int count = int(targets.size());
        const QString hostname = index.siblingAtColumn(MachineTableModel::HostnameColumn).data().toString();
        const QString name = hostname.isEmpty() ? mac : QStringLiteral("%1 (%2)").arg(hostname, mac);
        const QString hint = count > 1 ? tr("Drop to assign it to the %n selected machines.", nullptr, count)
                                       : tr("Drop to assign it to %1.").arg(name);
        if (hint != m_lastReason) {
            m_lastReason = hint;
            QToolTip::hideText();
            Q_EMIT dropAccepted(hint);
        }
        return;
    }
    if (!m_dropHighlight.isEmpty()) {
        m_dropHighlight.clear();
        viewport()->update();
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

void MachineTableView::paintEvent(QPaintEvent *event)
{
    QTableView::paintEvent(event);
    if (m_dropHighlight.isEmpty() || !model())
        return;
    // The rows a drop would assign to: outlined, over whatever the selection looks like.
    QPainter painter(viewport());
    QColor fill = palette().color(QPalette::Highlight);
    fill.setAlpha(50);
    const QSet<QString> targets(m_dropHighlight.cbegin(), m_dropHighlight.cend());
    const int first = qMax(0, rowAt(0));
    const int last = rowAt(viewport()->height() - 1) < 0 ? model()->rowCount() - 1 : rowAt(viewport()->height() - 1);
    for (int row = first; row <= last; ++row) {
        const QModelIndex index = model()->index(row, 0);
        if (!targets.contains(index.data(MachineTableModel::MacRole).toString()))
            continue;
        const QRect rect(0, rowViewportPosition(row), viewport()->width(), rowHeight(row));
        painter.fillRect(rect, fill);
        painter.setPen(QPen(palette().color(QPalette::Highlight), 2));
        painter.drawRect(rect.adjusted(1, 1, -1, -1));
    }
}

void MachineTableView::dragLeaveEvent(QDragLeaveEvent *event)
{
    if (!m_dropHighlight.isEmpty()) {
        m_dropHighlight.clear();
        viewport()->update();
    }
    QTableView::dragLeaveEvent(event);
    m_lastReason.clear();
    QToolTip::hideText();
}

void MachineTableView::dropEvent(QDropEvent *event)
{
    m_dropHighlight.clear();
    viewport()->update();
    QTableView::dropEvent(event);
    if (!event->isAccepted() && m_machines && !m_machines->dropRefusal().isEmpty())
        Q_EMIT dropRefused(m_machines->dropRefusal());
    m_lastReason.clear();
    QToolTip::hideText();
}

} // namespace Nbc::Ui
