#pragma once

#include "engine/engine.h"

#include <QMap>
#include <QWidget>

class QLabel;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace Nbc::Ui {

// Each engine's state, address and counters (served, dropped by reason), and for a
// failed one the error with the action that fixes it (e.g. the setcap command), which
// can be copied. Also shows why the services cannot start at all (no interface).
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

    static QString engineTitle(const QString &engine);
    static QString countersText(const QMap<QString, quint64> &counters, bool dropped);

private:
    void showDetails();

    QTreeWidget *m_tree;
    QLabel *m_problem;
    QLabel *m_error;
    QLabel *m_fix;
    QPushButton *m_copyFix;
    QMap<QString, EngineStatus> m_status;
    QMap<QString, QTreeWidgetItem *> m_items;
};

} // namespace Nbc::Ui
