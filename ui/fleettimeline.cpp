#include "fleettimeline.h"

#include "stagestyle.h"
#include "inventory/machineregistry.h"
#include "session/consolesession.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QIcon>
#include <QKeyEvent>
#include <QLabel>
#include <QPainter>
#include <QScrollBar>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace Nbc::Ui {

namespace {

bool isDone(Stage stage)
{
    return stage == Stage::Joined || stage == Stage::Installed;
}

// A step between the axis' ticks that leaves at least `minPixels` between them.
qint64 tickStep(qreal pixelsPerSecond, int minPixels)
{
    static const qint64 steps[] = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 43200, 86400};
    for (qint64 step : steps) {
        if (step * pixelsPerSecond >= minPixels)
            return step;
    }
    return 86400 * 7;
}

} // namespace

FleetTimeline::FleetTimeline(ConsoleSession *session, QWidget *parent)
    : QAbstractScrollArea(parent)
    , m_session(session)
    , m_refreshTimer(new QTimer(this))
    , m_clock(new QTimer(this))
{
    setObjectName(QStringLiteral("fleetTimeline"));
    setFocusPolicy(Qt::StrongFocus);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    viewport()->setMouseTracking(false);
    setAccessibleName(tr("Fleet timeline"));
    setAccessibleDescription(tr("A row per machine, its stages as coloured spans over time"));
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(500);
    connect(m_refreshTimer, &QTimer::timeout, this, &FleetTimeline::refresh);
    MachineRegistry *registry = session->registry();
    connect(registry, &MachineRegistry::machinesChanged, this, &FleetTimeline::scheduleRefresh);
    connect(registry, &MachineRegistry::machineAdded, this, &FleetTimeline::scheduleRefresh);
    connect(registry, &MachineRegistry::machineRemoved, this, &FleetTimeline::scheduleRefresh);
    connect(session, &ConsoleSession::intentChanged, this, &FleetTimeline::scheduleRefresh);
    // The open spans grow with the clock while machines are on their way.
    m_clock->setInterval(1000);
    connect(m_clock, &QTimer::timeout, this, &FleetTimeline::refresh);
    verticalScrollBar()->setSingleStep(rowHeight());
    refresh();
}

void FleetTimeline::scheduleRefresh()
{
    if (isVisible() && !m_refreshTimer->isActive())
        m_refreshTimer->start();
}

void FleetTimeline::showEvent(QShowEvent *event)
{
    QAbstractScrollArea::showEvent(event);
    refresh();
}

void FleetTimeline::hideEvent(QHideEvent *event)
{
    QAbstractScrollArea::hideEvent(event);
    // Nothing to paint: no clock, no rebuilds until it is shown again.
    m_clock->stop();
    m_refreshTimer->stop();
}

void FleetTimeline::setOrder(Order order)
{
    if (order == m_order)
        return;
    m_order = order;
    refresh();
}

void FleetTimeline::refresh()
{
    const QString currentMac = m_current >= 0 && m_current < m_rows.size() ? m_rows.at(m_current).mac : QString();
    m_now = QDateTime::currentDateTimeUtc();
    const QHash<QString, Machine> &machines = m_session->registry()->machines();
    m_summary = summarizeFleet(machines, m_now);
    m_rows.clear();
    const QList<const Machine *> fleet = fleetMembers(machines);
    m_rows.reserve(fleet.size());
    for (const Machine *machine : fleet) {
        Row row;
        row.mac = machine->mac;
        row.name = m_session->displayName(machine->mac);
        row.boot = currentBoot(*machine);
        row.stage = machine->stage;
        row.seconds = isDone(machine->stage) && row.boot.joined.isValid() ? row.boot.secondsToJoin()
                                                                          : row.boot.start.secsTo(m_now);
        row.slow = machine->stage != Stage::Waiting && isSlow(row.seconds, m_summary.medianSecondsToJoin);
        row.attention = machine->needsAttention();
        m_rows.append(row);
    }
    if (m_order == Order::PowerOn) {
        std::sort(m_rows.begin(), m_rows.end(), [](const Row &a, const Row &b) {
            return a.boot.start != b.boot.start ? a.boot.start < b.boot.start : a.name < b.name;
        });
    } else {
        // Slow and stuck first, then by how long they take.
        std::sort(m_rows.begin(), m_rows.end(), [](const Row &a, const Row &b) {
            const bool aOpen = !isDone(a.stage), bOpen = !isDone(b.stage);
            if ((a.slow || a.attention) != (b.slow || b.attention))
                return a.slow || a.attention;
            if (a.seconds != b.seconds)
                return a.seconds > b.seconds;
            if (aOpen != bOpen)
                return aOpen;
            return a.name < b.name;
        });
    }
    m_current = -1;
    for (qsizetype i = 0; i < m_rows.size() && !currentMac.isEmpty(); ++i) {
        if (m_rows.at(i).mac == currentMac)
            m_current = int(i);
    }
    if (m_summary.booting > 0 && isVisible())
        m_clock->start();
    else
        m_clock->stop();
    updateScrollBar();
    viewport()->update();
}

