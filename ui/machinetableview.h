#pragma once

#include <QTableView>

namespace Nbc::Ui {

class MachineTableModel;

// The machine table. Accepts config drops on rows (a drop on a selected row is for the
// whole selection) and says why a drop is refused, next to the pointer and in the
// status bar, while the config is still being dragged.
class MachineTableView : public QTableView
{
    Q_OBJECT
public:
    explicit MachineTableView(QWidget *parent = nullptr);

    void setMachineModel(MachineTableModel *model) { m_machines = model; }
    // MACs of the selected rows, in view order.
    QStringList selectedMacs() const;
    // The MACs a drop on the row of `mac` is for.
    QStringList dropTargets(const QString &mac) const;

Q_SIGNALS:
    void dropRefused(const QString &reason);
    void dropAccepted(const QString &hint);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dragLeaveEvent(QDragLeaveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void explain(QDropEvent *event);

    MachineTableModel *m_machines = nullptr;
    QString m_lastReason;
};

} // namespace Nbc::Ui
