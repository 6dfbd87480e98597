#pragma once

#include <QMainWindow>

namespace Nbc::Ui {

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
};

} // namespace Nbc::Ui