QSize FleetTimeline::sizeHint() const
{
    return QSize(60 * fontMetrics().averageCharWidth(), headerHeight() + 12 * rowHeight() + 2 * frameWidth());
}

int FleetTimeline::rowHeight() const
{
    return qMax(16, fontMetrics().height() + 4);
}

int FleetTimeline::headerHeight() const
{
    return fontMetrics().height() + 8;
}

int FleetTimeline::gutterWidth() const
{
    return qBound(80, fontMetrics().horizontalAdvance(QLatin1Char('x')) * 22, viewport()->width() / 3);
}

QDateTime FleetTimeline::axisEnd() const
{
    // Finished fleets end at their last join, with a little room for the last marker.
    QDateTime end = m_summary.end.isValid() && m_summary.booting == 0 ? m_summary.end : m_now;
    if (m_summary.start.isValid() && m_summary.start.secsTo(end) < 10)
        end = m_summary.start.addSecs(10);
    return end;
}

qreal FleetTimeline::xOf(const QDateTime &time) const
{
    if (!m_summary.start.isValid())
        return gutterWidth();
    const qreal plot = qMax(20, viewport()->width() - gutterWidth() - 24);
    const qreal span = qMax<qint64>(1, m_summary.start.msecsTo(axisEnd()));
    const qreal at = qBound<qint64>(0, m_summary.start.msecsTo(time), qint64(span));
    return gutterWidth() + 8 + plot * at / span;
}

void FleetTimeline::updateScrollBar()
{
    const int content = int(m_rows.size()) * rowHeight();
    const int page = qMax(0, viewport()->height() - headerHeight());
    verticalScrollBar()->setPageStep(page);
    verticalScrollBar()->setRange(0, qMax(0, content - page));
}

void FleetTimeline::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBar();
}

int FleetTimeline::rowAt(const QPoint &pos) const
{
    if (pos.y() < headerHeight())
        return -1;
    const int row = (pos.y() - headerHeight() + verticalScrollBar()->value()) / rowHeight();
    return row >= 0 && row < m_rows.size() ? row : -1;
}

