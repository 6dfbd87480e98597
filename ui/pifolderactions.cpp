#include "pifolderactions.h"

#include "pifoldercommand.h"

#include "model/machineevent.h"
#include "session/consolesession.h"

#include <QAction>
#include <QDir>
#include <QInputDialog>
#include <QPointer>
#include <QUndoStack>

namespace Nbc::Ui {

PiFolderActions::PiFolderActions(ConsoleSession *session, QUndoStack *undoStack, Selection selection, QWidget *window)
    : QObject(window)
    , m_session(session)
    , m_undoStack(undoStack)
    , m_selection(std::move(selection))
    , m_window(window)
{
    setObjectName(QStringLiteral("piFolderActions"));
    m_assignAction = new QAction(tr("Assign Pi &boot folder…"), window);
    m_assignAction->setObjectName(QStringLiteral("assignPiFolderAction"));
    const QString tip = tr("Choose the folder the selected Raspberry Pis fetch their boot files from over TFTP");
    m_assignAction->setStatusTip(tip);
    m_assignAction->setToolTip(tip);
    m_assignAction->setEnabled(false);
    connect(m_assignAction, &QAction::triggered, this, [this] { openDialog(); });
}

QStringList PiFolderActions::raspberryPis(const QStringList &macs) const
{
    QStringList pis;
    for (const QString &mac : macs) {
        if (m_session->isRaspberryPi(mac))
            pis << normalizeMac(mac);
    }
    return pis;
}

void PiFolderActions::updateAction()
{
    m_assignAction->setEnabled(!raspberryPis(m_selection ? m_selection() : QStringList()).isEmpty());
}

QInputDialog *PiFolderActions::openDialog()
{
    const QStringList pis = raspberryPis(m_selection ? m_selection() : QStringList());
    if (pis.isEmpty()) {
        Q_EMIT message(tr("Select one or more Raspberry Pis in the table first."));
        return nullptr;
    }
    const QString root = m_session->piBootFolder();
    if (root.isEmpty()) {
        Q_EMIT message(tr("There is no folder for Pi boot files: set tftpRoot, or piBoot: folder:, in netboot.yaml."));
        return nullptr;
    }
    const QStringList folders = m_session->piBootFolders();
    const QString current = m_session->piFolder(pis.constFirst());
    bool anyAssigned = false;
    for (const QString &mac : pis)
        anyAssigned = anyAssigned || !m_session->piFolder(mac).isEmpty();
    if (folders.isEmpty() && !anyAssigned) {
        Q_EMIT message(tr("%1 holds no folder to assign: put a Pi's boot files (start4.elf, config.txt …) in a "
                          "folder there.").arg(QDir::toNativeSeparators(root)));
        return nullptr;
    }
    // The first item clears: the Pi then boots from its serial-number folder, else the root.
    const QString none = tr("None: its serial-number folder, else the TFTP root");
    QStringList items{none};
    items << folders;
    if (!current.isEmpty() && !folders.contains(current))
        items << current;   // assigned by hand, or gone meanwhile: still the current choice

    auto *dialog = new QInputDialog(m_window);
    dialog->setObjectName(QStringLiteral("piFolderDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Assign Pi boot folder"));
    dialog->setLabelText(pis.size() == 1
                             ? tr("Boot folder for %1, in %2:").arg(m_session->displayName(pis.constFirst()),
                                                                     QDir::toNativeSeparators(root))
                             : tr("Boot folder for the %n selected Raspberry Pis, in %1:", nullptr, int(pis.size()))
                                   .arg(QDir::toNativeSeparators(root)));
    dialog->setComboBoxItems(items);
    dialog->setComboBoxEditable(false);
    dialog->setTextValue(current.isEmpty() ? none : current);
    connect(dialog, &QInputDialog::textValueSelected, this,
            [this, pis, none](const QString &text) { assign(pis, text == none ? QString() : text); });
    dialog->open();
    return dialog;
}

bool PiFolderActions::assign(const QStringList &macs, const QString &folder)
{
    QHash<QString, QString> previous;
    bool changes = false;
    for (const QString &mac : macs) {
        const QString before = m_session->piFolder(mac);
        previous.insert(mac, before);
        changes = changes || before != folder;
    }
    if (macs.isEmpty() || !changes)
        return true;
    QString error;
    if (!m_session->setPiFolder(macs, folder, &error)) {
        Q_EMIT message(tr("The Pi boot folder was not saved: %1").arg(error));
        return false;
    }
    if (m_undoStack) {
        // The window outlives the command: an undo that cannot write still has somewhere to speak.
        QPointer<PiFolderActions> self = this;
        m_undoStack->push(new PiFolderCommand(m_session, macs, folder, previous, [self](const QString &why) {
            if (self)
                Q_EMIT self->message(tr("The Pi boot folder was not changed: %1").arg(why));
        }));
    }
    const int n = int(macs.size());
    const QString one = m_session->displayName(macs.constFirst());
    if (folder.isEmpty())
        Q_EMIT message(n == 1 ? tr("%1 boots from its serial-number folder, else the TFTP root, from its next request.")
                                    .arg(one)
                              : tr("%n Raspberry Pis boot from their serial-number folders, else the TFTP root, from "
                                   "their next request.", nullptr, n));
    else
        Q_EMIT message(n == 1 ? tr("%1 fetches its boot files from %2 from its next request.").arg(one, folder)
                              : tr("%n Raspberry Pis fetch their boot files from %1 from their next request.", nullptr, n)
                                    .arg(folder));
    return true;
}

} // namespace Nbc::Ui
