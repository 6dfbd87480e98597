#pragma once

#include <QDockWidget>

class QCheckBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTreeWidget;

namespace Nbc {
class ConsoleSession;
struct LogLine;
}

namespace Nbc::Ui {

// Everything about the selected machine: facts, its per-machine values (hostname,
// install disk: editable, written to the workspace), the stage timeline with times and
// durations, the live Talos log (filter, pause, capped), the hint, and the config it
// would be served right now, as a diff against the assigned file.
class MachineDetailDock : public QDockWidget
{
    Q_OBJECT
public:
    explicit MachineDetailDock(ConsoleSession *session, QWidget *parent = nullptr);

    static constexpr int kLogLineCap = 2000;

    void setMachine(const QString &mac);
    // With more than one machine selected, a summary of them over the current one's details.
    void setSelection(const QStringList &macs);
    QString selectionSummary() const;
    QString machine() const { return m_mac; }

    // For tests and the keyboard: the widgets a person uses.
    QLineEdit *hostnameEdit() const { return m_hostname; }
    QLineEdit *installDiskEdit() const { return m_installDisk; }
    QPushButton *saveValuesButton() const { return m_saveValues; }
    QLineEdit *logFilterEdit() const { return m_logFilter; }
    QCheckBox *pauseLogCheck() const { return m_pauseLog; }
    QPlainTextEdit *logView() const { return m_log; }
    QTreeWidget *timeline() const { return m_timeline; }
    QPlainTextEdit *configPreview() const { return m_preview; }
    QLabel *hintLabel() const { return m_hint; }
    QLabel *valuesMessage() const { return m_valuesMessage; }
    // Where Tab enters the dock: its page tabs (Facts, Timeline, Log, Config).
    QWidget *firstFocusWidget() const;

    bool saveValues();

Q_SIGNALS:
    void message(const QString &text);

private:
    void refresh();
    void refreshFacts();
    void refreshTimeline();
    void rebuildLog();
    void appendLog(const QString &mac, const Nbc::LogLine &line);
    void refreshPreview();
    void loadValues();
    bool logMatches(const Nbc::LogLine &line) const;
    static QString logText(const Nbc::LogLine &line);

    ConsoleSession *m_session;
    QString m_mac;
    QLabel *m_title;
    QLabel *m_selection = nullptr;
    QStringList m_selectedMacs;
    QTabWidget *m_tabs;
    QFormLayout *m_facts;
    QLabel *m_hint;
    QLineEdit *m_hostname;
    QLineEdit *m_installDisk;
    QPushButton *m_saveValues;
    QLabel *m_valuesMessage;
    QTreeWidget *m_timeline;
    QLineEdit *m_logFilter;
    QCheckBox *m_pauseLog;
    QPlainTextEdit *m_log;
    QPlainTextEdit *m_preview;
    QLabel *m_previewStatus;
    QWidget *m_empty;
    QWidget *m_content;
    QString m_factsKey;
};

} // namespace Nbc::Ui
