#include "progressdelegate.h"

#include "machinetablemodel.h"

#include <QApplication>
#include <QLocale>
#include <QPainter>
#include <QStyle>

#include <algorithm>

namespace Nbc::Ui {

QString ProgressDelegate::etaText(qint64 seconds)
{
    if (seconds < 0)
        return {};
    const qint64 h = seconds / 3600, m = (seconds / 60) % 60, s = seconds % 60;
    if (h > 0)
        return QStringLiteral("%1:%2:%3").arg(h).arg(m, 2, 10, QLatin1Char('0')).arg(s, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(m).arg(s, 2, 10, QLatin1Char('0'));
}

QString ProgressDelegate::rateText(qint64 bytes, qint64 total, qint64 rate)
{
    const QLocale locale;
    QString text;
    if (rate > 0) {
        text = tr("%1/s").arg(locale.formattedDataSize(rate, 1, QLocale::DataSizeIecFormat));
        if (total > 0 && bytes >= 0 && bytes <= total)
            text = tr("%1, ETA %2").arg(text, etaText((total - bytes + rate - 1) / rate));
    } else if (bytes >= 0) {
        text = total > 0 ? tr("%1 of %2").arg(locale.formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat),
                                              locale.formattedDataSize(total, 1, QLocale::DataSizeIecFormat))
                         : locale.formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
    }
    return text;
}

QRect ProgressDelegate::barRect(const QRect &cell, const QFontMetrics &fm)
{
    // A quarter of a text line: thick enough to read at a glance, thin enough to leave
    // the line of text above it whole. Logical pixels, so it scales with the screen.
    const int height = std::max(3, fm.height() / 4);
    const QRect inner = cell.adjusted(4, 2, -4, -3);
    return QRect(inner.left(), inner.bottom() - height + 1, inner.width(), height);
}

QRect ProgressDelegate::textRect(const QRect &cell, const QFontMetrics &fm)
{
    const QRect bar = barRect(cell, fm);
    const QRect inner = cell.adjusted(4, 1, -4, 0);
    return QRect(inner.left(), inner.top(), inner.width(), std::max(0, bar.top() - 1 - inner.top()));
}

void ProgressDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (!index.data(MachineTableModel::DownloadingRole).toBool()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    const double fraction = index.data(MachineTableModel::ProgressRole).toDouble();
    const QString text = index.data(Qt::DisplayRole).toString();

    // Background and selection as any cell.
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    const bool selected = option.state & QStyle::State_Selected;
    const QColor textColor = option.palette.color(option.state & QStyle::State_Enabled ? QPalette::Normal
                                                                                       : QPalette::Disabled,
                                                  selected ? QPalette::HighlightedText : QPalette::Text);
    const QFontMetrics fm(option.font);
    const QRect bar = barRect(option.rect, fm);
    const QRect label = textRect(option.rect, fm);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    // On a selected row the highlight is already the accent colour: the bar takes the
    // highlighted text's colour there so it stays visible.
    QColor fill = selected ? textColor : option.palette.color(QPalette::Highlight);
    QColor track = fill;
    track.setAlphaF(0.25);
    const qreal radius = bar.height() / 2.0;
    painter->setPen(Qt::NoPen);
    painter->setBrush(track);
    painter->drawRoundedRect(QRectF(bar), radius, radius);
    if (fraction >= 0) {
        QRectF done(bar);
        done.setWidth(bar.width() * std::clamp(fraction, 0.0, 1.0));
        painter->setBrush(fill);
        painter->drawRoundedRect(done, radius, radius);
    } else {
        // Size unknown: a hatched bar says "busy" without claiming a fraction.
        painter->setBrush(QBrush(fill, Qt::BDiagPattern));
        painter->drawRoundedRect(QRectF(bar), radius, radius);
    }
    painter->setFont(option.font);
    painter->setPen(textColor);
    painter->drawText(label, Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(text, Qt::ElideRight, label.width()));
    painter->restore();
}

QSize ProgressDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    const QFontMetrics fm(option.font);
    size.setWidth(std::max(size.width(), fm.horizontalAdvance(QStringLiteral("888.8 MiB/s, ETA 88:88")) + 16));
    // A line of text, the gap and the bar.
    size.setHeight(std::max(size.height(), fm.height() + std::max(3, fm.height() / 4) + 6));
    return size;
}

} // namespace Nbc::Ui