void FleetTimeline::paintEvent(QPaintEvent *)
{
    QPainter painter(viewport());
    const QPalette pal = palette();
    const QRect area = viewport()->rect();
    painter.fillRect(area, pal.color(QPalette::Base));
    const int header = headerHeight();
    const int rowH = rowHeight();
    const int gutter = gutterWidth();
    if (m_rows.isEmpty()) {
        painter.setPen(pal.color(QPalette::PlaceholderText));
        painter.drawText(area.adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap,
                         tr("The timeline fills as machines boot: a row per machine, its stages as coloured spans, "
                            "so the slow ones stand out."));
        return;
    }

    // The axis: ticks from the fleet's start, and a grid line for each.
    const qreal plotWidth = qMax(20, area.width() - gutter - 24);
    const qint64 spanSeconds = qMax<qint64>(1, m_summary.start.secsTo(axisEnd()));
    const qint64 step = tickStep(plotWidth / spanSeconds, fontMetrics().horizontalAdvance(QStringLiteral("00:00:00")) + 16);
    painter.fillRect(QRect(0, 0, area.width(), header), pal.color(QPalette::Window));
    QColor grid = pal.color(QPalette::Mid);
    grid.setAlpha(90);
    for (qint64 t = 0; t <= spanSeconds; t += step) {
        const qreal x = xOf(m_summary.start.addSecs(t));
        painter.setPen(grid);
        painter.drawLine(QPointF(x, header), QPointF(x, area.height()));
        painter.setPen(pal.color(QPalette::WindowText));
        painter.drawText(QRectF(x + 3, 0, 120, header), Qt::AlignVCenter | Qt::AlignLeft, formatDuration(t));
    }
    painter.setPen(pal.color(QPalette::WindowText));
    painter.drawText(QRect(6, 0, gutter - 8, header), Qt::AlignVCenter | Qt::AlignLeft,
                     fontMetrics().elidedText(tr("%n machines", nullptr, int(m_rows.size())), Qt::ElideRight, gutter - 8));

    painter.setClipRect(QRect(0, header, area.width(), area.height() - header));
    const int scroll = verticalScrollBar()->value();
    const int first = scroll / rowH;
    const int last = qMin(int(m_rows.size()) - 1, (scroll + area.height() - header) / rowH);
    const QColor slowColour = StageStyle::color(Stage::Failed);
    const QIcon attention(QStringLiteral(":/icons/attention.svg"));
    for (int i = first; i <= last; ++i) {
        const Row &row = m_rows.at(i);
        const int y = header + i * rowH - scroll;
        const QRect line(0, y, area.width(), rowH);
        if (i == m_current)
            painter.fillRect(line, pal.color(hasFocus() ? QPalette::Highlight : QPalette::Midlight));
        else if (i % 2)
            painter.fillRect(line, pal.color(QPalette::AlternateBase));

        // The name, marked when slow or in need of a person.
        const int iconSize = rowH - 4;
        if (row.slow || row.attention)
            attention.paint(&painter, QRect(4, y + 2, iconSize, iconSize));
        painter.setPen(i == m_current && hasFocus() ? pal.color(QPalette::HighlightedText)
                       : row.slow                    ? slowColour
                                                     : pal.color(QPalette::Text));
        const QRect nameRect(8 + iconSize, y, gutter - 12 - iconSize, rowH);
        painter.drawText(nameRect, Qt::AlignVCenter | Qt::AlignLeft,
                         fontMetrics().elidedText(row.name, Qt::ElideMiddle, nameRect.width()));

        // The stages as spans; after joining, a thin line to the axis' end.
        const qreal barTop = y + 3, barHeight = rowH - 6;
        for (const BootSpan &span : row.boot.spans) {
            const qreal x0 = xOf(span.start);
            const qreal x1 = qMax(x0 + 2, xOf(span.end.isValid() ? span.end : axisEnd()));
            const QColor colour = StageStyle::color(span.stage);
            if (isDone(span.stage)) {
                painter.fillRect(QRectF(x0, barTop + barHeight / 2 - 1, x1 - x0, 2), colour);
                painter.setPen(Qt::NoPen);
                painter.setBrush(colour);
                painter.setRenderHint(QPainter::Antialiasing, true);
                painter.drawEllipse(QPointF(x0, barTop + barHeight / 2), barHeight / 2, barHeight / 2);
                painter.setRenderHint(QPainter::Antialiasing, false);
            } else {
                painter.fillRect(QRectF(x0, barTop, x1 - x0, barHeight), colour);
            }
        }
        // Where the fleet's median says it should have joined.
        if (m_summary.medianSecondsToJoin >= 0 && !isDone(row.stage)) {
            const qreal x = xOf(row.boot.start.addSecs(m_summary.medianSecondsToJoin));
            painter.setPen(QPen(row.slow ? slowColour : pal.color(QPalette::Dark), 1, Qt::DashLine));
            painter.drawLine(QPointF(x, y + 1), QPointF(x, y + rowH - 1));
        }
        if (row.slow) {
            painter.setPen(QPen(slowColour, 1));
            painter.setBrush(Qt::NoBrush);
            const qreal x0 = xOf(row.boot.start);
            const qreal x1 = xOf(row.boot.joined.isValid() ? row.boot.joined : axisEnd());
            painter.drawRect(QRectF(x0 - 1, barTop - 2, qMax<qreal>(3, x1 - x0 + 2), barHeight + 3));
        }
    }
    painter.setClipping(false);
    painter.setPen(pal.color(QPalette::Mid));
    painter.drawLine(gutter, header, gutter, area.height());
    painter.drawLine(0, header, area.width(), header);
}

QString FleetTimeline::toolTipFor(const QPoint &pos) const
{
    const int index = rowAt(pos);
    if (index < 0)
        return {};
    const Row &row = m_rows.at(index);
    QStringList lines;
    lines << (row.name == row.mac ? row.mac : tr("%1 (%2)").arg(row.name, row.mac));
    for (const BootSpan &span : row.boot.spans) {
        const qreal x0 = xOf(span.start), x1 = xOf(span.end.isValid() ? span.end : axisEnd());
        if (pos.x() >= x0 - 1 && pos.x() <= x1 + 1) {
            const qint64 from = m_summary.start.secsTo(span.start);
            const qint64 length = span.start.secsTo(span.end.isValid() ? span.end : m_now);
            lines << tr("%1: %2, from %3").arg(StageStyle::title(span.stage), formatDuration(length), formatDuration(from));
            break;
        }
    }
    lines << (isDone(row.stage) && row.boot.joined.isValid() ? tr("Joined after %1").arg(formatDuration(row.seconds))
                                                             : tr("%1 for %2 so far").arg(StageStyle::title(row.stage),
                                                                                          formatDuration(row.seconds)));
    if (m_summary.medianSecondsToJoin >= 0)
        lines << tr("The fleet's median: %1 to join").arg(formatDuration(m_summary.medianSecondsToJoin));
    if (row.slow)
        lines << tr("Slow: it takes much longer than the fleet's median.");
    return lines.join(u'\n');
}

