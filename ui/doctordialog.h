#pragma once

#include "model/ports.h"

#include <QDialog>

class QComboBox;
class QPlainTextEdit;
class QPushButton;

namespace Nbc::Doctor {
class NetworkDoctor;
struct DoctorReport;
}

namespace Nbc::Ui {

// The network doctor at any time (Services ▸ Network doctor…): the same report as
// `netboot-console --doctor --interface IF`.
class DoctorDialog : public QDialog
{
    Q_OBJECT
public:
    DoctorDialog(const QString &interfaceName, const Ports &ports, QWidget *parent = nullptr);
    void run();
    void setProbeTimeout(int ms) { m_timeoutMs = ms; }

Q_SIGNALS:
    void reportReady(const QString &text);

private:
    void showReport(const Doctor::DoctorReport &report);

    Ports m_ports;
    int m_timeoutMs = 6000;
    QComboBox *m_interface = nullptr;
    QPushButton *m_run = nullptr;
    QPlainTextEdit *m_text = nullptr;
    Doctor::NetworkDoctor *m_doctor = nullptr;
};

} // namespace Nbc::Ui
