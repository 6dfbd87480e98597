// The window's setup functions: the wizard again, artefacts, network doctor, config import
// and generation. Kept apart from mainwindow.cpp so each stays focused.
#include "mainwindow.h"

#include "artifactsdialog.h"
#include "doctordialog.h"
#include "firstrunwizard.h"

#include "session/consolesession.h"
#include "talos/configlibrary.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace Nbc::Ui {

void MainWindow::buildSetupActions()
{
    auto make = [this](const QString &text, const char *name, const QString &tip) {
        auto *action = new QAction(text, this);
        action->setObjectName(QLatin1String(name));
        action->setStatusTip(tip);
        action->setToolTip(tip);
        addAction(action);
        return action;
    };
    m_setupAction = make(tr("Set &up…"), "setupAction",
                         tr("The first-run wizard: network, network doctor, Talos, machine configs"));
    m_artifactsAction = make(tr("&Artefacts…"), "artifactsAction",
                             tr("Talos kernels and initramfs: add from files, an ISO or an Image Factory; the default"));
    m_doctorAction = make(tr("Network &doctor…"), "doctorAction",
                          tr("Other DHCP servers on the network, who holds the ports, permissions, firewall"));
    m_importConfigsAction = make(tr("&Import configs…"), "importConfigsAction",
                                 tr("Import the folder 'talosctl gen config' wrote (controlplane.yaml, worker.yaml)"));
    m_generateConfigsAction = make(tr("&Generate configs…"), "generateConfigsAction",
                                   tr("Generate a new cluster's configs with talosctl"));
    connect(m_setupAction, &QAction::triggered, this, &MainWindow::openSetupWizard);
    connect(m_artifactsAction, &QAction::triggered, this, &MainWindow::openArtifactsDialog);
    connect(m_doctorAction, &QAction::triggered, this, &MainWindow::openDoctorDialog);
    connect(m_importConfigsAction, &QAction::triggered, this, [this] { importConfigs(); });
    connect(m_generateConfigsAction, &QAction::triggered, this, &MainWindow::openGenerateDialog);
}

FirstRunWizard *MainWindow::openSetupWizard()
{
    ConsoleSession *session = m_session;
    auto *wizard = new FirstRunWizard(session->workspace().directory(), session->snapshot().ports,
                                      [session](const SetupPlan &plan) { return session->applySetup(plan); }, this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    wizard->setWindowModality(Qt::WindowModal);
    connect(wizard, &QWizard::accepted, this, [this] {
        setOpenError(m_session->error());
        showStatus(tr("Set up. Power on a machine set to network boot: it appears in the table."), 0);
    });
    wizard->show();
    return wizard;
}

QDialog *MainWindow::openArtifactsDialog()
{
    auto *dialog = new ArtifactsDialog(m_session, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

QDialog *MainWindow::openDoctorDialog()
{
    auto *dialog = new DoctorDialog(m_session->interfaceName(), m_session->snapshot().ports, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    dialog->run();
    return dialog;
}

void MainWindow::importConfigs(const QString &chosen)
{
    if (!m_library)
        return;
    QString dir = chosen;
    if (dir.isEmpty()) {
        dir = QFileDialog::getExistingDirectory(this, tr("Choose the folder 'talosctl gen config' wrote"),
                                                QDir::homePath());
        if (dir.isEmpty())
            return;
    }
    Talos::ImportResult result = m_library->importFolder(dir);
    const bool clash = !result.errors.isEmpty()
        && std::any_of(result.errors.cbegin(), result.errors.cend(),
                       [](const QString &e) { return e.contains(QLatin1String("configs/")); });
    if (clash && chosen.isEmpty()
        && QMessageBox::question(this, tr("Import configs"),
                                 tr("%1\n\nReplace the existing files with the imported ones?")
                                     .arg(result.errors.join(u'\n'))) == QMessageBox::Yes) {
        result = m_library->importFolder(dir, true);
    }
    if (!result.errors.isEmpty()) {
        showStatus(tr("Not imported: %1").arg(result.errors.join(QStringLiteral("; "))), 0);
        if (chosen.isEmpty())
            QMessageBox::warning(this, tr("Import configs"), result.errors.join(u'\n'));
        return;
    }
    showStatus(result.talosconfigPath.isEmpty()
                   ? tr("Imported %1.").arg(result.imported.join(QStringLiteral(", ")))
                   : tr("Imported %1; the talosconfig is kept in %2.")
                         .arg(result.imported.join(QStringLiteral(", ")), result.talosconfigPath));
}

QDialog *MainWindow::openGenerateDialog()
{
    if (!m_library)
        return nullptr;
    auto *dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("generateConfigsDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Generate configs"));
    auto *layout = new QVBoxLayout(dialog);
    auto *form = new QFormLayout;
    auto *cluster = new QLineEdit(QStringLiteral("homelab"), dialog);
    cluster->setObjectName(QStringLiteral("clusterName"));
    auto *endpoint = new QLineEdit(dialog);
    endpoint->setObjectName(QStringLiteral("clusterEndpoint"));
    endpoint->setPlaceholderText(QStringLiteral("https://10.77.0.10:6443"));
    auto *disk = new QLineEdit(QStringLiteral("/dev/sda"), dialog);
    disk->setObjectName(QStringLiteral("installDisk"));
    auto *version = new QLineEdit(m_session->artifactSets().value(m_session->defaultArtifacts()).talosVersion, dialog);
    version->setObjectName(QStringLiteral("talosVersion"));
    version->setPlaceholderText(tr("talosctl's own"));
    form->addRow(tr("Cluster &name:"), cluster);
    form->addRow(tr("&Endpoint:"), endpoint);
    form->addRow(tr("Install &disk:"), disk);
    form->addRow(tr("Talos &version:"), version);
    layout->addLayout(form);
    auto *message = new QLabel(dialog);
    message->setObjectName(QStringLiteral("generateMessage"));
    message->setWordWrap(true);
    layout->addWidget(message);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Close, dialog);
    QPushButton *ok = buttons->button(QDialogButtonBox::Ok);
    ok->setText(tr("&Generate"));
    layout->addWidget(buttons);
    if (m_library->talosctlPath().isEmpty()) {
        ok->setEnabled(false);
        message->setText(Talos::ConfigLibrary::talosctlMissingMessage());
    }
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, dialog, [this, cluster, endpoint, disk, version, message, ok] {
        QString error;
        if (!m_library->generateWithTalosctl(cluster->text().trimmed(), endpoint->text().trimmed(), disk->text().trimmed(),
                                             &error, version->text().trimmed())) {
            message->setText(error);
            return;
        }
        ok->setEnabled(false);
        message->setText(tr("Running talosctl gen config…"));
    });
    connect(m_library, &Talos::ConfigLibrary::generateFinished, dialog,
            [this, dialog, message, ok](bool success, const QString &text) {
                ok->setEnabled(true);
                message->setText(text);
                if (success) {
                    showStatus(text);
                    dialog->accept();
                }
            });
    dialog->resize(560, dialog->sizeHint().height());
    dialog->show();
    return dialog;
}

} // namespace Nbc::Ui
