#pragma once

#include "session/consolesession.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace Nbc::Ui {

// "Assign by power-on order": a config and a hostname pattern ("rack1-{n:02}") for the
// next N machines the console sees for the first time, in the order they are powered on.
class AssignQueueDialog : public QDialog
{
    Q_OBJECT
public:
    // configIds: the assignable configs, "configs/worker.yaml".
    AssignQueueDialog(const QStringList &configIds, QWidget *parent = nullptr);

    QList<ConsoleSession::QueueEntry> entries() const;
    QLineEdit *patternEdit() const { return m_pattern; }
    QSpinBox *countSpin() const { return m_count; }
    QSpinBox *firstSpin() const { return m_first; }
    QComboBox *configCombo() const { return m_config; }
    QString preview() const;

private:
    void updatePreview();
    QComboBox *m_config = nullptr;
    QLineEdit *m_pattern = nullptr;
    QSpinBox *m_first = nullptr;
    QSpinBox *m_count = nullptr;
    QLabel *m_preview = nullptr;
};

} // namespace Nbc::Ui
