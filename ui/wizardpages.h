#pragma once

// The first-run wizard's pages; private to the wizard and its tests.

#include "doctor/networkdoctor.h"
#include "model/ports.h"
#include "session/setupplan.h"

#include <QWizardPage>

#include <memory>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;
class QStackedWidget;
class QTemporaryDir;
class QTreeWidget;

namespace Nbc::Talos {
class TalosctlGenerator;
}

namespace Nbc::Ui {

class ArtifactPicker;
class FirstRunWizard;

// 1. Which interface the machines are on: wired with a cable recommended; Wi-Fi,
// virtual, bridge, down and address-less ones flagged.
class NetworkPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit NetworkPage(QWidget *parent = nullptr);
    bool isComplete() const override;
    QString interfaceName() const;
    Doctor::InterfaceInfo interface() const;
    void refresh();

private:
    QTreeWidget *m_list = nullptr;
    QList<Doctor::InterfaceInfo> m_interfaces;
};

// 2. Who else is on the wire, what holds the ports, whether this binary may bind them:
// the network doctor's report, and the mode it recommends.
class DoctorPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit DoctorPage(FirstRunWizard *wizard);
    void initializePage() override;
    bool isComplete() const override;

    DhcpMode mode() const;
    QString dhcpRange() const;
    bool highPorts() const;
    bool isRunning() const { return m_running; }
    const Doctor::DoctorReport &report() const { return m_report; }
    void runDoctor();

private:
    void showReport(const Doctor::DoctorReport &report);
    void grantPermission();

    FirstRunWizard *m_wizard;
    Doctor::NetworkDoctor *m_doctor = nullptr;
    Doctor::DoctorReport m_report;
    QString m_checkedInterface;
    bool m_running = false;
    bool m_done = false;
    QPlainTextEdit *m_text = nullptr;
    QLabel *m_verdict = nullptr;
    QRadioButton *m_proxy = nullptr;
    QRadioButton *m_full = nullptr;
    QLineEdit *m_range = nullptr;
    QLabel *m_permission = nullptr;
    QPushButton *m_grant = nullptr;
    QLineEdit *m_command = nullptr;
    QCheckBox *m_highPorts = nullptr;
    QPushButton *m_again = nullptr;
};

// 3. Talos kernel and initramfs (ISO, Image Factory or two files) and the iPXE binaries.
class ArtifactsPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit ArtifactsPage(FirstRunWizard *wizard);
    bool isComplete() const override;
    ArtifactPicker *picker() const { return m_picker; }
    QString ipxeBios() const;
    QString ipxeUefi() const;

private:
    void updateIpxe();

    ArtifactPicker *m_picker = nullptr;
    QLabel *m_ipxeStatus = nullptr;
    QLineEdit *m_bios = nullptr;
    QLineEdit *m_uefi = nullptr;
};

// 4. Machine configs: import a `talosctl gen config` folder, generate one with talosctl,
// or skip; and what machines without a config do.
class ConfigSourcePage : public QWizardPage
{
    Q_OBJECT
public:
    enum class Source { Import, Generate, Skip };
    explicit ConfigSourcePage(FirstRunWizard *wizard);
    ~ConfigSourcePage() override;
    void initializePage() override;
    bool isComplete() const override;

    Source source() const;
    // The folder the plan imports from: the chosen one, or talosctl's output.
    QString configsFolder() const;
    UnassignedPolicy unassigned() const;
    bool isGenerating() const;

private:
    void preview(const QString &dir);
    void generate();

    FirstRunWizard *m_wizard;
    QButtonGroup *m_sources = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLineEdit *m_folder = nullptr;
    QLineEdit *m_cluster = nullptr;
    QLineEdit *m_endpoint = nullptr;
    QLineEdit *m_disk = nullptr;
    QPushButton *m_generate = nullptr;
    QLabel *m_talosctlNote = nullptr;
    QPlainTextEdit *m_preview = nullptr;
    QComboBox *m_unassigned = nullptr;
    Talos::TalosctlGenerator *m_generator = nullptr;
    std::unique_ptr<QTemporaryDir> m_generated;
    QString m_previewedFolder;
    bool m_previewOk = false;
};

// 5. What will be written, then written at once.
class SummaryPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit SummaryPage(FirstRunWizard *wizard);
    void initializePage() override;
    bool validatePage() override;

private:
    FirstRunWizard *m_wizard;
    QLabel *m_text = nullptr;
    QLabel *m_error = nullptr;
};

} // namespace Nbc::Ui
