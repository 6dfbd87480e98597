#include "choicerow.h"

#include <QBoxLayout>
#include <QButtonGroup>
#include <QRadioButton>

namespace Nbc::Ui {

QButtonGroup *addChoiceRow(QWidget *owner, QBoxLayout *layout, const QList<ChoiceButton> &choices)
{
    auto *group = new QButtonGroup(owner);
    auto *row = new QHBoxLayout;
    for (const ChoiceButton &choice : choices) {
        auto *button = new QRadioButton(choice.text, owner);
        button->setObjectName(QLatin1String(choice.objectName));
        group->addButton(button, choice.id);
        row->addWidget(button);
    }
    row->addStretch();
    layout->addLayout(row);
    return group;
}

} // namespace Nbc::Ui
