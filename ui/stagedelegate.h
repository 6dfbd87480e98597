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

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace Nbc::Ui
