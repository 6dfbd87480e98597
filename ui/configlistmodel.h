#pragma once

#include <QAbstractListModel>
#include <QHash>
#include <QStringList>

namespace Nbc::Talos {
class ConfigLibrary;
}

namespace Nbc::Ui {

// The config library as a list, in id order, keyed by id through a hash; the drag
// source of assignments (MIME type MachineTableModel::configMimeType(), carrying ids).
class ConfigListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        IdRole = Qt::UserRole + 1,    // "configs/worker.yaml"
        MachineRoleRole,              // int (Talos::MachineRole)
        RoleNameRole,                 // "control plane" / "worker" / "unknown role"
        ClusterRole,
        ValidRole,                    // bool: nothing Talos would refuse
        AssignableRole,               // bool: can be dropped on machines
        ProblemsRole,                 // QStringList
    };

    explicit ConfigListModel(Talos::ConfigLibrary *library, QObject *parent = nullptr);

    int rowOf(const QString &id) const { return m_rowOf.value(id, -1); }
    QString idAt(int row) const { return row >= 0 && row < m_ids.size() ? m_ids.at(row) : QString(); }
    QStringList ids() const { return m_ids; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    Qt::DropActions supportedDragActions() const override;

private:
    void add(const QString &id);
    void change(const QString &id);
    void remove(const QString &id);
    void reindex(int from);

    Talos::ConfigLibrary *m_library;
    QStringList m_ids;
    QHash<QString, int> m_rowOf;
};

} // namespace Nbc::Ui
