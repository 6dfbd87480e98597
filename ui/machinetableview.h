#pragma once

#include <QTableView>

class QMenu;

namespace Nbc::Ui {

class MachineTableModel;
class ViewPlaceholder;

// The machine table. Accepts config drops on rows (a drop on a selected row is for the
// whole selection) and says why a drop is refused, next to the pointer and in the
// status bar, while the config is still being dragged.
class MachineTableView : public QTableView
{
    Q_OBJECT
public:
    explicit MachineTableView(QWidget *parent = nullptr);

    void setMachineModel(MachineTableModel *model);
    // The muted text across the empty table: how machines get here, or that the filter
    // hides them all. Empty while rows show.
    QString placeholderText() const;
    bool isPlaceholderVisible() const;
    // MACs of the selected rows, in view order.
    QStringList selectedMacs() const;
    // The default layout, untouched by the person: not worth saving (it follows the width).
    bool usesDefaultColumns() const { return !m_userColumns; }
    // While a config is dragged over the table: the machines it would go to (outlined).
    QStringList dropHighlight() const { return m_dropHighlight; }
    // Selects exactly these machines' rows (those shown) and scrolls to the first.
    void selectMacs(const QStringList &macs);
    // The MACs a drop on the row of `mac` is for.
    QStringList dropTargets(const QString &mac) const;

    // Column widths from the font, and the Hint column given the width that is left in
    // the viewport (it says what to do when something is wrong). Until a saved layout is
    // restored or a person resizes a column, the Hint follows the table's width.
    void applyDefaultColumns();
    // Restores a layout saved by saveColumns(); false (and defaults) when there is none.
    bool restoreColumns(const QByteArray &state);
    QByteArray saveColumns() const;
    // One checkable entry per column (the MAC stays), and "Reset columns": the header's
    // context menu and the View menu's Columns submenu.
    void fillColumnMenu(QMenu *menu);
    // The header's context menu at a header position (shown non-modal, for tests too).
    QMenu *showColumnMenu(const QPoint &headerPos);

Q_SIGNALS:
    // A column was shown, hidden, moved or resized by the user: the layout to remember.
    void columnsChanged();
    void dropRefused(const QString &reason);
    void dropAccepted(const QString &hint);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dragLeaveEvent(QDragLeaveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    void explain(QDropEvent *event);

    void fitHintColumn();
    // Resizes and moves made here, not by a person.
    template<typename F> void adjustColumns(F &&change);

    MachineTableModel *m_machines = nullptr;
    ViewPlaceholder *m_placeholder = nullptr;
    QString m_lastReason;
    bool m_adjusting = false;
    bool m_fitHint = true;   // the default layout, untouched
    QStringList m_dropHighlight;   // the rows a config would go to if dropped now
    bool m_userColumns = false;   // the person showed, hid, moved or sized a column
};

} // namespace Nbc::Ui
