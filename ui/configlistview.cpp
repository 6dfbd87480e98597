#include "configlistview.h"

#include <QDrag>
#include <QMimeData>
#include <QPainter>
#include <QPixmap>

namespace Nbc::Ui {

ConfigListView::ConfigListView(QWidget *parent)
    : QListView(parent)
{
}

void ConfigListView::startDrag(Qt::DropActions supportedActions)
{
    const QModelIndexList indexes = selectedIndexes();
    if (indexes.isEmpty() || !model())
        return;
    QMimeData *data = model()->mimeData(indexes);
    if (!data)
        return;
    const QString name = indexes.first().data(Qt::DisplayRole).toString().section(u'\n', 0, 0);
    const QFontMetrics fm = fontMetrics();
    const qreal ratio = devicePixelRatioF();
    const QSize size(fm.horizontalAdvance(name) + 24, fm.height() + 10);
    QPixmap pixmap(size * ratio);
    pixmap.setDevicePixelRatio(ratio);
    pixmap.fill(Qt::transparent);
    {
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(palette().color(QPalette::Highlight));
        painter.setBrush(palette().color(QPalette::Base));
        painter.drawRoundedRect(QRectF(0.5, 0.5, size.width() - 1, size.height() - 1), 4, 4);
        painter.setPen(palette().color(QPalette::Text));
        painter.drawText(QRect(QPoint(0, 0), size), Qt::AlignCenter, name);
    }
    auto *drag = new QDrag(this);
    drag->setMimeData(data);
    drag->setPixmap(pixmap);
    // Below and right of the pointer: the row the pointer is on is not covered.
    drag->setHotSpot(QPoint(-14, -14));
    drag->exec(supportedActions, defaultDropAction());
}

} // namespace Nbc::Ui
