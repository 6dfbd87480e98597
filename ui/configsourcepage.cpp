#include "firstrunwizard.h"
#include "wizardpages.h"

#include "artifactpicker.h"
#include "choicerow.h"
#include "talos/configlibrary.h"
#include "talos/talosctlgenerator.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QVBoxLayout>

namespace Nbc::Ui {

ConfigSourcePage::ConfigSourcePage(FirstRunWizard *wizard)
    : QWizardPage(wizard)
    , m_wizard(wizard)
{
    setTitle(tr("Machine configs"));
    setSubTitle(tr("Talos machine configs hold the cluster's secrets: they are kept readable only by you and "
                   "served only to the machine they are assigned to."));
    auto *layout = new QVBoxLayout(this);
    m_sources = addChoiceRow(this, layout, {
        {int(Source::Import), tr("&Import a 'talosctl gen config' folder"), "importConfigs"},
        {int(Source::Generate), tr("&Generate a new cluster with talosctl"), "generateConfigs"},
        {int(Source::Skip), tr("&Skip for now"), "skipConfigs"},
    });

    m_stack = new QStackedWidget(this);
    // Import
    auto *importPage = new QWidget(m_stack);
    auto *importForm = new QFormLayout(importPage);
    importForm->setContentsMargins(0, 0, 0, 0);
    auto *folderRow = new QHBoxLayout;
    m_folder = new QLineEdit(importPage);
    m_folder->setObjectName(QStringLiteral("configFolder"));
    m_folder->setPlaceholderText(tr("the folder with controlplane.yaml, worker.yaml and talosconfig"));
    auto *browse = new QPushButton(tr("&Browse…"), importPage);
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);
    auto *folderLabel = new QLabel(tr("&Folder:"), importPage);
    folderLabel->setBuddy(m_folder);
    importForm->addRow(folderLabel, folderRow);
    m_stack->addWidget(importPage);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose the folder 'talosctl gen config' wrote"),
                                                              QDir::homePath());
        if (!dir.isEmpty()) {
            m_folder->setText(dir);
            preview(dir);
        }
    });
    connect(m_folder, &QLineEdit::editingFinished, this, [this] { preview(m_folder->text().trimmed()); });

    // Generate
    auto *genPage = new QWidget(m_stack);
    auto *genForm = new QFormLayout(genPage);
    genForm->setContentsMargins(0, 0, 0, 0);
    m_cluster = new QLineEdit(QStringLiteral("homelab"), genPage);
    m_cluster->setObjectName(QStringLiteral("clusterName"));
    m_endpoint = new QLineEdit(genPage);
    m_endpoint->setObjectName(QStringLiteral("clusterEndpoint"));
    m_endpoint->setPlaceholderText(QStringLiteral("https://10.77.0.10:6443"));
    m_endpoint->setToolTip(tr("The Kubernetes API address: the first control plane's IP (or a VIP), port 6443"));
    m_disk = new QLineEdit(QStringLiteral("/dev/sda"), genPage);
    m_disk->setObjectName(QStringLiteral("installDisk"));
    genForm->addRow(tr("Cluster &name:"), m_cluster);
    genForm->addRow(tr("&Endpoint:"), m_endpoint);
    genForm->addRow(tr("Install &disk:"), m_disk);
    m_generate = new QPushButton(tr("Gene&rate"), genPage);
    m_generate->setObjectName(QStringLiteral("generateButton"));
    genForm->addRow(m_generate);
    m_talosctlNote = new QLabel(genPage);
    m_talosctlNote->setObjectName(QStringLiteral("talosctlNote"));
    m_talosctlNote->setWordWrap(true);
    genForm->addRow(m_talosctlNote);
    m_stack->addWidget(genPage);
    connect(m_generate, &QPushButton::clicked, this, &ConfigSourcePage::generate);

    // Skip
    auto *skipPage = new QLabel(tr("Import or generate configs later from the config library (Import configs…, "
                                   "Generate configs…)."), m_stack);
    skipPage->setWordWrap(true);
    m_stack->addWidget(skipPage);
    m_stack->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    layout->addWidget(m_stack);

    m_preview = new QPlainTextEdit(this);
    m_preview->setObjectName(QStringLiteral("configPreview"));
    m_preview->setReadOnly(true);
    layout->addWidget(m_preview, 1);

    auto *policyRow = new QFormLayout;
    m_unassigned = new QComboBox(this);
    m_unassigned->setObjectName(QStringLiteral("unassignedPolicy"));
    m_unassigned->addItem(tr("wait in iPXE until I drop a config on them"), int(UnassignedPolicy::Wait));
    m_unassigned->addItem(tr("boot Talos in maintenance mode (configure them with talosctl apply-config)"),
                          int(UnassignedPolicy::Maintenance));
    policyRow->addRow(tr("Machines without a &config:"), m_unassigned);
    layout->addLayout(policyRow);

    m_generator = new Talos::TalosctlGenerator(this);
    connect(m_generator, &Talos::TalosctlGenerator::finished, this, [this](bool ok, const QString &message) {
        m_generate->setEnabled(true);
        if (!ok) {
            m_talosctlNote->setText(message);
            m_generated.reset();
            preview(QString());
            return;
        }
        m_talosctlNote->setText(tr("Generated. The configs are imported when you finish the wizard."));
        preview(m_generated->path());
    });
    connect(m_sources, &QButtonGroup::idClicked, this, [this](int id) {
        m_stack->setCurrentIndex(id);
        if (Source(id) == Source::Import)
            preview(m_folder->text().trimmed());
        else if (Source(id) == Source::Generate)
            preview(m_generated ? m_generated->path() : QString());
        else
            preview(QString());
    });
    m_sources->button(int(Source::Import))->setChecked(true);
}

