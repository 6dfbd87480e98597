#pragma once

#include "session/consolesession.h"

#include <QMainWindow>
#include <QMessageBox>

class QAction;
class QComboBox;
class QDialog;
class QLabel;
class QLineEdit;
class QListView;
class QMenu;
class QPushButton;
class QToolButton;
class QUndoStack;

namespace Nbc::Talos {
class ConfigLibrary;
}

namespace Nbc::Ui {

class Assigner;
class ConfigListModel;
class MachineDetailDock;
class MachineFilterModel;
class MachineTableModel;
class MachineTableView;
class PiFolderActions;
class ServicesPanel;
class ViewPlaceholder;

// The console window: toolbar (services, mode, interface, workspace), the live machine
// table with its filter, the config library (drag sources), the services panel and the
// machine detail dock. Works on a session that may not have started: then it shows why
// and lets the user pick the interface.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(ConsoleSession *session, QWidget *parent = nullptr);
    ~MainWindow() override;

    // open() failed with this message (no interface chosen ...); empty when it worked.
    void setOpenError(const QString &error);
    // The demo's note in the title and status bar.
    void setDemoNote(const QString &note);
    // Tests and tools reach the window's parts by objectName (findChild), not by getters:
    // machineTable, machineModel, machineFilterModel, configList, configModel,
    // configPlaceholder, undoStack, machineDetailDock, machineFilter, servicesPanel,
    // stageFilter, interfaceCombo, modeCombo and the <name>Action actions.

    // The context menu of the machine table for the current selection (shown non-modal).
    QMenu *showMachineMenu(const QPoint &viewportPos);
    // The Assign… dialog for the selection (window-modal, not blocking).
    void openAssignDialog();
    // Assigns a config of the library to the table's selection (Enter in the library),
    // validated as a drop is; false, with the reason in the status bar, when refused.
    bool assignFromLibrary(const QModelIndex &config);

    void showStatus(const QString &message, int timeoutMs = 8000);

    // The first-run wizard again (File ▸ Set up…), window-modal; its plan is applied to
    // this session. Returns the wizard (it deletes itself when closed).
    class FirstRunWizard *openSetupWizard();
    // File ▸ Artefacts…: sets, default, add from files / ISO / Image Factory, remove.
    QDialog *openArtifactsDialog();
    // Services ▸ Network doctor….
    QDialog *openDoctorDialog();
    // Config library: Import configs… (asks for the folder when `dir` is empty) and
    // Generate configs… (talosctl).
    void importConfigs(const QString &dir = QString());
    QDialog *openGenerateDialog();

protected:
    void closeEvent(QCloseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildActions();
    void buildSetupActions();
    void buildToolbar();
    void buildCentral();
    void buildDocks();
    void buildMenus();
    void buildTabOrder();
    void restoreLayout();
    void saveLayout();
    void updateActions();
    void updateServiceActions();
    void fillInterfaces();
    void chooseInterface(int index);
    void chooseMode(int index);
    void startServices();
    void stopServices();
    // Two simulated machines boot against this workspace's files; the result in a box.
    void runPreflight();
    // A modal question with Cancel as the default; true when the person accepts.
    bool askFirst(const QString &name, QMessageBox::Icon icon, const QString &title, const QString &text,
                  const QString &details, const QString &acceptText, const QString &acceptName);
    void clearAssignment();
    void reinstall();
    void wake();
    void forget();
    void updateCount();
    QString currentInterface() const;
    // What the services panel and the status bar say about a failed open(): the window's
    // own words where the command line's would send a person to flags and YAML keys.
    QString openProblem(const QString &error) const;
    QStringList selectedMacs() const;

    ConsoleSession *m_session;
    QString m_openError;
    bool m_opened = true;

    QUndoStack *m_undoStack;
    Talos::ConfigLibrary *m_library = nullptr;
    Assigner *m_assigner = nullptr;
    PiFolderActions *m_piFolders = nullptr;
    MachineTableModel *m_machines = nullptr;
    MachineFilterModel *m_filter = nullptr;
    MachineTableView *m_table = nullptr;
    ConfigListModel *m_configs = nullptr;
    QListView *m_configView = nullptr;
    ViewPlaceholder *m_configPlaceholder = nullptr;
    QPushButton *m_openConfigsButton = nullptr;
    ServicesPanel *m_services = nullptr;
    MachineDetailDock *m_detail = nullptr;
    class AttentionBar *m_attention = nullptr;
    class FleetBar *m_fleetBar = nullptr;
    QAction *m_identifyAction = nullptr;
    QAction *m_queueAction = nullptr;
    QAction *m_preflightAction = nullptr;
    QLabel *m_queueLabel = nullptr;
    bool m_userLayout = false;     // the docks are where the person put them (saved state)
    bool m_narrowLayout = false;   // the machine dock shares the left side with the library
    QLineEdit *m_filterEdit = nullptr;
    QComboBox *m_stageFilter = nullptr;
    QComboBox *m_interfaceCombo = nullptr;
    QComboBox *m_modeCombo = nullptr;
    QToolButton *m_workspaceButton = nullptr;
    QLabel *m_countLabel = nullptr;
    QLabel *m_statusLabel = nullptr;
    QMenu *m_machineMenu = nullptr;
    QMenu *m_viewMenu = nullptr;

    QAction *m_startAction = nullptr;
    QAction *m_stopAction = nullptr;
    QAction *m_assignAction = nullptr;
    QAction *m_clearAction = nullptr;
    QAction *m_reinstallAction = nullptr;
    QAction *m_wakeAction = nullptr;
    QAction *m_forgetAction = nullptr;
    QAction *m_undoAction = nullptr;
    QAction *m_redoAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_openWorkspaceAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_setupAction = nullptr;
    QAction *m_artifactsAction = nullptr;
    QAction *m_doctorAction = nullptr;
    QAction *m_importConfigsAction = nullptr;
    QAction *m_generateConfigsAction = nullptr;
};

} // namespace Nbc::Ui
