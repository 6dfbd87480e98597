#pragma once

#include "engine/engine.h"

#include <QMap>
#include <QWidget>

class QFrame;
class QLabel;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace Nbc::Ui {

// Each engine's state, address and counters as short lines that read in a narrow dock
// ("127.0.0.1:69", "served 120 · dropped 3"); every counter by name when the engine is
// expanded. A failed engine's error, what to do and the command to run are shown above
// the list, with a button that copies the command. Also shows why the services cannot
// start at all (no interface).
class ServicesPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ServicesPanel(QWidget *parent = nullptr);

    void updateStatus(const Nbc::EngineStatus &status);
    // A problem that keeps every engine from starting, with what to do; empty clears it.
    void setSessionProblem(const QString &problem, const QStringList &interfaces = {});
    QString sessionProblem() const;

    // The fixes shown right now, one per failed engine.
    QStringList fixes() const;
    QTreeWidget *tree() const { return m_tree; }
    QTreeWidgetItem *item(const QString &engine) const { return m_items.value(engine); }
    // The failure box: hidden while every engine is fine.
    QFrame *failureBox() const { return m_failure; }
    QLabel *errorLabel() const { return m_error; }
    QLabel *fixLabel() const { return m_fix; }
    QLabel *commandLabel() const { return m_command; }
    QPushButton *copyCommandButton() const { return m_copyCommand; }

    static QString engineTitle(const QString &engine);
    static QString stateText(EngineStatus::State state);
    // "served 120 · dropped 3"
    static QString activityText(const QMap<QString, quint64> &counters);
    // "dropped (not-pxe)" for "dropped:not-pxe"
    static QString counterName(const QString &key);
    // The shell command inside an engine's fix ("… Find it with: sudo ss … ; stop it"):
    // what the Copy button copies. Empty when the fix names no command.
    static QString commandIn(const QString &fix);

private:
    void showDetails();
    void fillCounters(QTreeWidgetItem *item, const QMap<QString, quint64> &counters);

    QTreeWidget *m_tree;
    QLabel *m_problem;
    QFrame *m_failure;
    QLabel *m_error;
    QLabel *m_fix;
    QLabel *m_command;
    QPushButton *m_copyCommand;
    QMap<QString, EngineStatus> m_status;
    QMap<QString, QTreeWidgetItem *> m_items;
};

} // namespace Nbc::Ui
