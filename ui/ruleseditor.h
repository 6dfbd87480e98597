#pragma once

#include "boot/bootsnapshot.h"
#include "rulescommand.h"

#include <QDialog>
#include <QList>

#include <functional>

class QDialogButtonBox;
class QLabel;
class QPushButton;
class QTableWidget;
class QUndoStack;

namespace Nbc {
class ConsoleSession;
namespace Talos {
class ConfigLibrary;
}
}

namespace Nbc::Ui {

class RuleForm;

// Edit ▸ Rules…: netboot.yaml's `rules:` as a table in their order (the first that matches
// a machine wins), each with what it matches on, what it gives and how many machines seen
// so far it matches. Rules are added, edited and duplicated in a RuleForm, removed and
// moved up or down here (Delete removes, Enter edits); Save writes the whole list at once
// and pushes one undo step (RulesCommand). Object names for tests: rulesEditor,
// rulesTable, addRuleButton, editRuleButton, duplicateRuleButton, removeRuleButton,
// moveRuleUpButton, moveRuleDownButton, rulesStatus, saveRulesButton.
class RulesEditor : public QDialog
{
    Q_OBJECT
public:
    enum Column { NameColumn, MatchColumn, ConfigColumn, HostnameColumn, DiskColumn, MatchesColumn, ColumnCount };

    RulesEditor(ConsoleSession *session, Talos::ConfigLibrary *library, QUndoStack *undoStack,
                QWidget *parent = nullptr);

    // The list as edited so far (saved only by Save).
    QList<MachineRule> rules() const { return m_rules; }
    // How an undo or redo of the saved change says it could not write netboot.yaml.
    void setUndoReport(RulesCommand::Report report) { m_report = std::move(report); }

    // Each opens a RuleForm (window-modal, named ruleForm) where one is needed.
    void addRule();
    void editRule();
    void duplicateRule();
    void removeRule();
    void moveUp();
    void moveDown();

    // Save: writes the rules and pushes one undo step; with a problem it stays open and
    // says why.
    void accept() override;

    // "MAC 52:54:00…, manufacturer Dell*, UEFI"; "every machine" when it matches all.
    static QString matchSummary(const RuleMatch &match);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    int currentRow() const;
    void refresh(int select);
    void updateButtons();
    // Opens the form on `rule`; when it is accepted, `take` gets the rule.
    void openForm(const MachineRule &rule, const QList<MachineRule> &others, std::function<void(const MachineRule &)> take);
    void onWorkspaceReloaded();

    ConsoleSession *m_session;
    Talos::ConfigLibrary *m_library;
    QUndoStack *m_undoStack;
    RulesCommand::Report m_report;
    QList<MachineRule> m_original;   // as netboot.yaml has them: what undo goes back to
    QList<MachineRule> m_rules;
    QTableWidget *m_table;
    QPushButton *m_add;
    QPushButton *m_edit;
    QPushButton *m_duplicate;
    QPushButton *m_remove;
    QPushButton *m_up;
    QPushButton *m_down;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
    QString m_saveError;
    QString m_reloadNote;
};

} // namespace Nbc::Ui
