#include "progressdelegate.h"

#include "machinetablemodel.h"

#include <QApplication>
#include <QLocale>
#include <QPainter>
#include <QStyle>
#include <QStyleOptionProgressBar>

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

void ProgressDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const double fraction = index.data(MachineTableModel::ProgressRole).toDouble();
    const QString text = index.data(Qt::DisplayRole).toString();
    if (fraction < 0 && text.isEmpty()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    // Background and selection as any cell, then the bar inset so rows stay readable.
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    QStyleOptionProgressBar bar;
    bar.rect = option.rect.adjusted(2, 2, -2, -2);
    bar.state = option.state | QStyle::State_Horizontal;
    bar.direction = option.direction;
    bar.fontMetrics = option.fontMetrics;
    bar.palette = option.palette;
    bar.minimum = 0;
    bar.maximum = fraction < 0 ? 0 : 1000;   // 0..0: busy, size unknown
    bar.progress = fraction < 0 ? 0 : int(fraction * 1000);
    bar.text = bar.fontMetrics.elidedText(text, Qt::ElideRight, bar.rect.width() - 4);
    bar.textVisible = true;
    bar.textAlignment = Qt::AlignCenter;
    style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
}

QSize ProgressDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(std::max(size.width(), option.fontMetrics.horizontalAdvance(QStringLiteral("888.8 MiB/s, ETA 88:88")) + 16));
    return size;
}

} // namespace Nbc::Ui
