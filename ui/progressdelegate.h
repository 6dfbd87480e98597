#pragma once

#include <QStyledItemDelegate>

namespace Nbc::Ui {

// A download's progress: a bar with "12.3 MiB/s, ETA 0:07" on it, only while it runs.
class ProgressDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    static QString rateText(qint64 bytes, qint64 total, qint64 rate);
    static QString etaText(qint64 seconds);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace Nbc::Ui
