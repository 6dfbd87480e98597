// Edit ▸ Rules… in the window: a rule added through its form, saved to netboot.yaml and
// followed at once by the machines it matches (the table says which rule gave them their
// config); one undo step takes it back and redo brings it again. Problems are said next to
// their field; the table and the form are driven by keyboard. Pictures of the editor and
// of the form land in screenshots/ (rules-editor.png, rules-edit-form.png).
#include "uitestutil.h"

#include "machinetablemodel.h"
#include "ruleform.h"
#include "rulesactions.h"
#include "ruleseditor.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTest>
#include <QUndoStack>
#include <QVBoxLayout>

#include <memory>

using namespace Nbc;
using namespace Nbc::Ui;

namespace {

const QString kDell1 = QStringLiteral("52:54:00:00:00:11");
const QString kDell2 = QStringLiteral("52:54:00:00:00:12");
const QString kLenovo = QStringLiteral("52:54:00:00:00:21");

QString screenshot(const QString &name)
{
    QDir().mkpath(QStringLiteral(NBC_BINARY_DIR "/screenshots"));
    return QStringLiteral(NBC_BINARY_DIR "/screenshots/%1.png").arg(name);
}

QByteArray read(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// A machine as iPXE reports it: maker, model and serial; firmware from its DHCP.
void see(MachineRegistry *registry, const QString &mac, const QString &manufacturer, const QString &product,
         const QString &serial, int arch = 7)
{
    MachineEvent e = makeEvent(EventKind::DhcpDiscover, mac, QHostAddress(QStringLiteral("10.0.0.5")));
    e.time = QDateTime::currentDateTimeUtc();
    e.facts.insert(QStringLiteral("arch"), arch);
    e.facts.insert(QStringLiteral("manufacturer"), manufacturer);
    e.facts.insert(QStringLiteral("product"), product);
    e.facts.insert(QStringLiteral("serial"), serial);
    registry->handleEvent(e);
}

void setText(QWidget *root, const char *name, const QString &text)
{
    auto *edit = UiTest::child<QLineEdit>(root, name);
    edit->selectAll();
    edit->del();
    QTest::keyClicks(edit, text);
}

void choose(QWidget *root, const char *name, const QString &data)
{
    auto *combo = UiTest::child<QComboBox>(root, name);
    const int index = combo->findData(data);
    QVERIFY2(index >= 0, qPrintable(data));
    combo->setCurrentIndex(index);
}

// The form open now (a closed one may linger until its deferred delete).
RuleForm *shownForm(QWidget *editor)
{
    for (int i = 0; i < 200; ++i) {
        const QList<RuleForm *> forms = editor->findChildren<RuleForm *>(QStringLiteral("ruleForm"));
        for (RuleForm *form : forms) {
            if (form->isVisible())
                return form;
        }
        QTest::qWait(10);
    }
    return nullptr;
}

void clickOk(RuleForm *form)
{
    QPointer<RuleForm> guard = form;
    UiTest::child<QPushButton>(form, "ruleOk")->click();
    QTRY_VERIFY(!guard || !guard->isVisible());
}

} // namespace

class tst_RulesEditor : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_settings;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ConsoleSession> m_session;
    std::unique_ptr<QUndoStack> m_undo;
    std::unique_ptr<QWidget> m_window;
    RulesActions *m_actions = nullptr;

    QString yamlPath() const { return m_dir->filePath(QStringLiteral("netboot.yaml")); }

    RulesEditor *openEditor()
    {
        m_actions->editAction()->trigger();
        const QList<RulesEditor *> editors = m_window->findChildren<RulesEditor *>(QStringLiteral("rulesEditor"));
        for (RulesEditor *editor : editors) {
            if (editor->isVisible() && QTest::qWaitForWindowExposed(editor))
                return editor;
        }
        return nullptr;
    }

