#include "configdelegate.h"

#include "configlistmodel.h"

#include "talos/machineconfig.h"

#include <QApplication>
#include <QPainter>
#include <QStyle>

namespace Nbc::Ui {

void ConfigDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QIcon icon = opt.icon;
    const QString name = opt.text;
    opt.text.clear();
    opt.icon = QIcon();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const bool selected = option.state & QStyle::State_Selected;
    const QColor text = option.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    const QFontMetrics fm(option.font);
    const QRect r = option.rect.adjusted(6, 4, -6, -4);
    const int line = fm.height();

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const int iconSize = 2 * line;
    icon.paint(painter, QRect(r.left(), r.top() + (r.height() - iconSize) / 2, iconSize, iconSize));
    const int x = r.left() + iconSize + 8;

    QFont bold = option.font;
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(text);
    painter->drawText(QRect(x, r.top(), r.right() - x, line), Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(bold).elidedText(name, Qt::ElideMiddle, r.right() - x));

    // Second line: [role] cluster · valid / why not
    const auto role = static_cast<Talos::MachineRole>(index.data(ConfigListModel::MachineRoleRole).toInt());
    const QString roleName = index.data(ConfigListModel::RoleNameRole).toString();
    QFont small = option.font;
    small.setPointSizeF(option.font.pointSizeF() * 0.9);
    const QFontMetrics sfm(small);
    painter->setFont(small);
    const int y = r.top() + line + 2;
    const QColor badge = role == Talos::MachineRole::ControlPlane ? QColor(0x5b, 0x2c, 0x6f)
                       : role == Talos::MachineRole::Worker        ? QColor(0x11, 0x7a, 0x65)
                                                                    : QColor(0x7f, 0x8c, 0x8d);
    const QRect badgeRect(x, y, sfm.horizontalAdvance(roleName) + 10, sfm.height() + 2);
    painter->setPen(Qt::NoPen);
    painter->setBrush(badge);
    painter->drawRoundedRect(badgeRect, 4, 4);
    painter->setPen(Qt::white);
    painter->drawText(badgeRect, Qt::AlignCenter, roleName);

    const bool assignable = index.data(ConfigListModel::AssignableRole).toBool();
    const bool valid = index.data(ConfigListModel::ValidRole).toBool();
    const QString cluster = index.data(ConfigListModel::ClusterRole).toString();
    QString status = valid ? tr("valid") : assignable ? tr("needs an install disk per machine") : tr("invalid: cannot be assigned");
    const QString rest = cluster.isEmpty() ? status : tr("%1 · %2").arg(cluster, status);
    painter->setPen(!assignable ? (selected ? text : QColor(0xc0, 0x39, 0x2b)) : text);
    const int restX = badgeRect.right() + 6;
    painter->drawText(QRect(restX, y, r.right() - restX, badgeRect.height()), Qt::AlignLeft | Qt::AlignVCenter,
                      sfm.elidedText(rest, Qt::ElideRight, r.right() - restX));
    painter->restore();
}

QSize ConfigDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    Q_UNUSED(index);
    const QFontMetrics fm(option.font);
    return QSize(220, 2 * fm.height() + 14);
}

} // namespace Nbc::Ui