bool FleetTimeline::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString text = toolTipFor(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, viewport());
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

void FleetTimeline::setCurrentRow(int row)
{
    m_current = row >= 0 && row < m_rows.size() ? row : -1;
    ensureVisible(m_current);
    viewport()->update();
}

void FleetTimeline::ensureVisible(int row)
{
    if (row < 0)
        return;
    const int top = row * rowHeight();
    const int page = viewport()->height() - headerHeight();
    QScrollBar *bar = verticalScrollBar();
    if (top < bar->value())
        bar->setValue(top);
    else if (top + rowHeight() > bar->value() + page)
        bar->setValue(top + rowHeight() - page);
}

void FleetTimeline::mousePressEvent(QMouseEvent *event)
{
    const int row = rowAt(event->pos());
    if (row >= 0) {
        setCurrentRow(row);
        Q_EMIT machineActivated(m_rows.at(row).mac);
    }
    QAbstractScrollArea::mousePressEvent(event);
}

void FleetTimeline::mouseDoubleClickEvent(QMouseEvent *event)
{
    mousePressEvent(event);
}

void FleetTimeline::keyPressEvent(QKeyEvent *event)
{
    const int page = qMax(1, (viewport()->height() - headerHeight()) / rowHeight());
    int row = m_current;
    switch (event->key()) {
    case Qt::Key_Down: row = qMin(int(m_rows.size()) - 1, row + 1); break;
    case Qt::Key_Up: row = qMax(0, row - 1); break;
    case Qt::Key_PageDown: row = qMin(int(m_rows.size()) - 1, row + page); break;
    case Qt::Key_PageUp: row = qMax(0, row - page); break;
    case Qt::Key_Home: row = 0; break;
    case Qt::Key_End: row = int(m_rows.size()) - 1; break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (m_current >= 0)
            Q_EMIT machineActivated(m_rows.at(m_current).mac);
        return;
    default:
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    setCurrentRow(row);
}

FleetTimelineDock::FleetTimelineDock(ConsoleSession *session, QWidget *parent)
    : QDockWidget(tr("Fleet timeline"), parent)
    , m_timeline(new FleetTimeline(session, this))
    , m_order(new QComboBox(this))
{
    setObjectName(QStringLiteral("fleetTimelineDock"));
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(4, 2, 4, 4);
    layout->setSpacing(2);
    auto *top = new QHBoxLayout;
    auto *orderLabel = new QLabel(tr("&Order:"), page);
    m_order->setObjectName(QStringLiteral("fleetTimelineOrder"));
    m_order->addItem(tr("Power-on"), int(FleetTimeline::Order::PowerOn));
    m_order->addItem(tr("Slowest first"), int(FleetTimeline::Order::SlowestFirst));
    orderLabel->setBuddy(m_order);
    connect(m_order, &QComboBox::currentIndexChanged, this, [this] {
        m_timeline->setOrder(FleetTimeline::Order(m_order->currentData().toInt()));
    });
    top->addWidget(orderLabel);
    top->addWidget(m_order);
    top->addSpacing(12);
    // The legend: a swatch per stage, the same colours as the spans.
    QStringList legend;
    for (Stage stage : {Stage::Discovered, Stage::FirmwareFiles, Stage::LoadingIpxe, Stage::Ipxe, Stage::Waiting, Stage::Kernel, Stage::Config,
                        Stage::Installing, Stage::Joined, Stage::Stalled, Stage::Failed}) {
        legend << QStringLiteral("<span style=\"color:%1\">\u25A0</span>&nbsp;%2")
                      .arg(StageStyle::color(stage).name(), StageStyle::title(stage).toHtmlEscaped());
    }
    auto *legendLabel = new QLabel(legend.join(QStringLiteral(" &nbsp; ")), page);
    legendLabel->setObjectName(QStringLiteral("fleetTimelineLegend"));
    legendLabel->setTextFormat(Qt::RichText);
    // On a small screen the legend takes two lines rather than widening the window.
    legendLabel->setWordWrap(true);
    legendLabel->setMinimumWidth(fontMetrics().averageCharWidth() * 20);
    top->addWidget(legendLabel, 1);
    layout->addLayout(top);
    layout->addWidget(m_timeline, 1);
    setWidget(page);
}

} // namespace Nbc::Ui
