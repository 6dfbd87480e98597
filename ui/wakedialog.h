#pragma once

#include "inventory/wakescheduler.h"

#include <QDialog>

class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace Nbc::Ui {

// The progress of a staggered Wake-on-LAN: "Waking 60 machines: batch 2 of 6, 14 woken",
// how many machines go at a time and how long a batch may take (both remembered by the
// window, applied from the next batch), and Cancel. Non-modal; the run goes on when it is
// closed.
class WakeDialog : public QDialog
{
    Q_OBJECT
public:
    explicit WakeDialog(WakeScheduler *scheduler, QWidget *parent = nullptr);

    // The window's settings (QSettings "wake/batchSize", "wake/batchTimeoutSeconds").
    static int savedBatchSize();
    static int savedBatchTimeoutSeconds();

    QString text() const;

private:
    void showProgress(const WakeScheduler::Progress &progress);

    WakeScheduler *m_scheduler;
    QLabel *m_text = nullptr;
    QProgressBar *m_bar = nullptr;
    QSpinBox *m_batchSize = nullptr;
    QSpinBox *m_timeout = nullptr;
    QPushButton *m_cancel = nullptr;
};

} // namespace Nbc::Ui
