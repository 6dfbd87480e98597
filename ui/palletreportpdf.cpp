#include "palletreportpdf.h"

#include "stagestyle.h"

#include <QColor>
#include <QDir>
#include <QFont>
#include <QFontMetricsF>
#include <QMarginsF>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPen>
#include <QPointF>
#include <QPdfWriter>
#include <QRectF>
#include <QSaveFile>

#include <algorithm>
#include <array>

namespace Nbc::Ui {

namespace {

constexpr int kDpi = 300;
constexpr qreal kMarginMm = 12.0;
constexpr qsizetype kStageColumn = 9;   // in tableColumns()

qreal mm(qreal millimetres)
{
    return millimetres * kDpi / 25.4;
}

// Printed times are local and written the same in every language: no day/month puzzles
// on a sheet taped to a rack.
QString timeText(const QDateTime &time)
{
    return time.isValid() ? time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QString();
}

QFont font(qreal points, bool bold = false)
{
    QFont f;
    f.setStyleHint(QFont::SansSerif);
    f.setFamilies({QStringLiteral("DejaVu Sans"), QStringLiteral("Liberation Sans"), QStringLiteral("Noto Sans"),
                   QStringLiteral("Arial")});
    f.setPointSizeF(points);
    f.setBold(bold);
    return f;
}

const QColor kInk(0x1f, 0x29, 0x33);
const QColor kMuted(0x5f, 0x6b, 0x76);
const QColor kRule(0xc5, 0xcc, 0xd3);
const QColor kHeaderFill(0xe6, 0xea, 0xef);
const QColor kStripe(0xf5, 0xf7, 0xf9);

struct Column {
    QString title;
    qreal weight;
    Qt::Alignment align = Qt::AlignLeft;
    Qt::TextElideMode elide = Qt::ElideRight;
};

QList<Column> tableColumns()
{
    return {
        {QStringLiteral("#"), 3.4, Qt::AlignRight},
        {PalletReportPdf::tr("Hostname"), 11},
        {PalletReportPdf::tr("MAC"), 13.5, Qt::AlignLeft, Qt::ElideMiddle},
        {PalletReportPdf::tr("Manufacturer / product"), 18.5},
        {PalletReportPdf::tr("Serial"), 10.5, Qt::AlignLeft, Qt::ElideMiddle},
        {PalletReportPdf::tr("IP"), 8},
        {PalletReportPdf::tr("Config"), 12.5},
        {PalletReportPdf::tr("Role"), 8},
        {PalletReportPdf::tr("Rule"), 8},
        {PalletReportPdf::tr("Stage"), 11},
        {PalletReportPdf::tr("Joined at"), 12.5},
        {PalletReportPdf::tr("To join"), 9, Qt::AlignRight},
    };
}

QStringList rowTexts(int number, const PalletRow &row)
{
    QString mac = row.mac;
    if (!row.otherMacs.isEmpty())
        mac += QStringLiteral(" +%1").arg(row.otherMacs.size());
    QStringList model;
    if (!row.manufacturer.isEmpty())
        model << row.manufacturer;
    if (!row.product.isEmpty())
        model << row.product;
    const QString stage = row.stage == Stage::Stalled
        ? PalletReportPdf::tr("Stalled in %1").arg(StageStyle::title(row.stalledFrom))
        : StageStyle::title(row.stage);
    return {QString::number(number),
            row.intent.hostname,
            mac,
            model.join(u' '),
            row.serial,
            row.ip,
            row.intent.config.section(u'/', -1),
            row.intent.role,
            row.intent.rule,
            stage,
            row.joinedAt.isValid() ? row.joinedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")) : QString(),
            PalletReportPdf::durationText(row.secondsToJoin)};
}

// Page geometry and fonts, shared by the page count and the drawing so they never disagree.
class Layout
{
public:
    explicit Layout(QPaintDevice *device)
        : m_device(device)
        , title(font(20, true))
        , subtitle(font(9))
        , cardLabel(font(7.5))
        , cardValue(font(13, true))
        , body(font(8.5))
        , tableHead(font(7.5, true))
        , cell(font(7.2))
        , footer(font(7.5))
    {
        width = device->width();
        height = device->height();
        rowHeight = QFontMetricsF(cell, device).height() + mm(2.0);
        headHeight = QFontMetricsF(tableHead, device).height() + mm(2.6);
        footerHeight = QFontMetricsF(footer, device).height() + mm(4);
        cardHeight = mm(13);
        cardGap = mm(3);
        // Title, subtitle, two rows of cards, the stage line: as drawSummary() draws them.
        firstTop = QFontMetricsF(title, device).height() + mm(0.5) + QFontMetricsF(subtitle, device).height() + mm(4)
            + 2 * cardHeight + cardGap + mm(3.5) + QFontMetricsF(body, device).height() + mm(4);
        otherTop = QFontMetricsF(subtitle, device).height() + mm(4);
    }

