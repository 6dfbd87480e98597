#include "setupimportactions.h"

#include "fileaction.h"
#include "mainwindow.h"

#include "session/consolesession.h"

#include <QAction>
#include <QCheckBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QNetworkInterface>
#include <QPushButton>
#include <QSplitter>
#include <QStandardPaths>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Nbc::Ui {

namespace {

QTreeWidgetItem *group(QTreeWidget *tree, const QString &text)
{
    auto *item = new QTreeWidgetItem(tree, {text});
    QFont bold = item->font(0);
    bold.setBold(true);
    item->setFont(0, bold);
    item->setFirstColumnSpanned(true);
    return item;
}

QTreeWidgetItem *row(QTreeWidgetItem *parent, const QString &what, const QString &from = {})
{
    auto *item = new QTreeWidgetItem(parent, {what, from});
    item->setToolTip(0, what);
    item->setToolTip(1, from);
    return item;
}

QString capitalized(QString text)
{
    if (!text.isEmpty())
        text[0] = text.at(0).toUpper();
    return text;
}

QString relativeTo(const SetupImportPlan &plan, const QString &path)
{
    return QDir(plan.folder).relativeFilePath(path);
}

// Levels in the order a person should read them: what might matter first.
constexpr SetupImportNote::Level kNoteOrder[] = {SetupImportNote::Level::NotUnderstood,
                                                 SetupImportNote::Level::Refused,
                                                 SetupImportNote::Level::NotCarried,
                                                 SetupImportNote::Level::Ignored};

} // namespace

SetupImportActions::SetupImportActions(ConsoleSession *session, MainWindow *window)
    : QObject(window)
    , m_session(session)
    , m_window(window)
{
    setObjectName(QStringLiteral("setupImportActions"));
    m_importAction = makeFileAction(window, tr("Import d&nsmasq setup…"), QStringLiteral("importDnsmasqAction"),
        tr("Bring a dnsmasq + web server setup (the netboot guide's) into this workspace: its "
           "kernel, configs and machines"));
    connect(m_importAction, &QAction::triggered, this, [this] { importSetup(); });
}

QString SetupImportActions::defaultFolder() const
{
    if (!m_lastFolder.isEmpty())
        return m_lastFolder;
    return QDir::homePath();
}

