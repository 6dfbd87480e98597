#pragma once

#include <QListView>

namespace Nbc::Ui {

// The config library's list. Its drag image is a small label beside the pointer, so the
// machine row under the pointer stays in view while a config is dragged onto it.
class ConfigListView : public QListView
{
    Q_OBJECT
public:
    explicit ConfigListView(QWidget *parent = nullptr);

protected:
    void startDrag(Qt::DropActions supportedActions) override;
};

} // namespace Nbc::Ui
