#pragma once

#include "inventory/fleetsummary.h"
#include "model/stage.h"

#include <QList>
#include <QWidget>

#include <optional>

class QAction;
class QLabel;
class QTimer;
class QToolButton;

namespace Nbc {
class ConsoleSession;
}

namespace Nbc::Ui {

class FleetStrip;

// Above the machine table: how many machines are in each stage (a button per stage that
// filters the table to it; again to show all), a strip with the stages' shares, the
// fleet's elapsed time, its ETA and how many are slow. Rebuilt a moment after machines
// change (at most four times a second), the clock once a second while machines boot.
// Object names: fleetBar, fleetChip-<stage name>, fleetTime, fleetStrip.
class FleetBar : public QWidget
{
    Q_OBJECT
public:
    explicit FleetBar(ConsoleSession *session, QWidget *parent = nullptr);

    // The stage the table is filtered to, to show its button pressed; nullopt: none.
    void setActiveStage(std::optional<Stage> stage);
    // Beside the time: the action that shows the timeline.
    void setTimelineAction(QAction *action);

    void refresh();
    const FleetSummary &summary() const { return m_summary; }
    QString timeText() const;

Q_SIGNALS:
    // A stage's button was pressed (filter to it) or released (nullopt: all stages).
    void stageChosen(std::optional<Nbc::Stage> stage);

private:
    void scheduleRefresh();

    ConsoleSession *m_session;
    FleetSummary m_summary;
    QList<QToolButton *> m_chips;   // by stage
    QLabel *m_total;
    QLabel *m_time;
    QToolButton *m_timelineButton;
    FleetStrip *m_strip;
    QTimer *m_refreshTimer;
    QTimer *m_clock;
    std::optional<Stage> m_active;
};

} // namespace Nbc::Ui