ConfigSourcePage::~ConfigSourcePage() = default;

void ConfigSourcePage::initializePage()
{
    const bool talosctl = !m_generator->programPath().isEmpty();
    m_generate->setEnabled(talosctl && !m_generator->isRunning());
    if (!talosctl)
        m_talosctlNote->setText(Talos::TalosctlGenerator::missingMessage());
}

ConfigSourcePage::Source ConfigSourcePage::source() const
{
    return Source(m_sources->checkedId());
}

void ConfigSourcePage::preview(const QString &dir)
{
    m_previewedFolder = dir;
    m_previewOk = false;
    if (dir.isEmpty()) {
        m_preview->clear();
        Q_EMIT completeChanged();
        return;
    }
    const Talos::FolderPreview p = Talos::ConfigLibrary::previewFolder(dir);
    QStringList lines;
    if (!p.error.isEmpty())
        lines << p.error;
    for (const Talos::FolderPreview::File &f : p.configs) {
        lines << (f.importable ? tr("%1: %2, cluster %3, endpoint %4").arg(f.fileName, Talos::MachineConfig::roleName(f.facts.role),
                                                                          f.facts.clusterName, f.facts.endpoint)
                               : tr("%1: cannot be imported").arg(f.fileName));
        for (const Talos::ConfigProblem &problem : f.problems)
            lines << QStringLiteral("  ") + problem.toString(f.path);
    }
    if (p.hasTalosconfig)
        lines << tr("talosconfig: kept aside in the workspace (admin credentials, never served)");
    m_preview->setPlainText(lines.join(u'\n'));
    m_previewOk = p.ok();
    Q_EMIT completeChanged();
}

void ConfigSourcePage::generate()
{
    m_generated = std::make_unique<QTemporaryDir>();
    QString error;
    Talos::GenerateRequest request{m_cluster->text().trimmed(), m_endpoint->text().trimmed(), m_disk->text().trimmed(),
                                   m_wizard->plan().artifacts.talosVersion};
    if (!m_generated->isValid() || !m_generator->start(request, m_generated->path(), &error)) {
        m_talosctlNote->setText(error);
        m_generated.reset();
        return;
    }
    m_generate->setEnabled(false);
    m_talosctlNote->setText(tr("Running talosctl gen config…"));
    Q_EMIT completeChanged();
}

bool ConfigSourcePage::isGenerating() const
{
    return m_generator->isRunning();
}

bool ConfigSourcePage::isComplete() const
{
    switch (source()) {
    case Source::Skip:
        return true;
    case Source::Generate:
        return !isGenerating() && m_generated && m_previewOk;
    case Source::Import:
        return m_previewOk;
    }
    return false;
}

QString ConfigSourcePage::configsFolder() const
{
    if (!isComplete() || source() == Source::Skip)
        return {};
    return m_previewedFolder;
}

UnassignedPolicy ConfigSourcePage::unassigned() const
{
    return UnassignedPolicy(m_unassigned->currentData().toInt());
}

} // namespace Nbc::Ui
