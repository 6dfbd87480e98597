#pragma once

#include <QList>
#include <QString>

class QBoxLayout;
class QButtonGroup;
class QWidget;

namespace Nbc::Ui {

struct ChoiceButton {
    int id;                   // the group's id for it (an enum's value)
    QString text;             // with its mnemonic
    const char *objectName;   // how tests and tools find it
};

// A row of radio buttons in one exclusive group, added to `layout`: "where from" choices
// above a stacked page per choice (the wizard's Talos source, its config source).
QButtonGroup *addChoiceRow(QWidget *owner, QBoxLayout *layout, const QList<ChoiceButton> &choices);

} // namespace Nbc::Ui
