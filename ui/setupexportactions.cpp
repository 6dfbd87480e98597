#include "setupexportactions.h"

#include "fileaction.h"
#include "mainwindow.h"

#include "session/consolesession.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>

namespace Nbc::Ui {

SetupExportActions::SetupExportActions(ConsoleSession *session, MainWindow *window)
    : QObject(window)
    , m_session(session)
    , m_window(window)
{
    setObjectName(QStringLiteral("setupExportActions"));
    m_dnsmasqNginx = makeFileAction(window, tr("Export for &dnsmasq + nginx…"), QStringLiteral("exportDnsmasqNginxAction"),
        tr("The workspace as a dnsmasq.conf, an nginx server block and a static web tree that "
           "boot the same machines with no console running"));
    connect(m_dnsmasqNginx, &QAction::triggered, this, [this] { exportSetup(Boot::SetupFormat::DnsmasqNginx); });

    m_matchbox = makeFileAction(window, tr("Export for &Matchbox…"), QStringLiteral("exportMatchboxAction"),
        tr("The workspace as Matchbox's profiles, groups, configs and assets, with a dnsmasq.conf in front"));
    connect(m_matchbox, &QAction::triggered, this, [this] { exportSetup(Boot::SetupFormat::Matchbox); });
}

QString SetupExportActions::defaultFolder() const
{
    // Next to the last export: a new one goes into a new folder.
    return startFolder(m_lastFolder.isEmpty() ? QString() : QFileInfo(m_lastFolder).absolutePath());
}

void SetupExportActions::tell(const QString &objectName, const QString &title, const QString &text,
                              const QString &details, bool warning)
{
    QMessageBox box(m_window);
    box.setObjectName(objectName);
    box.setWindowModality(Qt::WindowModal);
    box.setIcon(warning ? QMessageBox::Warning : QMessageBox::Information);
    box.setWindowTitle(title);
    box.setText(text);
    box.setInformativeText(details);
    box.exec();
}

bool SetupExportActions::exportSetup(Boot::SetupFormat format, QString folder)
{
    const bool matchbox = format == Boot::SetupFormat::Matchbox;
    const QString title = matchbox ? tr("Export for Matchbox") : tr("Export for dnsmasq + nginx");
    if (folder.isEmpty()) {
        folder = chooseFolder(m_window, matchbox ? tr("Export for Matchbox into a folder")
                                                 : tr("Export for dnsmasq + nginx into a folder"),
                              defaultFolder(), QStringLiteral("setupExportFolderDialog"));
        if (folder.isEmpty())
            return false;
    }
    folder = QDir(folder).absolutePath();
    m_lastFolder = folder;

    bool intoNonEmpty = false;
    if (!Boot::SetupExport::isEmptyFolder(folder)) {
        // The command line refuses such a folder; here the person is asked.
        QMessageBox ask(m_window);
        ask.setObjectName(QStringLiteral("setupExportNotEmpty"));
        ask.setWindowModality(Qt::WindowModal);
        ask.setIcon(QMessageBox::Question);
        ask.setWindowTitle(title);
        ask.setText(tr("%1 is not empty.").arg(QDir::toNativeSeparators(folder)));
        ask.setInformativeText(tr("The export writes its files among the ones there and replaces those of the same "
                                  "name. Other files stay, and may then be served too."));
        QPushButton *write = ask.addButton(tr("Write into it"), QMessageBox::AcceptRole);
        ask.addButton(QMessageBox::Cancel);
        ask.setDefaultButton(QMessageBox::Cancel);
        ask.exec();
        if (ask.clickedButton() != write)
            return false;
        intoNonEmpty = true;
    }

    QApplication::setOverrideCursor(Qt::WaitCursor);
    const Boot::SetupExportPlan plan = Boot::SetupExport::plan(*m_session, format, folder);
    Boot::SetupWriteResult written;
    if (plan.ok())
        written = Boot::SetupExport::write(plan, folder, intoNonEmpty);
    QApplication::restoreOverrideCursor();
    if (!plan.ok() || !written.ok()) {
        tell(QStringLiteral("setupExportFailed"), title, tr("Nothing was exported."),
             plan.ok() ? written.message : plan.errors.join(u'\n'), true);
        return false;
    }
    const QString readme = QDir::toNativeSeparators(QDir(folder).filePath(QStringLiteral("README.md")));
    m_window->showStatus(tr("Exported %n file(s) into %1; %2 says how to start them", nullptr,
                            int(written.written.size()))
                             .arg(QDir::toNativeSeparators(folder), readme),
                         15000);
    // The limits are worth a look before the folder goes to a server: the configs' secrets
    // are readable by anyone who reaches it, and rules reach only the machines seen.
    QString details = tr("The machine configs hold the cluster's secrets: anyone who can reach the server can read "
                         "them. %1 says how to start the services and how to restrict the configs.").arg(readme);
    if (!plan.notes.isEmpty())
        details += QStringLiteral("\n\n") + tr("Not in this export:") + u'\n' + plan.notes.join(u'\n');
    tell(QStringLiteral("setupExportDone"), title,
         tr("Exported into %1.").arg(QDir::toNativeSeparators(folder)), details, false);
    return true;
}

} // namespace Nbc::Ui
