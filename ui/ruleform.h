#pragma once

#include "boot/bootsnapshot.h"
#include "session/consolesession.h"

#include <QDialog>
#include <QMap>
#include <QList>

class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;

namespace Nbc {
namespace Talos {
class ConfigLibrary;
}
}

namespace Nbc::Ui {

// One rule of netboot.yaml's `rules:`, edited: which machines it matches (MAC prefix or
// range, manufacturer, product, serial, firmware) and what they get (config, artefact set,
// install disk, hostname template). Each field's problem (ConsoleSession::ruleProblems) is
// shown under it and keeps OK disabled; the machines it matches now and the hostname the
// first of them gets are shown as the fields change. Object names for tests: ruleForm,
// ruleName, ruleMacPrefix, ruleMacRange, ruleManufacturer, ruleProduct, ruleSerial,
// ruleFirmware, ruleConfig, ruleArtifacts, ruleInstallDisk, ruleHostname,
// ruleHostnamePreview, ruleMatches, ruleNote, and "<field>Problem" for each message.
class RuleForm : public QDialog
{
    Q_OBJECT
public:
    // `others`: the other rules of the list, for names that must differ. Patches of `rule`
    // (hand-written in netboot.yaml) are kept as they are.
    RuleForm(ConsoleSession *session, Talos::ConfigLibrary *library, const MachineRule &rule,
             const QList<MachineRule> &others, QWidget *parent = nullptr);

    MachineRule rule() const;
    // The problems shown now (one line each); empty when OK can be pressed.
    QStringList problems() const;

private:
    void fillConfigs(const QString &current);
    void fillArtifacts(const QString &current);
    void update();
    void fitHeight();
    // The field as a row of `form`, with a row under it for its problem.
    void addFieldRow(QFormLayout *form, const QString &label, QWidget *field, RuleProblem::Field which,
                     const char *name);

    ConsoleSession *m_session;
    Talos::ConfigLibrary *m_library;
    MachineRule m_original;
    QList<MachineRule> m_others;
    QLineEdit *m_name;
    QLineEdit *m_macPrefix;
    QLineEdit *m_macRange;
    QLineEdit *m_manufacturer;
    QLineEdit *m_product;
    QLineEdit *m_serial;
    QComboBox *m_firmware;
    QComboBox *m_config;
    QComboBox *m_artifacts;
    QLineEdit *m_installDisk;
    QLineEdit *m_hostname;
    QLabel *m_hostnamePreview;
    QLabel *m_matches;
    QLabel *m_note;
    QDialogButtonBox *m_buttons;
    struct Message {
        QFormLayout *form = nullptr;
        int row = -1;
        QLabel *label = nullptr;
    };
    QMap<RuleProblem::Field, Message> m_messages;
    QStringList m_problems;
    QStringList m_shownMessages;   // what fitHeight() last fitted the form to
};

} // namespace Nbc::Ui