    static MachineRule workers()
    {
        MachineRule rule;
        rule.name = QStringLiteral("optiplex-workers");
        rule.match.manufacturer = QStringLiteral("Dell*");
        rule.match.firmware = QStringLiteral("uefi");
        rule.configPath = QStringLiteral("configs/worker.yaml");
        rule.hostname = QStringLiteral("worker-{n:02}");
        rule.installDisk = QStringLiteral("/dev/nvme0n1");
        return rule;
    }

private Q_SLOTS:
    void initTestCase()
    {
        UiTest::isolateSettings(m_settings.path());
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        UiTest::makeWorkspace(m_dir->path());
        m_session = std::make_unique<ConsoleSession>();
        QVERIFY2(m_session->open(m_dir->path(), UiTest::loopbackOverrides()), qPrintable(m_session->error()));
        see(m_session->registry(), kDell1, QStringLiteral("Dell Inc."), QStringLiteral("OptiPlex 7060"), QStringLiteral("5CG1234A"));
        see(m_session->registry(), kDell2, QStringLiteral("Dell Inc."), QStringLiteral("OptiPlex 7060"), QStringLiteral("5CG1234B"));
        see(m_session->registry(), kLenovo, QStringLiteral("LENOVO"), QStringLiteral("ThinkCentre M720q"),
            QStringLiteral("PF2ABCDE"), 0);
        m_undo = std::make_unique<QUndoStack>();
        m_window = std::make_unique<QWidget>();
        m_window->resize(1000, 600);
        m_actions = new RulesActions(m_session.get(), m_session->configs(), m_undo.get(), m_window.get());
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanup()
    {
        m_window.reset();
        m_undo.reset();
        m_session.reset();
        m_dir.reset();
    }

    void actionHasItsShortcut()
    {
        QAction *action = m_actions->editAction();
        QCOMPARE(action->objectName(), QStringLiteral("editRulesAction"));
        QCOMPARE(action->text(), QStringLiteral("Ru&les…"));
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
        // Opened twice, it is one editor.
        RulesEditor *editor = openEditor();
        QVERIFY(editor);
        QCOMPARE(m_actions->openEditor(), editor);
        QCOMPARE(editor->windowModality(), Qt::WindowModal);
        editor->reject();
    }

    // The acceptance: added through the form, saved, followed; one undo step, undone and redone.
    void addedRuleIsSavedFollowedAndUndoable()
    {
        MachineTableModel table(m_session.get());
        QTRY_COMPARE(table.rowCount(), 3);
        auto configText = [&table](const QString &mac) {
            return table.index(table.rowOf(mac), MachineTableModel::ConfigColumn).data().toString();
        };
        RulesEditor *editor = openEditor();
        const QPointer<RulesEditor> closing = editor;
        QVERIFY(editor);
        auto *rows = UiTest::child<QTableWidget>(editor, "rulesTable");
        QCOMPARE(rows->rowCount(), 0);
        QVERIFY(!UiTest::child<QPushButton>(editor, "editRuleButton")->isEnabled());

        UiTest::child<QPushButton>(editor, "addRuleButton")->click();
        RuleForm *form = shownForm(editor);
        QVERIFY(form);
        // A new rule has a name it may keep, and no config yet: OK waits for one.
        QCOMPARE(UiTest::child<QLineEdit>(form, "ruleName")->text(), QStringLiteral("rule-2"));
        QVERIFY(!UiTest::child<QPushButton>(form, "ruleOk")->isEnabled());
        QVERIFY(UiTest::child<QLabel>(form, "configProblem")->isVisible());
        setText(form, "ruleName", QStringLiteral("optiplex-workers"));
        setText(form, "ruleManufacturer", QStringLiteral("Dell*"));
        choose(form, "ruleFirmware", QStringLiteral("uefi"));
        choose(form, "ruleConfig", QStringLiteral("configs/worker.yaml"));
        setText(form, "ruleInstallDisk", QStringLiteral("/dev/nvme0n1"));
        setText(form, "ruleHostname", QStringLiteral("worker-{n:02}"));
        QVERIFY2(form->problems().isEmpty(), qPrintable(form->problems().join(u'\n')));
        QVERIFY(UiTest::child<QPushButton>(form, "ruleOk")->isEnabled());
        QVERIFY(!UiTest::child<QLabel>(form, "configProblem")->isVisible());
        const QString matches = UiTest::child<QLabel>(form, "ruleMatches")->text();
        QVERIFY2(matches.startsWith(QLatin1String("Matches 2 machines now")), qPrintable(matches));
        const QString preview = UiTest::child<QLabel>(form, "ruleHostnamePreview")->text();
        QVERIFY2(preview.contains(QLatin1String("<b>worker-01</b>")) && preview.contains(kDell1), qPrintable(preview));
        QApplication::processEvents();
        QVERIFY(form->grab().save(screenshot(QStringLiteral("rules-edit-form"))));
        clickOk(form);
        QCOMPARE(rows->rowCount(), 1);
        QCOMPARE(rows->item(0, RulesEditor::MatchesColumn)->text(), QStringLiteral("2 machines"));
        QCOMPARE(rows->item(0, RulesEditor::MatchColumn)->text(), QStringLiteral("manufacturer Dell*, UEFI"));

        // A second rule, by MAC range, for the BIOS box.
        UiTest::child<QPushButton>(editor, "addRuleButton")->click();
        form = shownForm(editor);
        QVERIFY(form);
        setText(form, "ruleName", QStringLiteral("control-plane"));
        setText(form, "ruleMacRange", QStringLiteral("52:54:00:00:00:20-52:54:00:00:00:2f"));
        choose(form, "ruleConfig", QStringLiteral("configs/controlplane.yaml"));
        setText(form, "ruleHostname", QStringLiteral("cp-{serial}"));
        QVERIFY(UiTest::child<QLabel>(form, "ruleHostnamePreview")->text().contains(QLatin1String("cp-pf2abcde")));
        clickOk(form);
        QCOMPARE(rows->rowCount(), 2);
        // Nothing is written before Save.
        QVERIFY(m_session->flushFiles());   // netboot.yaml is written by the file thread
        QVERIFY(!read(yamlPath()).contains("rules:"));
        QVERIFY(m_session->ruleOf(kDell1).isEmpty());

        UiTest::child<QPushButton>(editor, "saveRulesButton")->click();
        // Closed on Save, and deleted soon after (WA_DeleteOnClose): watched through a guard.
        QTRY_VERIFY(!closing || !closing->isVisible());
        QVERIFY(m_session->flushFiles());   // netboot.yaml is written by the file thread
        QByteArray yaml = read(yamlPath());
        QVERIFY2(yaml.contains("rules:\n  - name: optiplex-workers\n    match: {manufacturer: \"Dell*\", firmware: \"uefi\"}\n"
                               "    config: configs/worker.yaml\n    hostname: \"worker-{n:02}\"\n    installDisk: /dev/nvme0n1\n"
                               "  - name: control-plane\n"),
                 yaml.constData());
        QCOMPARE(m_session->ruleOf(kDell1), QStringLiteral("optiplex-workers"));
        QCOMPARE(m_session->assignment(kDell2), QStringLiteral("configs/worker.yaml"));
        QCOMPARE(m_session->ruleOf(kLenovo), QStringLiteral("control-plane"));
        QCOMPARE(m_session->displayName(kLenovo), QStringLiteral("cp-pf2abcde"));
        QTRY_COMPARE(configText(kDell1), QStringLiteral("worker.yaml (rule optiplex-workers)"));
        QCOMPARE(m_undo->count(), 1);
        QCOMPARE(m_undo->undoText(), QStringLiteral("Edit rules"));

        // The editor again, with the rules and what they match now: its picture.
        editor = openEditor();
        QVERIFY(editor);
        rows = UiTest::child<QTableWidget>(editor, "rulesTable");
        QCOMPARE(rows->rowCount(), 2);
        QCOMPARE(rows->item(1, RulesEditor::MatchesColumn)->text(), QStringLiteral("1 machine"));
        QApplication::processEvents();
        QVERIFY(editor->grab().save(screenshot(QStringLiteral("rules-editor"))));
        editor->reject();

        m_undo->undo();
        QVERIFY(m_session->flushFiles());   // netboot.yaml is written by the file thread
        QVERIFY(!read(yamlPath()).contains("rules:"));
        QVERIFY(m_session->rules().isEmpty());
        QVERIFY(m_session->ruleOf(kDell1).isEmpty());
        QVERIFY(m_session->assignment(kDell1).isEmpty());
        QTRY_VERIFY(!configText(kDell1).contains(QLatin1String("rule")));
        m_undo->redo();
        QVERIFY(m_session->flushFiles());   // netboot.yaml is written by the file thread
        QCOMPARE(read(yamlPath()), yaml);
        QCOMPARE(m_session->ruleOf(kDell1), QStringLiteral("optiplex-workers"));
        QTRY_COMPARE(configText(kDell1), QStringLiteral("worker.yaml (rule optiplex-workers)"));
        // Still one number each: worker-01 stays worker-01 through undo and redo.
        QCOMPARE(m_session->displayName(kDell1), QStringLiteral("worker-01"));
    }

    void duplicateNameIsSaidNextToTheName()
    {
        QVERIFY(m_session->setRules({workers()}));
        RulesEditor *editor = openEditor();
        QVERIFY(editor);
        UiTest::child<QTableWidget>(editor, "rulesTable")->selectRow(0);
        UiTest::child<QPushButton>(editor, "duplicateRuleButton")->click();
        RuleForm *form = shownForm(editor);
        QVERIFY(form);
        QCOMPARE(UiTest::child<QLineEdit>(form, "ruleName")->text(), QStringLiteral("optiplex-workers-2"));
        QCOMPARE(UiTest::child<QLineEdit>(form, "ruleManufacturer")->text(), QStringLiteral("Dell*"));
        auto *problem = UiTest::child<QLabel>(form, "nameProblem");
        QVERIFY(!problem->isVisible());
        setText(form, "ruleName", QStringLiteral("optiplex-workers"));
        QVERIFY(problem->isVisible());
        QCOMPARE(problem->text(), QStringLiteral("another rule is named 'optiplex-workers' too"));
        QVERIFY(!UiTest::child<QPushButton>(form, "ruleOk")->isEnabled());
        // Other fields are said in their own place, several at once.
        setText(form, "ruleMacRange", QStringLiteral("52:54:00:00:00:3f-52:54:00:00:00:10"));
        setText(form, "ruleHostname", QStringLiteral("node-{rack}"));
        QVERIFY(UiTest::child<QLabel>(form, "macRangeProblem")->text().contains(QLatin1String("runs backwards")));
        QVERIFY(UiTest::child<QLabel>(form, "hostnameProblem")->text().contains(QLatin1String("{rack} is not a field")));
        QCOMPARE(form->problems().size(), 3);
        QApplication::processEvents();
        QVERIFY(form->grab().save(screenshot(QStringLiteral("rules-edit-form-problems"))));
        setText(form, "ruleName", QStringLiteral("optiplex-spares"));
        setText(form, "ruleMacRange", QString());
        setText(form, "ruleHostname", QStringLiteral("spare-{n}"));
        QVERIFY(!problem->isVisible());
        QVERIFY(UiTest::child<QPushButton>(form, "ruleOk")->isEnabled());
        clickOk(form);
        auto *rows = UiTest::child<QTableWidget>(editor, "rulesTable");
        QCOMPARE(rows->rowCount(), 2);
        QCOMPARE(rows->item(1, RulesEditor::NameColumn)->text(), QStringLiteral("optiplex-spares"));
        editor->reject();
        QCOMPARE(m_session->rules().size(), 1);   // cancelled: nothing written
        QCOMPARE(m_undo->count(), 0);
    }

    // Delete removes, Enter edits, Alt+Up moves; Tab goes down the form in reading order.
    void keyboard()
    {
        MachineRule second = workers();
        second.name = QStringLiteral("catch-all");
        second.match = {};
        QVERIFY(m_session->setRules({workers(), second}));
        RulesEditor *editor = openEditor();
        const QPointer<RulesEditor> closing = editor;
        QVERIFY(editor);
        auto *rows = UiTest::child<QTableWidget>(editor, "rulesTable");
        QApplication::setActiveWindow(editor);
        QVERIFY(QTest::qWaitForWindowActive(editor));
        rows->setFocus();
        rows->selectRow(1);
        QTest::keyClick(rows, Qt::Key_Up, Qt::AltModifier);
        QCOMPARE(editor->rules().first().name, QStringLiteral("catch-all"));
        QCOMPARE(rows->currentRow(), 0);
        QCOMPARE(rows->item(0, RulesEditor::MatchColumn)->text(), QStringLiteral("every machine"));
        QTest::keyClick(rows, Qt::Key_Return);
        RuleForm *form = shownForm(editor);
        QVERIFY(form);
        QCOMPARE(UiTest::child<QLineEdit>(form, "ruleName")->text(), QStringLiteral("catch-all"));
        QApplication::setActiveWindow(form);
        QVERIFY(QTest::qWaitForWindowActive(form));
        UiTest::child<QLineEdit>(form, "ruleName")->setFocus();
        QStringList visited;
        for (int i = 0; i < 10; ++i) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            visited << QApplication::focusWidget()->objectName();
        }
        QCOMPARE(visited, (QStringList{QStringLiteral("ruleMacPrefix"), QStringLiteral("ruleMacRange"),
                                       QStringLiteral("ruleManufacturer"), QStringLiteral("ruleProduct"),
                                       QStringLiteral("ruleSerial"), QStringLiteral("ruleFirmware"),
                                       QStringLiteral("ruleConfig"), QStringLiteral("ruleArtifacts"),
                                       QStringLiteral("ruleInstallDisk"), QStringLiteral("ruleHostname")}));
        // Each field's label carries an access key that reaches it.
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_K, Qt::AltModifier);
        QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("ruleInstallDisk"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
        QTRY_VERIFY(!form || !form->isVisible());
        QApplication::setActiveWindow(editor);
        rows->setFocus();
        QTest::keyClick(rows, Qt::Key_Delete);
        QCOMPARE(editor->rules().size(), 1);
        QCOMPARE(editor->rules().first().name, QStringLiteral("optiplex-workers"));
        QTest::keyClick(rows, Qt::Key_S, Qt::AltModifier);
        // Closed on Save, and deleted soon after (WA_DeleteOnClose): watched through a guard.
        QTRY_VERIFY(!closing || !closing->isVisible());
        QCOMPARE(m_session->rules().size(), 1);
        QCOMPARE(m_undo->undoText(), QStringLiteral("Remove rule catch-all"));
        m_undo->undo();
        QCOMPARE(m_session->rules().size(), 2);
        QCOMPARE(m_session->rules().at(1).name, QStringLiteral("catch-all"));   // its old place, too
    }

