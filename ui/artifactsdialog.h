#pragma once

#include <QDialog>

class QPushButton;
class QTreeWidget;

namespace Nbc {
class ConsoleSession;
}

namespace Nbc::Ui {

// The workspace's artefact sets (netboot.yaml `artifacts:`): which exist, which is the
// default, add one from files, an ISO or an Image Factory, remove one.
class ArtifactsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ArtifactsDialog(ConsoleSession *session, QWidget *parent = nullptr);

    // Opens the picker; the set it yields is added (and made the default when asked).
    void addSet();

private:
    void refresh();
    void updateButtons();
    QString currentSet() const;
    void showError(const QString &message);

    ConsoleSession *m_session;
    QTreeWidget *m_list = nullptr;
    QPushButton *m_default = nullptr;
    QPushButton *m_remove = nullptr;
};

} // namespace Nbc::Ui
