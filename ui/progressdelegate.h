#pragma once

#include <QStyledItemDelegate>

namespace Nbc::Ui {

// A download's progress: the text ("12.3 MiB/s, ETA 0:07") in the cell's own text colour
// with a thin bar under it, so no part of the text ever sits on the bar's fill. Between
// downloads the cell shows what was fetched last ("vmlinuz done") as plain text.
class ProgressDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    static QString rateText(qint64 bytes, qint64 total, qint64 rate);
    static QString etaText(qint64 seconds);

    // Where the text and the bar go inside a cell; they never overlap.
    static QRect barRect(const QRect &cell, const QFontMetrics &fm);
    static QRect textRect(const QRect &cell, const QFontMetrics &fm);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace Nbc::Ui
