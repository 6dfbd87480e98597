#include "artifactsdialog.h"

#include "artifactpicker.h"

#include "session/consolesession.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Nbc::Ui {

ArtifactsDialog::ArtifactsDialog(ConsoleSession *session, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("artifactsDialog"));
    setWindowTitle(tr("Artefacts"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("The Talos kernels and initramfs the machines boot. Machines boot the default set "
                                "unless netboot.yaml names another for them."), this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("artifactSetList"));
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({tr("Set"), tr("Talos"), tr("Kernel"), tr("Initramfs"), tr("Default")});
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    layout->addWidget(m_list, 1);

    auto *row = new QHBoxLayout;
    auto *add = new QPushButton(tr("&Add…"), this);
    add->setObjectName(QStringLiteral("addArtifactSet"));
    m_default = new QPushButton(tr("Make &default"), this);
    m_default->setObjectName(QStringLiteral("defaultArtifactSet"));
    m_remove = new QPushButton(tr("&Remove"), this);
    m_remove->setObjectName(QStringLiteral("removeArtifactSet"));
    row->addWidget(add);
    row->addWidget(m_default);
    row->addWidget(m_remove);
    row->addStretch();
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    row->addWidget(close);
    layout->addLayout(row);

    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(add, &QPushButton::clicked, this, &ArtifactsDialog::addSet);
    connect(m_default, &QPushButton::clicked, this, [this] {
        QString error;
        if (!m_session->setDefaultArtifacts(currentSet(), &error))
            showError(error);
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        const QString name = currentSet();
        if (QMessageBox::question(this, tr("Remove %1").arg(name),
                                  tr("Remove the artefact set %1? Files the console copied into artifacts/%1/ are "
                                     "deleted.").arg(name)) != QMessageBox::Yes)
            return;
        QString error;
        if (!m_session->removeArtifactSet(name, &error))
            showError(error);
    });
    connect(m_list, &QTreeWidget::currentItemChanged, this, &ArtifactsDialog::updateButtons);
    connect(m_session, &ConsoleSession::artifactsChanged, this, &ArtifactsDialog::refresh);
    connect(m_session, &ConsoleSession::workspaceReloaded, this, &ArtifactsDialog::refresh);
    resize(860, 360);
    refresh();
}

void ArtifactsDialog::refresh()
{
    const QString before = currentSet();
    m_list->clear();
    const QString def = m_session->defaultArtifacts();
    const auto sets = m_session->artifactSets();
    for (auto it = sets.cbegin(); it != sets.cend(); ++it) {
        auto *item = new QTreeWidgetItem(m_list, {it.key(), it->talosVersion, it->kernelPath, it->initramfsPath,
                                                  it.key() == def ? tr("default") : QString()});
        if (it.key() == before || (before.isEmpty() && it.key() == def))
            m_list->setCurrentItem(item);
    }
    updateButtons();
}

void ArtifactsDialog::updateButtons()
{
    const QString name = currentSet();
    m_default->setEnabled(!name.isEmpty() && name != m_session->defaultArtifacts());
    m_remove->setEnabled(!name.isEmpty());
}

QString ArtifactsDialog::currentSet() const
{
    const QTreeWidgetItem *item = m_list->currentItem();
    return item ? item->text(0) : QString();
}

void ArtifactsDialog::showError(const QString &message)
{
    QMessageBox::warning(this, tr("Artefacts"), message);
}

void ArtifactsDialog::addSet()
{
    QDialog dialog(this);
    dialog.setObjectName(QStringLiteral("addArtifactSetDialog"));
    dialog.setWindowTitle(tr("Add an artefact set"));
    auto *layout = new QVBoxLayout(&dialog);
    auto *picker = new ArtifactPicker(&dialog);
    picker->setObjectName(QStringLiteral("artifactPicker"));
    layout->addWidget(picker, 1);
    auto *makeDefault = new QCheckBox(tr("Make it the &default set"), &dialog);
    makeDefault->setObjectName(QStringLiteral("makeDefault"));
    makeDefault->setChecked(true);
    layout->addWidget(makeDefault);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Add"));
    buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    layout->addWidget(buttons);
    auto update = [picker, buttons] {
        buttons->button(QDialogButtonBox::Ok)->setEnabled(picker->isReady() && !picker->isBusy());
    };
    connect(picker, &ArtifactPicker::readyChanged, &dialog, update);
    connect(picker, &ArtifactPicker::busyChanged, &dialog, update);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, [&dialog, picker] {
        picker->cancel();
        dialog.reject();
    });
    connect(buttons, &QDialogButtonBox::accepted, &dialog, [this, &dialog, picker, makeDefault] {
        QString error;
        if (!m_session->addArtifactSet(picker->choice(), makeDefault->isChecked(), nullptr, &error)) {
            QMessageBox::warning(&dialog, tr("Add an artefact set"), tr("The set was not added: %1").arg(error));
            return;
        }
        dialog.accept();
    });
    dialog.resize(760, 520);
    dialog.exec();
}

} // namespace Nbc::Ui
