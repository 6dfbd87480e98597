#include "fleetbar.h"

#include "stagestyle.h"
#include "inventory/machineregistry.h"
#include "session/consolesession.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace Nbc::Ui {

// The stages' shares of the fleet as one thin bar, in the order of the path.
class FleetStrip : public QWidget
{
public:
    explicit FleetStrip(QWidget *parent)
        : QWidget(parent)
    {
        setObjectName(QStringLiteral("fleetStrip"));
        setFixedHeight(6);
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    }
    void setSummary(const FleetSummary &summary)
    {
        m_summary = summary;
        update();
    }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        const QRectF area = rect();
        painter.fillRect(area, palette().color(QPalette::Mid));
        if (m_summary.total <= 0)
            return;
        qreal x = 0;
        for (int s = 0; s < FleetSummary::kStages; ++s) {
            const int n = m_summary.perStage[size_t(s)];
            if (n == 0)
                continue;
            const qreal w = area.width() * n / m_summary.total;
            painter.fillRect(QRectF(x, 0, w, area.height()), StageStyle::color(Stage(s)));
            x += w;
        }
    }

private:
    FleetSummary m_summary;
};

FleetBar::FleetBar(ConsoleSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_total(new QLabel(this))
    , m_time(new QLabel(this))
    , m_timelineButton(new QToolButton(this))
    , m_strip(new FleetStrip(this))
    , m_refreshTimer(new QTimer(this))
    , m_clock(new QTimer(this))
{
    setObjectName(QStringLiteral("fleetBar"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 2, 0, 2);
    layout->setSpacing(2);
    auto *row = new QHBoxLayout;
    row->setSpacing(2);
    m_total->setObjectName(QStringLiteral("fleetTotal"));
    row->addWidget(m_total);
    for (int s = 0; s < FleetSummary::kStages; ++s) {
        const Stage stage = Stage(s);
        auto *chip = new QToolButton(this);
        chip->setObjectName(QStringLiteral("fleetChip-") + stageName(stage));
        chip->setIcon(StageStyle::icon(stage));
        chip->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        chip->setCheckable(true);
        chip->setAutoRaise(true);
        chip->setFocusPolicy(Qt::TabFocus);
        chip->setToolTip(tr("%1: %2\nShow only these machines; press again to show all.")
                             .arg(StageStyle::title(stage), StageStyle::description(stage)));
        connect(chip, &QToolButton::clicked, this, [this, stage](bool on) {
            setActiveStage(on ? std::optional<Stage>(stage) : std::nullopt);
            Q_EMIT stageChosen(m_active);
        });
        chip->hide();
        row->addWidget(chip);
        m_chips.append(chip);
    }
    // The bar is as high with no machine as with every stage shown: the table under it
    // must not move when the first machine arrives (a drag in progress would miss its row).
    m_time->setObjectName(QStringLiteral("fleetTime"));
    m_time->setMinimumHeight(m_chips.constFirst()->sizeHint().height());
    m_time->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Narrow windows wrap the times instead of growing.
    m_time->setWordWrap(true);
    m_time->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    // It takes the room the buttons leave, and wraps only when there is none.
    m_time->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    row->addWidget(m_time, 1);
    m_timelineButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_timelineButton->setAutoRaise(true);
    m_timelineButton->hide();
    row->addWidget(m_timelineButton);
    layout->addLayout(row);
    layout->addWidget(m_strip);

    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(250);
    connect(m_refreshTimer, &QTimer::timeout, this, &FleetBar::refresh);
    MachineRegistry *registry = session->registry();
    connect(registry, &MachineRegistry::machinesChanged, this, &FleetBar::scheduleRefresh);
    connect(registry, &MachineRegistry::machineAdded, this, &FleetBar::scheduleRefresh);
    connect(registry, &MachineRegistry::machineRemoved, this, &FleetBar::scheduleRefresh);
    m_clock->setInterval(1000);
    connect(m_clock, &QTimer::timeout, this, &FleetBar::refresh);
    refresh();
}

void FleetBar::scheduleRefresh()
{
    if (!m_refreshTimer->isActive())
        m_refreshTimer->start();
}

void FleetBar::setActiveStage(std::optional<Stage> stage)
{
    m_active = stage;
    for (int s = 0; s < m_chips.size(); ++s)
        m_chips.at(s)->setChecked(stage && int(*stage) == s);
}

void FleetBar::setTimelineAction(QAction *action)
{
    m_timelineButton->setDefaultAction(action);
    m_timelineButton->setVisible(action != nullptr);
}

QString FleetBar::timeText() const
{
    const FleetSummary &f = m_summary;
    if (f.fleet == 0)
        return tr("No machine has booted yet.");
    QStringList parts;
    parts << tr("%1 of %2 joined").arg(f.joined).arg(f.fleet);
    parts << tr("elapsed %1").arg(formatDuration(f.elapsedSeconds));
    if (f.booting > 0) {
        if (f.etaSeconds < 0)
            parts << tr("no ETA before the first machine joins");
        else if (f.etaSeconds == 0)
            parts << tr("ETA any moment now");
        else
            parts << tr("ETA %1").arg(formatDuration(f.etaSeconds));
    } else if (f.joined > 0 && f.medianSecondsToJoin >= 0) {
        parts << tr("median %1 to join").arg(formatDuration(f.medianSecondsToJoin));
    }
    if (f.slow > 0)
        parts << tr("%n slow", nullptr, f.slow);
    if (f.waiting > 0)
        parts << tr("%n waiting for a config", nullptr, f.waiting);
    return parts.join(QStringLiteral(" · "));
}

void FleetBar::refresh()
{
    m_summary = summarizeFleet(m_session->registry()->machines(), QDateTime::currentDateTimeUtc());
    m_total->setText(tr("%n machines:", nullptr, m_summary.total));
    m_total->setVisible(m_summary.total > 0);
    for (int s = 0; s < m_chips.size(); ++s) {
        QToolButton *chip = m_chips.at(s);
        const int n = m_summary.perStage[size_t(s)];
        chip->setText(QStringLiteral("%1 %2").arg(StageStyle::title(Stage(s))).arg(n));
        chip->setAccessibleName(tr("%1: %n machines", nullptr, n).arg(StageStyle::title(Stage(s))));
        // The pressed stage stays, even empty: it is what the table shows.
        chip->setVisible(n > 0 || chip->isChecked());
    }
    m_time->setText(timeText());
    m_strip->setSummary(m_summary);
    // The clock runs while machines are on their way, so elapsed and ETA keep moving.
    if (m_summary.booting > 0 && !m_clock->isActive())
        m_clock->start();
    else if (m_summary.booting == 0)
        m_clock->stop();
}

} // namespace Nbc::Ui
