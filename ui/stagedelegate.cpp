#include "stagedelegate.h"

#include "machinetablemodel.h"
#include "stagestyle.h"

#include <QApplication>
#include <QPainter>
#include <QStyle>

namespace Nbc::Ui {

namespace {

constexpr int kDot = 5;       // step mark size, in device-independent pixels
constexpr int kDotGap = 2;
constexpr int kGap = 6;       // between icon, steps and text
constexpr int kIcon = 18;

int stepsWidth()
{
    return StageStyle::kSteps * kDot + (StageStyle::kSteps - 1) * kDotGap;
}

} // namespace

void StageDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    opt.icon = QIcon();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const auto stage = static_cast<Stage>(index.data(MachineTableModel::StageRole).toInt());
    const int step = index.data(MachineTableModel::StepRole).toInt();
    const QColor color = StageStyle::color(stage);
    const QRect r = option.rect.adjusted(4, 0, -4, 0);
    const int iconSize = std::min(r.height() - 4, kIcon);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    int x = r.left();
    StageStyle::icon(stage).paint(painter, QRect(x, r.center().y() - iconSize / 2, iconSize, iconSize));
    x += iconSize + kGap;

    // Steps done are filled, the current one is larger, a problem stage marks its step
    // with its own colour and an outline.
    const int cy = r.center().y();
    // On a selected row the highlight may be the stage's own blue: marks take the
    // highlighted text's colour there.
    const bool selectedRow = option.state & QStyle::State_Selected;
    const QColor pending = selectedRow ? option.palette.color(QPalette::HighlightedText) : option.palette.color(QPalette::Mid);
    const QColor mark = selectedRow ? option.palette.color(QPalette::HighlightedText) : color;
    for (int i = 0; i < StageStyle::kSteps; ++i) {
        const QRectF dot(x + i * (kDot + kDotGap), cy - kDot / 2.0, kDot, kDot);
        if (i < step) {
            painter->setPen(Qt::NoPen);
            painter->setBrush(StageStyle::isProblem(stage) ? pending.darker(130) : mark);
            painter->drawEllipse(dot);
        } else if (i == step) {
            painter->setPen(StageStyle::isProblem(stage) ? QPen(color.darker(140), 1.5) : Qt::NoPen);
            painter->setBrush(StageStyle::isProblem(stage) ? color : mark);
            painter->drawEllipse(dot.adjusted(-1, -1, 1, 1));
        } else {
            painter->setPen(QPen(pending, 1));
            painter->setBrush(Qt::NoBrush);
            painter->drawEllipse(dot.adjusted(0.5, 0.5, -0.5, -0.5));
        }
    }
    x += stepsWidth() + kGap;

    const QRect textRect(x, r.top(), r.right() - x, r.height());
    const bool selected = option.state & QStyle::State_Selected;
    painter->setPen(selected ? option.palette.color(QPalette::HighlightedText)
                             : (StageStyle::isProblem(stage) ? color.darker(115) : option.palette.color(QPalette::Text)));
    QFont font = option.font;
    if (StageStyle::isProblem(stage))
        font.setBold(true);
    painter->setFont(font);
    painter->drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft,
                      QFontMetrics(font).elidedText(text, Qt::ElideRight, textRect.width()));
    painter->restore();
}

int StageDelegate::widthFor(const QFontMetrics &fm, const QString &text)
{
    return 4 + kIcon + kGap + stepsWidth() + kGap + fm.horizontalAdvance(text) + 8;
}

QSize StageDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(widthFor(option.fontMetrics, index.data(Qt::DisplayRole).toString()));
    size.setHeight(std::max(size.height(), kIcon + 4));
    return size;
}

} // namespace Nbc::Ui
