#include "viewplaceholder.h"

#include <QAbstractItemView>
#include <QEvent>
#include <QPainter>

namespace Nbc::Ui {

ViewPlaceholder::ViewPlaceholder(QAbstractItemView *view, std::function<QString()> text)
    : QObject(view)
    , m_view(view)
    , m_viewport(view->viewport())
    , m_text(std::move(text))
{
    m_viewport->installEventFilter(this);
}

QString ViewPlaceholder::text() const
{
    const QAbstractItemModel *model = m_view->model();
    if (model && model->rowCount(m_view->rootIndex()) > 0)
        return {};
    return m_text ? m_text() : QString();
}

void ViewPlaceholder::update()
{
    if (m_viewport)
        m_viewport->update();
}

bool ViewPlaceholder::eventFilter(QObject *watched, QEvent *event)
{
    // Drawn before the view's own paint, which draws nothing over it without rows; the
    // background is already filled by then.
    // Type first, then identity, and only through m_viewport: a paint never reaches a
    // viewport whose view is being destroyed, every other event may.
    if (event->type() == QEvent::Paint && watched == m_viewport.data()) {
        const QString shown = text();
        if (!shown.isEmpty()) {
            QWidget *viewport = m_viewport.data();
            QPainter painter(viewport);
            painter.setPen(viewport->palette().color(QPalette::PlaceholderText));   // as a line edit's placeholder
            const int margin = viewport->fontMetrics().height();
            // Narrow views (the library dock) wrap; wide ones keep the text to a readable measure.
            const int width = std::min(viewport->width() - 2 * margin, 40 * margin);
            QRect area(0, 0, std::max(width, margin), viewport->height() - 2 * margin);
            area.moveCenter(viewport->rect().center());
            painter.drawText(area, Qt::AlignCenter | Qt::TextWordWrap, shown);
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace Nbc::Ui
