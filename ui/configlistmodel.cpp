#include "configlistmodel.h"

#include "machinetablemodel.h"

#include "talos/configlibrary.h"

#include <QIcon>
#include <QMimeData>

#include <algorithm>

namespace Nbc::Ui {

ConfigListModel::ConfigListModel(Talos::ConfigLibrary *library, QObject *parent)
    : QAbstractListModel(parent)
    , m_library(library)
{
    const auto entries = library->entries();
    for (const Talos::ConfigEntry &entry : entries)
        m_ids << entry.id;
    std::sort(m_ids.begin(), m_ids.end());
    reindex(0);
    connect(library, &Talos::ConfigLibrary::configAdded, this, &ConfigListModel::add);
    connect(library, &Talos::ConfigLibrary::configChanged, this, &ConfigListModel::change);
    connect(library, &Talos::ConfigLibrary::configRemoved, this, &ConfigListModel::remove);
}

void ConfigListModel::reindex(int from)
{
    for (int i = from; i < m_ids.size(); ++i)
        m_rowOf.insert(m_ids.at(i), i);
}

void ConfigListModel::add(const QString &id)
{
    if (m_rowOf.contains(id)) {
        change(id);
        return;
    }
    const int row = int(std::lower_bound(m_ids.cbegin(), m_ids.cend(), id) - m_ids.cbegin());
    beginInsertRows({}, row, row);
    m_ids.insert(row, id);
    reindex(row);
    endInsertRows();
}

void ConfigListModel::change(const QString &id)
{
    const int row = rowOf(id);
    if (row < 0) {
        add(id);
        return;
    }
    const QModelIndex i = index(row);
    Q_EMIT dataChanged(i, i);   // every role may change with the file's contents
}

void ConfigListModel::remove(const QString &id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_ids.removeAt(row);
    m_rowOf.remove(id);
    reindex(row);
    endRemoveRows();
}

int ConfigListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_ids.size());
}

QVariant ConfigListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QString &id = m_ids.at(index.row());
    const Talos::ConfigEntry *entry = m_library->entry(id);
    if (!entry)
        return {};
    QStringList problems;
    for (const Talos::ConfigProblem &problem : entry->problems)
        problems << problem.toString(id.section(u'/', -1));
    switch (role) {
    case Qt::DisplayRole:
        return id.section(u'/', -1);
    case Qt::ToolTipRole: {
        QString tip = id;
        if (!entry->endpoint.isEmpty())
            tip += u'\n' + tr("Endpoint: %1").arg(entry->endpoint);
        if (!entry->talosVersion.isEmpty())
            tip += u'\n' + tr("Talos %1").arg(entry->talosVersion);
        if (!problems.isEmpty())
            tip += u'\n' + problems.join(u'\n');
        else
            tip += u'\n' + tr("Drag it onto machines to assign it.");
        return tip;
    }
    case Qt::DecorationRole:
        if (!entry->assignable)
            return QIcon(QStringLiteral(":/icons/config-invalid.svg"));
        return QIcon(entry->role == Talos::MachineRole::ControlPlane ? QStringLiteral(":/icons/role-controlplane.svg")
                                                                     : QStringLiteral(":/icons/role-worker.svg"));
    case IdRole:
        return id;
    case MachineRoleRole:
        return int(entry->role);
    case RoleNameRole:
        switch (entry->role) {
        case Talos::MachineRole::ControlPlane: return tr("control plane");
        case Talos::MachineRole::Worker: return tr("worker");
        case Talos::MachineRole::Unknown: return tr("unknown role");
        }
        return {};
    case ClusterRole:
        return entry->clusterName;
    case ValidRole:
        return entry->valid;
    case AssignableRole:
        return entry->assignable;
    case ProblemsRole:
        return problems;
    default:
        return {};
    }
}

Qt::ItemFlags ConfigListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    // Invalid configs are draggable too: the drop explains why it is refused.
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsDragEnabled | Qt::ItemNeverHasChildren;
}

QStringList ConfigListModel::mimeTypes() const
{
    return {MachineTableModel::configMimeType()};
}

QMimeData *ConfigListModel::mimeData(const QModelIndexList &indexes) const
{
    QStringList ids;
    for (const QModelIndex &index : indexes) {
        const QString id = idAt(index.row());
        if (!id.isEmpty() && !ids.contains(id))
            ids << id;
    }
    if (ids.isEmpty())
        return nullptr;
    return MachineTableModel::encodeConfigIds(ids);
}

Qt::DropActions ConfigListModel::supportedDragActions() const
{
    return Qt::CopyAction;
}

} // namespace Nbc::Ui
