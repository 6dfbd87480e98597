#pragma once

#include <QStyledItemDelegate>

namespace Nbc::Ui {

// A library entry on two lines: the file name, then a role badge (control plane /
// worker, in words), the cluster and whether it can be assigned.
class ConfigDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace Nbc::Ui
