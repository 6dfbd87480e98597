#include "mainwindow.h"

#include <QIcon>
#include <QLabel>

namespace Nbc::Ui {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Netboot Console"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/netboot-console.svg")));
    auto *label = new QLabel(tr("Netboot Console"), this);
    label->setAlignment(Qt::AlignCenter);
    setCentralWidget(label);
    resize(1100, 700);
}

} // namespace Nbc::Ui