    int rowsPerPage(bool first) const
    {
        const qreal space = height - footerHeight - (first ? firstTop : otherTop) - headHeight;
        return std::max(1, int(space / rowHeight));
    }
    int pagesFor(qsizetype rows) const
    {
        const int first = rowsPerPage(true);
        if (rows <= first)
            return 1;
        const int other = rowsPerPage(false);
        return 1 + int((rows - first + other - 1) / other);
    }
    QFontMetricsF metrics(const QFont &f) const { return QFontMetricsF(f, m_device); }

    QPaintDevice *m_device;
    QFont title, subtitle, cardLabel, cardValue, body, tableHead, cell, footer;
    qreal width = 0, height = 0, rowHeight = 0, headHeight = 0, footerHeight = 0, firstTop = 0, otherTop = 0;
    qreal cardHeight = 0, cardGap = 0;
};

void drawText(QPainter &p, const Layout &l, const QRectF &rect, const QFont &f, const QString &text,
              Qt::Alignment align = Qt::AlignLeft, Qt::TextElideMode elide = Qt::ElideRight)
{
    p.setFont(f);
    const QString shown = l.metrics(f).elidedText(text, elide, rect.width());
    p.drawText(rect, int(align | Qt::AlignVCenter) | Qt::TextSingleLine, shown);
}

void drawCard(QPainter &p, const Layout &l, const QRectF &rect, const QString &label, const QString &value)
{
    p.setPen(QPen(kRule, mm(0.25)));
    p.setBrush(Qt::NoBrush);
    p.drawRoundedRect(rect, mm(1.2), mm(1.2));
    const QRectF inner = rect.adjusted(mm(2.5), mm(1.5), -mm(2.5), -mm(1.5));
    const qreal labelHeight = l.metrics(l.cardLabel).height();
    p.setPen(kMuted);
    drawText(p, l, QRectF(inner.left(), inner.top(), inner.width(), labelHeight), l.cardLabel, label);
    p.setPen(kInk);
    drawText(p, l, QRectF(inner.left(), inner.top() + labelHeight, inner.width(), inner.height() - labelHeight),
             l.cardValue, value.isEmpty() ? QStringLiteral("–") : value);
}

void drawSummary(QPainter &p, const Layout &l, const PalletReport &report)
{
    const PalletSummary s = report.summary();
    qreal y = 0;
    p.setPen(kInk);
    const qreal titleHeight = l.metrics(l.title).height();
    drawText(p, l, QRectF(0, y, l.width, titleHeight), l.title, PalletReportPdf::tr("Pallet report"));
    y += titleHeight + mm(0.5);
    const QDateTime generated = report.generatedAt().isValid() ? report.generatedAt() : QDateTime::currentDateTime();
    const QString subtitle = PalletReportPdf::tr("Workspace %1 · made %2 (%3) by Netboot Console")
                                 .arg(report.workspaceName(), timeText(generated),
                                      generated.toLocalTime().timeZoneAbbreviation());
    p.setPen(kMuted);
    const qreal subHeight = l.metrics(l.subtitle).height();
    drawText(p, l, QRectF(0, y, l.width, subHeight), l.subtitle, subtitle);
    y += subHeight + mm(4);

    const qreal gap = l.cardGap;
    const qreal cardWidth = (l.width - 3 * gap) / 4;
    const qreal cardHeight = l.cardHeight;
    const auto card = [&](int row, int column, const QString &label, const QString &value) {
        drawCard(p, l, QRectF(column * (cardWidth + gap), y + row * (cardHeight + gap), cardWidth, cardHeight), label,
                 value);
    };
    card(0, 0, PalletReportPdf::tr("Machines"), QString::number(s.machines));
    card(0, 1, PalletReportPdf::tr("Joined the cluster"),
         PalletReportPdf::tr("%1 of %2").arg(s.joined).arg(s.machines));
    card(0, 2, PalletReportPdf::tr("Median time to join"), PalletReportPdf::durationText(s.medianSecondsToJoin));
    card(0, 3, PalletReportPdf::tr("Longest time to join"), PalletReportPdf::durationText(s.maxSecondsToJoin));
    card(1, 0, PalletReportPdf::tr("First machine seen"), timeText(s.firstSeen));
    card(1, 1, PalletReportPdf::tr("Last machine joined"), timeText(s.lastJoined));
    card(1, 2, PalletReportPdf::tr("First seen to last joined"), PalletReportPdf::durationText(s.spanSeconds));
    card(1, 3, PalletReportPdf::tr("Not joined"), QString::number(s.machines - s.joined));
    y += 2 * cardHeight + gap + mm(3.5);

    // The stages, each with its colour as in the window.
    p.setFont(l.body);
    const QFontMetricsF fm = l.metrics(l.body);
    const qreal lineHeight = fm.height();
    qreal x = 0;
    p.setPen(kInk);
    const QString label = PalletReportPdf::tr("By stage:");
    p.drawText(QPointF(x, y + fm.ascent()), label);
    x += fm.horizontalAdvance(label) + mm(3);
    if (s.perStage.isEmpty()) {
        p.setPen(kMuted);
        p.drawText(QPointF(x, y + fm.ascent()), PalletReportPdf::tr("no machines in the inventory"));
    }
    for (auto it = s.perStage.cbegin(); it != s.perStage.cend(); ++it) {
        const QString text = QStringLiteral("%1 %2").arg(StageStyle::title(it.key())).arg(it.value());
        const qreal dot = mm(2.2);
        if (x + dot + mm(1.5) + fm.horizontalAdvance(text) > l.width)
            break;
        p.setPen(Qt::NoPen);
        p.setBrush(StageStyle::color(it.key()));
        p.drawEllipse(QRectF(x, y + (lineHeight - dot) / 2, dot, dot));
        x += dot + mm(1.5);
        p.setPen(kInk);
        p.drawText(QPointF(x, y + fm.ascent()), text);
        x += fm.horizontalAdvance(text) + mm(5);
    }
}

void drawRunningHead(QPainter &p, const Layout &l, const PalletReport &report)
{
    p.setPen(kMuted);
    const qreal h = l.metrics(l.subtitle).height();
    const QDateTime generated = report.generatedAt().isValid() ? report.generatedAt() : QDateTime::currentDateTime();
    drawText(p, l, QRectF(0, 0, l.width, h), l.subtitle,
             PalletReportPdf::tr("Pallet report · workspace %1 · %2").arg(report.workspaceName(), timeText(generated)));
    p.setPen(QPen(kRule, mm(0.25)));
    p.drawLine(QPointF(0, h + mm(1.5)), QPointF(l.width, h + mm(1.5)));
}

void drawFooter(QPainter &p, const Layout &l, int page, int pages, const QString &workspace)
{
    const qreal top = l.height - l.footerHeight + mm(2.5);
    const QRectF rect(0, top, l.width, l.footerHeight - mm(2.5));
    p.setPen(QPen(kRule, mm(0.25)));
    p.drawLine(QPointF(0, top - mm(1)), QPointF(l.width, top - mm(1)));
    p.setPen(kMuted);
    drawText(p, l, QRectF(rect.left(), rect.top(), rect.width() * 0.7, rect.height()), l.footer,
             PalletReportPdf::tr("Netboot Console · workspace %1").arg(workspace));
    drawText(p, l, rect, l.footer, PalletReportPdf::tr("Page %1 of %2").arg(page).arg(pages), Qt::AlignRight);
}

// The x positions of the columns' edges, from their weights.
QList<qreal> columnEdges(const QList<Column> &columns, qreal width)
{
    qreal total = 0;
    for (const Column &c : columns)
        total += c.weight;
    QList<qreal> edges{0};
    for (const Column &c : columns)
        edges << edges.last() + width * c.weight / total;
    return edges;
}

qreal drawTableHead(QPainter &p, const Layout &l, const QList<Column> &columns, const QList<qreal> &edges, qreal y)
{
    p.setPen(Qt::NoPen);
    p.setBrush(kHeaderFill);
    p.drawRect(QRectF(0, y, l.width, l.headHeight));
    p.setPen(kInk);
    const qreal pad = mm(1.2);
    for (qsizetype c = 0; c < columns.size(); ++c) {
        const QRectF cellRect(edges.at(c) + pad, y, edges.at(c + 1) - edges.at(c) - 2 * pad, l.headHeight);
        drawText(p, l, cellRect, l.tableHead, columns.at(c).title, columns.at(c).align);
    }
    p.setPen(QPen(kMuted, mm(0.3)));
    p.drawLine(QPointF(0, y + l.headHeight), QPointF(l.width, y + l.headHeight));
    return y + l.headHeight;
}

void drawRow(QPainter &p, const Layout &l, const QList<Column> &columns, const QList<qreal> &edges, qreal y,
             int number, const PalletRow &row)
{
    if (number % 2 == 0) {
        p.setPen(Qt::NoPen);
        p.setBrush(kStripe);
        p.drawRect(QRectF(0, y, l.width, l.rowHeight));
    }
    const QStringList texts = rowTexts(number, row);
    const qreal pad = mm(1.2);
    for (qsizetype c = 0; c < columns.size(); ++c) {
        QRectF cellRect(edges.at(c) + pad, y, edges.at(c + 1) - edges.at(c) - 2 * pad, l.rowHeight);
        if (c == kStageColumn) {
            // The stage's colour as a dot before its name, as in the window.
            const qreal dot = mm(1.8);
            p.setPen(Qt::NoPen);
            p.setBrush(StageStyle::color(row.stage));
            p.drawEllipse(QRectF(cellRect.left(), y + (l.rowHeight - dot) / 2, dot, dot));
            cellRect.setLeft(cellRect.left() + dot + mm(1.2));
        }
        p.setPen(c == 0 ? kMuted : kInk);
        drawText(p, l, cellRect, l.cell, texts.at(c), columns.at(c).align, columns.at(c).elide);
    }
    p.setPen(QPen(kStripe.darker(108), mm(0.15)));
    p.drawLine(QPointF(0, y + l.rowHeight), QPointF(l.width, y + l.rowHeight));
}

} // namespace

QString PalletReportPdf::durationText(qint64 seconds)
{
    if (seconds < 0)
        return {};
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    if (seconds < 3600)
        return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60, 2, 10, QLatin1Char('0'));
}

