#pragma once

#include "inventory/fleetsummary.h"

#include <QAbstractScrollArea>
#include <QDockWidget>
#include <QList>

class QComboBox;
class QTimer;

namespace Nbc {
class ConsoleSession;
}

namespace Nbc::Ui {

// The fleet's boots as a chart: a row per machine of this run, its current boot's stages
// as coloured spans on one time axis from the fleet's start, a tick where the fleet's
// median says it should have joined, and slow machines marked, so the slow ones show at a
// glance among hundreds. Only the visible rows are painted; rebuilt at most twice a second
// while shown. Click or Enter: machineActivated (the window selects it in the table).
class FleetTimeline : public QAbstractScrollArea
{
    Q_OBJECT
public:
    enum class Order { PowerOn, SlowestFirst };

    struct Row {
        QString mac;
        QString name;
        BootTimeline boot;
        Stage stage = Stage::Discovered;
        qint64 seconds = 0;     // to join, or so far
        bool slow = false;
        bool attention = false;
    };

    explicit FleetTimeline(ConsoleSession *session, QWidget *parent = nullptr);

    void setOrder(Order order);
    Order order() const { return m_order; }
    // Rebuilds the rows from the registry now.
    void refresh();
    const QList<Row> &rows() const { return m_rows; }
    const FleetSummary &summary() const { return m_summary; }
    int currentRow() const { return m_current; }
    void setCurrentRow(int row);
    // The row at a point of the viewport; -1 for none.
    int rowAt(const QPoint &viewportPos) const;
    QString toolTipFor(const QPoint &viewportPos) const;
    // Room for a dozen machines under the table by default.
    QSize sizeHint() const override;

Q_SIGNALS:
    void machineActivated(const QString &mac);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void scheduleRefresh();
    void updateScrollBar();
    int rowHeight() const;
    int headerHeight() const;
    int gutterWidth() const;
    // The x of a time in the viewport, and back.
    qreal xOf(const QDateTime &time) const;
    QDateTime axisEnd() const;
    void ensureVisible(int row);

    ConsoleSession *m_session;
    QList<Row> m_rows;
    FleetSummary m_summary;
    QDateTime m_now;
    Order m_order = Order::PowerOn;
    int m_current = -1;
    QTimer *m_refreshTimer;
    QTimer *m_clock;
};

// The dock that holds the timeline, with its order and a legend of the stages' colours.
// Object names: fleetTimelineDock, fleetTimeline, fleetTimelineOrder.
class FleetTimelineDock : public QDockWidget
{
    Q_OBJECT
public:
    explicit FleetTimelineDock(ConsoleSession *session, QWidget *parent = nullptr);
    FleetTimeline *timeline() const { return m_timeline; }

private:
    FleetTimeline *m_timeline;
    QComboBox *m_order;
};

} // namespace Nbc::Ui
