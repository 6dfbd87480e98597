#pragma once

#include <QStyledItemDelegate>

namespace Nbc::Ui {

// A machine's stage as a step indicator: the stage icon (each has its own glyph), a row
// of steps filled up to where the machine is, and the stage's name: colour helps, but
// never carries the meaning alone.
class StageDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    // The width a cell needs to show `text` whole, next to the icon and the steps.
    static int widthFor(const QFontMetrics &fm, const QString &text);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace Nbc::Ui