    // A rule hand-written in netboot.yaml whose config went away: marked, said, and Save
    // waits until it is fixed or removed.
    void brokenRuleFromTheFileIsMarked()
    {
        QVERIFY(m_session->setRules({workers()}));
        QVERIFY(QFile::remove(m_dir->filePath(QStringLiteral("configs/worker.yaml"))));
        RulesEditor *editor = openEditor();
        QVERIFY(editor);
        auto *rows = UiTest::child<QTableWidget>(editor, "rulesTable");
        QVERIFY(!rows->item(0, RulesEditor::NameColumn)->icon().isNull());
        QVERIFY(rows->item(0, RulesEditor::NameColumn)->toolTip().contains(QLatin1String("configs/worker.yaml")));
        QVERIFY(UiTest::child<QLabel>(editor, "rulesStatus")->text().contains(
            QLatin1String("rule 'optiplex-workers', config: configs/worker.yaml is not in the workspace folder")));
        QVERIFY(!UiTest::child<QPushButton>(editor, "saveRulesButton")->isEnabled());
        UiTest::child<QPushButton>(editor, "removeRuleButton")->click();
        QVERIFY(UiTest::child<QPushButton>(editor, "saveRulesButton")->isEnabled());
        editor->reject();
    }
};

QTEST_MAIN(tst_RulesEditor)
#include "tst_ruleseditor.moc"