bool PalletReportPdf::write(const PalletReport &report, const QString &path, QString *error, int *pages)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    int pageCount = 0;
    {
        QPdfWriter writer(&file);
        writer.setResolution(kDpi);
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Landscape,
                                         QMarginsF(kMarginMm, kMarginMm, kMarginMm, kMarginMm),
                                         QPageLayout::Millimeter));
        writer.setTitle(tr("Pallet report: %1").arg(report.workspaceName()));
        writer.setCreator(QStringLiteral("Netboot Console"));
        QPainter painter;
        if (!painter.begin(&writer)) {
            if (error)
                *error = tr("Cannot draw the PDF %1.").arg(QDir::toNativeSeparators(path));
            file.cancelWriting();
            return false;
        }
        painter.setRenderHint(QPainter::Antialiasing);
        const Layout layout(&writer);
        const QList<Column> columns = tableColumns();
        const QList<qreal> edges = columnEdges(columns, layout.width);
        const QList<PalletRow> &rows = report.rows();
        pageCount = layout.pagesFor(rows.size());
        qsizetype next = 0;
        for (int page = 1; page <= pageCount; ++page) {
            if (page > 1)
                writer.newPage();
            qreal y = 0;
            if (page == 1) {
                drawSummary(painter, layout, report);
                y = layout.firstTop;
            } else {
                drawRunningHead(painter, layout, report);
                y = layout.otherTop;
            }
            y = drawTableHead(painter, layout, columns, edges, y);
            const qsizetype end = std::min(rows.size(), next + layout.rowsPerPage(page == 1));
            for (; next < end; ++next) {
                drawRow(painter, layout, columns, edges, y, int(next + 1), rows.at(next));
                y += layout.rowHeight;
            }
            if (rows.isEmpty()) {
                painter.setPen(kMuted);
                drawText(painter, layout, QRectF(0, y + mm(2), layout.width, layout.rowHeight), layout.body,
                         tr("The inventory has no machines yet: they appear once they network-boot."),
                         Qt::AlignHCenter);
            }
            drawFooter(painter, layout, page, pageCount, report.workspaceName());
        }
        painter.end();
    }
    if (!file.commit()) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    if (pages)
        *pages = pageCount;
    return true;
}

bool writePalletReport(const PalletReport &report, const QString &dir, QString *error)
{
    if (!report.writeCsv(dir, error))
        return false;
    return PalletReportPdf::write(report, QDir(dir).filePath(PalletReport::pdfFileName()), error);
}

} // namespace Nbc::Ui
