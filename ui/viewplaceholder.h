#pragma once

#include <QObject>
#include <QPointer>
#include <QWidget>

#include <functional>

class QAbstractItemView;

namespace Nbc::Ui {

// Muted, centred text in an item view's viewport while the view has no rows: what the
// empty view is for and how it fills, instead of a blank white area on a first start.
class ViewPlaceholder : public QObject
{
    Q_OBJECT
public:
    // `text` is asked at each paint, so it can depend on why the view is empty.
    ViewPlaceholder(QAbstractItemView *view, std::function<QString()> text);

    // What the view shows now: empty while the view has rows.
    QString text() const;
    bool isShown() const { return !text().isEmpty(); }
    // Paint again: something the text depends on, but the view does not watch, changed.
    void update();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QAbstractItemView *m_view;
    // The viewport, kept apart from the view: while the view is being destroyed its
    // QAbstractScrollArea part is already gone, and the viewport (a child deleted by
    // ~QWidget) still sends events here. Nothing in eventFilter may call into m_view
    // before this pointer has matched a paint event.
    QPointer<QWidget> m_viewport;
    std::function<QString()> m_text;
};

} // namespace Nbc::Ui