QDialog *SetupImportActions::planDialog(const SetupImportPlan &plan, const QString &notEmptyReason, bool *replace)
{
    auto *dialog = new QDialog(m_window);
    dialog->setObjectName(QStringLiteral("setupImportPlan"));
    dialog->setWindowTitle(tr("Import dnsmasq setup"));
    dialog->setWindowModality(Qt::WindowModal);
    dialog->setAttribute(Qt::WA_DeleteOnClose, false);
    auto *layout = new QVBoxLayout(dialog);

    auto *header = new QLabel(dialog);
    header->setObjectName(QStringLiteral("planHeader"));
    header->setWordWrap(true);
    header->setTextFormat(Qt::RichText);
    header->setText(tr("<b>%1</b> (read from %2) into the workspace <b>%3</b>.<br>Nothing in that folder is "
                       "changed; its files are copied.")
                        .arg(QDir::toNativeSeparators(plan.folder).toHtmlEscaped(), plan.dnsmasqConf.toHtmlEscaped(),
                             QDir::toNativeSeparators(m_session->workspace().directory()).toHtmlEscaped()));
    layout->addWidget(header);

    auto *splitter = new QSplitter(Qt::Vertical, dialog);
    layout->addWidget(splitter, 1);

    // What will be imported.
    auto *planTree = new QTreeWidget(splitter);
    planTree->setObjectName(QStringLiteral("planTree"));
    planTree->setColumnCount(2);
    planTree->setHeaderLabels({tr("Will be imported"), tr("Details")});
    planTree->setRootIsDecorated(true);
    planTree->setUniformRowHeights(true);

    QTreeWidgetItem *network = group(planTree, tr("Network"));
    row(network,
        plan.mode == DhcpMode::Proxy
            ? tr("Proxy DHCP next to the network's own DHCP server")
            : (plan.dhcpRange.isEmpty() ? tr("Full DHCP (no address pool found: set dhcpRange)")
                                        : tr("Full DHCP, addresses %1").arg(plan.dhcpRange)),
        plan.dnsmasqConf);
    if (!plan.interfaceName.isEmpty()) {
        if (QNetworkInterface::interfaceFromName(plan.interfaceName).isValid())
            row(network, tr("Interface %1").arg(plan.interfaceName), plan.dnsmasqConf);
        else
            row(network, tr("Interface: the workspace's own"),
                tr("%1 is not on this computer").arg(plan.interfaceName));
    }
    if (plan.httpPort != 0)
        row(network, tr("HTTP on port %1").arg(plan.httpPort),
            plan.seedServer.isEmpty() ? tr("as the seed's URLs") : tr("as the seed's URLs (server %1)").arg(plan.seedServer));

    QTreeWidgetItem *ipxe = group(planTree, tr("iPXE binaries"));
    row(ipxe, plan.ipxeBios.isEmpty() ? tr("BIOS: the workspace's own") : tr("BIOS: %1").arg(QFileInfo(plan.ipxeBios).fileName()),
        plan.ipxeBios.isEmpty() ? QString() : relativeTo(plan, plan.ipxeBios));
    row(ipxe, plan.ipxeUefi.isEmpty() ? tr("UEFI: the workspace's own") : tr("UEFI: %1").arg(QFileInfo(plan.ipxeUefi).fileName()),
        plan.ipxeUefi.isEmpty() ? QString() : relativeTo(plan, plan.ipxeUefi));

    QTreeWidgetItem *artifacts = group(planTree, tr("Talos kernel and initramfs"));
    if (plan.kernel.isEmpty() || plan.initramfs.isEmpty()) {
        row(artifacts, tr("Not found: add them with File ▸ Artefacts afterwards"));
    } else {
        row(artifacts, tr("Kernel, the default set for Talos %1")
                           .arg(plan.talosVersion.isEmpty() ? tr("(version unknown)") : plan.talosVersion),
            relativeTo(plan, plan.kernel));
        row(artifacts, tr("Initramfs"), relativeTo(plan, plan.initramfs));
        row(artifacts, tr("Extra kernel arguments"),
            plan.extraKernelArgs.isEmpty() ? tr("none beyond Talos's own") : plan.extraKernelArgs);
    }

    QTreeWidgetItem *configs = group(planTree, tr("Configs: %n, readable by you only", nullptr, int(plan.configs.size())));
    for (const SetupImportConfig &c : plan.configs)
        row(configs, c.id, c.sourceName);

    QTreeWidgetItem *machines = group(planTree, tr("Machines: %n", nullptr, int(plan.machines.size())));
    for (const SetupImportMachine &m : plan.machines) {
        const QString who = !m.mac.isEmpty() ? m.mac : !m.uuid.isEmpty() ? tr("UUID %1").arg(m.uuid) : tr("serial %1").arg(m.serial);
        const QString what = m.hostname.isEmpty() ? tr("%1 → %2").arg(who, m.config)
                                                  : tr("%1 → %2 (%3)").arg(who, m.config, m.hostname);
        row(machines, what, m.origin);
    }
    if (!plan.defaultConfig.isEmpty())
        row(machines, tr("Every other machine → %1 (a rule)").arg(plan.defaultConfig));
    planTree->expandAll();
    planTree->header()->setStretchLastSection(true);
    planTree->resizeColumnToContents(0);
    planTree->setColumnWidth(0, qMin(planTree->columnWidth(0) + 16, 500));

    // What was not taken, by level: each at its file and line, with the line as written,
    // wrapped so nothing is cut off.
    auto *notesBox = new QWidget(splitter);
    auto *notesLayout = new QVBoxLayout(notesBox);
    notesLayout->setContentsMargins(0, 4, 0, 0);
    const int leftOut = int(plan.notes.size() - plan.notesOf(SetupImportNote::Level::Ignored).size());
    auto *notesTitle = new QLabel(leftOut == 0 ? tr("Everything the console needs was understood.")
                                               : tr("Left out of the import: %n items, each at its file and line",
                                                    nullptr, leftOut),
                                  notesBox);
    QFont bold = notesTitle->font();
    bold.setBold(true);
    notesTitle->setFont(bold);
    notesLayout->addWidget(notesTitle);
    auto *notesView = new QTextBrowser(notesBox);
    notesLayout->addWidget(notesView);
    notesView->setObjectName(QStringLiteral("notesView"));
    notesView->setOpenLinks(false);
    QString html;
    for (const SetupImportNote::Level level : kNoteOrder) {
        const QList<SetupImportNote> notes = plan.notesOf(level);
        if (notes.isEmpty())
            continue;
        // What the console does not need is there to check, not to read first.
        const bool quiet = level == SetupImportNote::Level::Ignored;
        html += QStringLiteral("<p style=\"margin-top:6px; margin-bottom:2px\"><b>%1</b></p>")
                    .arg(tr("%1 (%2)").arg(capitalized(SetupImport::levelName(level))).arg(notes.size()).toHtmlEscaped());
        for (const SetupImportNote &n : notes) {
            const QString where = n.line > 0 ? QStringLiteral("%1:%2").arg(n.file).arg(n.line) : n.file;
            QString line = QStringLiteral("<b>%1</b>").arg(where.toHtmlEscaped());
            if (!n.text.isEmpty())
                line += QStringLiteral("&nbsp;&nbsp;<code>%1</code>").arg(n.text.toHtmlEscaped());
            line += QStringLiteral("<br>") + n.message.toHtmlEscaped();
            html += QStringLiteral("<p style=\"margin-left:16px; margin-top:0px; margin-bottom:4px%1\">%2</p>")
                        .arg(quiet ? QStringLiteral("; color:gray") : QString(), line);
        }
    }
    if (plan.notes.isEmpty())
        html = tr("Every line was understood and carried over.").toHtmlEscaped();
    notesView->setHtml(html);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *replaceCheck = new QCheckBox(dialog);
    replaceCheck->setObjectName(QStringLiteral("replaceCheck"));
    replaceCheck->setText(tr("&Replace what the workspace has (%1)").arg(notEmptyReason));
    replaceCheck->setVisible(!notEmptyReason.isEmpty());
    layout->addWidget(replaceCheck);

    auto *note = new QLabel(tr("The services stop while the files are written and start again afterwards."), dialog);
    note->setWordWrap(true);
    layout->addWidget(note);

    auto *buttons = new QDialogButtonBox(dialog);
    QPushButton *import = buttons->addButton(tr("&Import"), QDialogButtonBox::AcceptRole);
    import->setObjectName(QStringLiteral("importButton"));
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelButton"));
    cancel->setDefault(true);
    layout->addWidget(buttons);
    const bool anything = plan.hasAnything();
    const bool mustReplace = !notEmptyReason.isEmpty();
    auto updateImport = [import, replaceCheck, anything, mustReplace] {
        import->setEnabled(anything && (!mustReplace || replaceCheck->isChecked()));
    };
    updateImport();
    connect(replaceCheck, &QCheckBox::toggled, dialog, updateImport);
    connect(buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    connect(dialog, &QDialog::accepted, this, [replace, replaceCheck] {
        if (replace)
            *replace = replaceCheck->isChecked();
    });
    dialog->resize(900, 680);
    return dialog;
}

bool SetupImportActions::importSetup(QString path)
{
    if (path.isEmpty()) {
        QFileDialog dialog(m_window, tr("Choose the setup's dnsmasq.conf"), defaultFolder(),
                           tr("dnsmasq configuration (*.conf);;All files (*)"));
        dialog.setObjectName(QStringLiteral("setupImportFileDialog"));
        dialog.setFileMode(QFileDialog::ExistingFile);
        dialog.setWindowModality(Qt::WindowModal);
        if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
            return false;
        path = dialog.selectedFiles().constFirst();
    }
    m_lastFolder = QFileInfo(path).isDir() ? path : QFileInfo(path).absolutePath();

    auto fail = [this](const QString &text, const QString &why) {
        QMessageBox box(m_window);
        box.setObjectName(QStringLiteral("setupImportFailed"));
        box.setWindowModality(Qt::WindowModal);
        box.setWindowTitle(tr("Import dnsmasq setup"));
        box.setIcon(QMessageBox::Warning);
        box.setText(text);
        box.setInformativeText(why);
        box.exec();
        return false;
    };

    SetupImportPlan plan = SetupImport::read(path);
    if (!plan.ok)
        return fail(tr("The setup was not read."), plan.error);

    const QString notEmpty = SetupImport::notEmptyReason(m_session->workspace().directory());
    bool replace = false;
    {
        QDialog *dialog = planDialog(plan, notEmpty, &replace);
        const int answer = dialog->exec();
        delete dialog;
        if (answer != QDialog::Accepted)
            return false;
    }
    // An interface this computer does not have (the seed ran elsewhere): the workspace keeps its own.
    if (!plan.interfaceName.isEmpty() && !QNetworkInterface::interfaceFromName(plan.interfaceName).isValid())
        plan.interfaceName.clear();

    SetupImportOptions options;
    options.overwrite = replace;
    SetupImportResult result;
    m_session->rewriteWorkspace([&](const QString &dir) {
        result = SetupImport::apply(plan, dir, options);
        return result.ok();
    });
    m_window->setOpenError(m_session->error());
    if (!result.ok())
        return fail(tr("The setup was not imported; the workspace is as it was."), result.error);

    QMessageBox box(m_window);
    box.setObjectName(QStringLiteral("setupImportDone"));
    box.setWindowModality(Qt::WindowModal);
    box.setWindowTitle(tr("Import dnsmasq setup"));
    box.setIcon(QMessageBox::Information);
    box.setText(tr("The setup is imported into %1.").arg(QDir::toNativeSeparators(m_session->workspace().directory())));
    QStringList details;
    details << tr("%n machine entries", nullptr, result.machines) + QStringLiteral(", ")
                   + tr("%n configs", nullptr, int(plan.configs.size()))
                   + (result.artifactSet.isEmpty() ? QString() : QStringLiteral(", ") + tr("artefact set %1").arg(result.artifactSet))
                   + u'.';
    const int leftOut = int(plan.notes.size() - plan.notesOf(SetupImportNote::Level::Ignored).size());
    if (leftOut > 0)
        details << tr("%n items of the setup were not carried over; the plan listed them.", nullptr, leftOut);
    details << result.warnings;
    if (!m_session->error().isEmpty())
        details << tr("The console cannot serve yet: %1").arg(m_session->error());
    box.setInformativeText(details.join(QStringLiteral("\n\n")));
    box.exec();
    m_window->showStatus(tr("dnsmasq setup imported from %1").arg(QDir::toNativeSeparators(plan.folder)));
    return true;
}

} // namespace Nbc::Ui
