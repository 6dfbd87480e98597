// The window in German on a real X server (run under xvfb-run with LANG=de_DE.UTF-8):
// the translation is installed the way the application does it, the demo's window is
// captured to screenshots/window-de.png for a person to look at, and every text a person
// sees is checked against the English sources that have a different German translation.

#include "../uitestutil.h"

#include "firstrunwizard.h"
#include "languagechoice.h"
#include "machinefiltermodel.h"
#include "machinetablemodel.h"
#include "machinetableview.h"
#include "mainwindow.h"
#include "stagestyle.h"

#include "engine/servicehost.h"
#include "session/setupplan.h"
#include "inventory/workspace.h"
#include "sim/demo.h"

#include <QAbstractButton>
#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QLibraryInfo>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QPixmap>
#include <QSet>
#include <QSettings>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>
#include <QTreeWidget>
#include <QToolButton>
#include <QXmlStreamReader>

using namespace Nbc;
using namespace Nbc::Ui;

namespace {

// "&Datei" -> "Datei"; "&&" stays a literal ampersand.
QString withoutAccelerator(QString text)
{
    text.replace(QStringLiteral("&&"), QStringLiteral("\x01"));
    text.remove(u'&');
    text.replace(u'\x01', u'&');
    return text.trimmed();
}

QChar mnemonic(const QString &text)
{
    QString t = text;
    t.remove(QStringLiteral("&&"));
    const qsizetype at = t.indexOf(u'&');
    return at >= 0 && at + 1 < t.size() ? t.at(at + 1).toLower() : QChar();
}

// The English texts a German window must not show: sources whose German translation
// differs, less any text that is also a German translation ("Download", "Kernel").
QSet<QString> englishOnlyTexts(const QString &tsPath)
{
    QFile file(tsPath);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QSet<QString> english;
    QSet<QString> german;
    QXmlStreamReader xml(&file);
    QString source;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("source")) {
            source = withoutAccelerator(xml.readElementText());
        } else if (xml.name() == QLatin1String("translation")) {
            const QString translation = withoutAccelerator(xml.readElementText(QXmlStreamReader::IncludeChildElements));
            german.insert(translation);
            // Texts with placeholders are shown filled in; they cannot be matched whole.
            if (!source.contains(u'%') && !source.isEmpty() && translation != source)
                english.insert(source);
        }
    }
    return english - german;
}

void collectMenu(const QMenu *menu, const QString &path, QStringList *texts)
{
    for (QAction *action : menu->actions()) {
        if (action->isSeparator())
            continue;
        const QString here = path + QStringLiteral(" ▸ ") + withoutAccelerator(action->text());
        texts->append(here.section(QStringLiteral(" ▸ "), -1));
        if (!action->toolTip().isEmpty())
            texts->append(action->toolTip());
        if (!action->statusTip().isEmpty())
            texts->append(action->statusTip());
        if (action->menu())
            collectMenu(action->menu(), here, texts);
    }
}

// Every text a person reads in the window: labels, buttons, group boxes, tabs, dock
// titles, combo boxes, placeholders, the table's header and the menus with their items.
QStringList visibleTexts(QWidget *window)
{
    QStringList texts;
    const auto widgets = window->findChildren<QWidget *>();
    for (QWidget *w : widgets) {
        if (!w->isVisibleTo(window))
            continue;
        if (auto *label = qobject_cast<QLabel *>(w)) {
            QTextDocument doc;
            doc.setHtml(label->text());
            texts << (Qt::mightBeRichText(label->text()) ? doc.toPlainText() : label->text());
        } else if (auto *button = qobject_cast<QAbstractButton *>(w)) {
            texts << button->text() << button->toolTip();
        } else if (auto *box = qobject_cast<QGroupBox *>(w)) {
            texts << box->title();
        } else if (auto *tabs = qobject_cast<QTabBar *>(w)) {
            for (int i = 0; i < tabs->count(); ++i)
                texts << tabs->tabText(i);
        } else if (auto *dock = qobject_cast<QDockWidget *>(w)) {
            texts << dock->windowTitle();
        } else if (auto *combo = qobject_cast<QComboBox *>(w)) {
            for (int i = 0; i < combo->count(); ++i)
                texts << combo->itemText(i);
        } else if (auto *edit = qobject_cast<QLineEdit *>(w)) {
            texts << edit->placeholderText();
        }
    }
    if (auto *main = qobject_cast<QMainWindow *>(window)) {
        for (QAction *top : main->menuBar()->actions()) {
            texts << top->text();
            if (top->menu())
                collectMenu(top->menu(), top->text(), &texts);
        }
    }
    QStringList result;
    for (const QString &text : std::as_const(texts)) {
        const QString clean = withoutAccelerator(text);
        if (!clean.isEmpty())
            result << clean;
    }
    return result;
}

} // namespace

class TestGermanWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void languageMenuSavesTheChoice();
    void germanWindow();
    void germanWizard();
    void cleanupTestCase();

private:
    QTemporaryDir m_settingsDir;
};

void TestGermanWindow::initTestCase()
{
    if (QGuiApplication::platformName() != QLatin1String("xcb"))
        QSKIP("needs a real X server: run under xvfb-run");
    UiTest::isolateSettings(m_settingsDir.path());
    // As the application starts: the saved choice is "" (the system's), and the system
    // says German through LANG=de_DE.UTF-8 (set by the test's environment).
    QCOMPARE(LanguageChoice::saved(), QString());
    const QString spoken = LanguageChoice::install(LanguageChoice::saved(), QStringLiteral(NBC_DE_QM_DIR));
    if (QLocale().language() == QLocale::German)
        QCOMPARE(spoken, QStringLiteral("de"));
    else   // run by hand without LANG: choose German as the settings would
        QCOMPARE(LanguageChoice::install(QStringLiteral("de"), QStringLiteral(NBC_DE_QM_DIR)), QStringLiteral("de"));
}

// View ▸ Language: radio items, the choice saved under ui/language, "" for the system's.
void TestGermanWindow::languageMenuSavesTheChoice()
{
    QWidget parent;
    QMenu *menu = LanguageChoice::createMenu(&parent);
    QCOMPARE(menu->title(), QStringLiteral("S&prache"));
    auto *system = menu->findChild<QAction *>(QStringLiteral("language-system"));
    auto *english = menu->findChild<QAction *>(QStringLiteral("language-en"));
    auto *german = menu->findChild<QAction *>(QStringLiteral("language-de"));
    QVERIFY(system && english && german);
    QVERIFY(system->isChecked());
    QVERIFY(system->actionGroup() && system->actionGroup()->isExclusive());
    QCOMPARE(system->text(), QStringLiteral("&Systemsprache"));
    german->trigger();
    QCOMPARE(LanguageChoice::saved(), QStringLiteral("de"));
    QCOMPARE(QSettings().value(QStringLiteral("ui/language")).toString(), QStringLiteral("de"));
    english->trigger();
    QCOMPARE(LanguageChoice::saved(), QStringLiteral("en"));
    system->trigger();
    QCOMPARE(LanguageChoice::saved(), QString());
    QVERIFY(!QSettings().contains(QStringLiteral("ui/language")));
    // A value written by hand that is no language falls back to the system's.
    QSettings().setValue(QStringLiteral("ui/language"), QStringLiteral("xx"));
    QCOMPARE(LanguageChoice::saved(), QString());
    QSettings().remove(QStringLiteral("ui/language"));
    // The note that a restart applies it is there, and not clickable.
    bool note = false;
    for (QAction *action : menu->actions())
        note |= !action->isEnabled() && action->text() == QStringLiteral("Wirkt beim nächsten Start der Konsole");
    QVERIFY(note);
}

void TestGermanWindow::germanWindow()
{
    // The stage names, as the table, the bar and the filter show them.
    QCOMPARE(StageStyle::title(Stage::Discovered), QStringLiteral("Erkannt"));
    QCOMPARE(StageStyle::title(Stage::FirmwareFiles), QStringLiteral("Firmwaredateien"));
    QCOMPARE(StageStyle::title(Stage::Waiting), QStringLiteral("Wartet auf Konfiguration"));
    QCOMPARE(StageStyle::title(Stage::Installing), QStringLiteral("Installation"));
    QCOMPARE(StageStyle::title(Stage::Joined), QStringLiteral("Beigetreten"));
    QCOMPARE(StageStyle::title(Stage::Installed), QStringLiteral("Installiert"));
    QCOMPARE(StageStyle::title(Stage::Failed), QStringLiteral("Fehlgeschlagen"));

    ConsoleSession session;
    QString error;
    Sim::DemoDriver *demo = Sim::openDemo(&session, 24, nullptr, &error);
    QVERIFY2(demo, qPrintable(error));
    MainWindow window(&session);
    demo->setParent(&window);
    window.setDemoNote(QCoreApplication::translate("runWindow", "demo: %n simulated machines on this computer", nullptr, 24));
    session.startServices();
    window.resize(1600, 960);
    window.move(0, 0);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    auto *model = UiTest::child<MachineTableModel>(&window, "machineModel");
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() >= 24, 120000);
    // Machines in several stages, so several stage names are in the picture.
    QSet<int> stages;
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 25000) {
        QTest::qWait(500);
        stages.clear();
        for (int row = 0; row < model->rowCount(); ++row)
            stages.insert(model->index(row, MachineTableModel::StageColumn).data(MachineTableModel::StageRole).toInt());
        if (stages.size() >= 3 && clock.elapsed() > 8000)
            break;
    }
    QVERIFY2(stages.size() >= 3, qPrintable(QString::number(stages.size())));
    UiTest::child<MachineTableView>(&window, "machineTable")->selectRow(0);
    QTest::qWait(300);

    const QString path = QStringLiteral(NBC_BINARY_DIR "/screenshots/window-de.png");
    QDir().mkpath(QFileInfo(path).path());
    QVERIFY(window.grab().toImage().convertToFormat(QImage::Format_RGB32).save(path));
    qInfo("screenshot: %s", qPrintable(path));

    // The menus: German titles, and no two titles of the menu bar on the same Alt key.
    QStringList titles;
    QSet<QChar> keys;
    for (QAction *top : window.menuBar()->actions()) {
        titles << top->text();
        const QChar key = mnemonic(top->text());
        QVERIFY2(!key.isNull() && !keys.contains(key), qPrintable(QStringLiteral("Alt+%1 twice: %2").arg(key, titles.join(u' '))));
        keys.insert(key);
    }
    for (const char *title : {"&Datei", "&Bearbeiten", "&Maschine", "D&ienste", "&Ansicht"})
        QVERIFY2(titles.contains(QString::fromUtf8(title)), qPrintable(titles.join(u' ')));
    // Within a menu, each item on its own key.
    for (QAction *top : window.menuBar()->actions()) {
        QMenu *menu = top->menu();
        if (!menu)
            continue;
        QMap<QChar, QStringList> byKey;
        for (QAction *action : menu->actions())
            if (!action->isSeparator() && !mnemonic(action->text()).isNull())
                byKey[mnemonic(action->text())] << action->text();
        for (auto it = byKey.cbegin(); it != byKey.cend(); ++it)
            QVERIFY2(it.value().size() == 1, qPrintable(top->text() + QStringLiteral(": ") + it.value().join(QStringLiteral(", "))));
    }

    // The table's header, and every column a technician needs in view, with its title whole.
    QCOMPARE(model->headerData(MachineTableModel::StageColumn, Qt::Horizontal).toString(), QStringLiteral("Phase"));
    QCOMPARE(model->headerData(MachineTableModel::HintColumn, Qt::Horizontal).toString(), QStringLiteral("Hinweis"));
    QCOMPARE(model->headerData(MachineTableModel::ConfigColumn, Qt::Horizontal).toString(), QStringLiteral("Konfiguration"));
    QCOMPARE(model->headerData(MachineTableModel::LastSeenColumn, Qt::Horizontal).toString(), QStringLiteral("Zuletzt gesehen"));
    auto *table = UiTest::child<MachineTableView>(&window, "machineTable");
    QHeaderView *header = table->horizontalHeader();
    for (int column = 0; column < model->columnCount(); ++column) {
        if (header->isSectionHidden(column))
            continue;
        const QString title = model->headerData(column, Qt::Horizontal).toString();
        const int needed = header->fontMetrics().horizontalAdvance(title);
        QVERIFY2(header->sectionSize(column) >= needed,
                 qPrintable(QStringLiteral("'%1' needs %2 px, has %3").arg(title).arg(needed).arg(header->sectionSize(column))));
    }
    for (int column : {MachineTableModel::MacColumn, MachineTableModel::StageColumn, MachineTableModel::ProgressColumn,
                       MachineTableModel::ConfigColumn, MachineTableModel::HostnameColumn, MachineTableModel::HintColumn}) {
        const int left = header->sectionViewportPosition(column);
        QVERIFY2(left >= 0 && left + header->sectionSize(column) <= table->viewport()->width(),
                 qPrintable(model->headerData(column, Qt::Horizontal).toString()));
    }

    // The stage column speaks German in every row.
    QSet<QString> german;
    for (int s = 0; s <= int(Stage::Failed); ++s)
        german.insert(StageStyle::title(Stage(s)));
    auto *filter = UiTest::child<MachineFilterModel>(&window, "machineFilterModel");
    for (int row = 0; row < filter->rowCount(); ++row) {
        const QString shown = filter->index(row, MachineTableModel::StageColumn).data().toString();
        bool known = false;
        for (const QString &title : std::as_const(german))
            known |= shown.startsWith(title) || shown.startsWith(QStringLiteral("Hängt"));
        QVERIFY2(known, qPrintable(shown));
    }

    // Nothing in English: no text in view equals an English source with another German text.
    const QSet<QString> english = englishOnlyTexts(QStringLiteral(NBC_DE_TS));
    QVERIFY(english.size() > 300);
    auto englishLeft = [&] {
        QStringList left;
        for (const QString &text : visibleTexts(&window))
            if (english.contains(text) && !left.contains(text))
                left << text;
        return left.join(QStringLiteral(" | "));
    };
    QString left = englishLeft();
    QVERIFY2(left.isEmpty(), qPrintable(QStringLiteral("still English: ") + left));

    // The selected machine's details, brought to the front where the dock shares its place.
    auto *detail = UiTest::child<QDockWidget>(&window, "machineDetailDock");
    detail->show();
    detail->raise();
    QTest::qWait(300);
    QVERIFY(detail->grab().save(QStringLiteral(NBC_BINARY_DIR "/screenshots/window-de-detail.png")));
    left = englishLeft();
    QVERIFY2(left.isEmpty(), qPrintable(QStringLiteral("still English: ") + left));

    session.stopServices();
    session.services()->shutdown();
}

// The first-run wizard's first pages in German (screenshots/wizard-de-*.png), with Qt's own
// words on its buttons where the system has Qt's German.
void TestGermanWindow::germanWizard()
{
    QTemporaryDir dir;
    const QString ws = dir.path();
    FirstRunWizard wizard(ws, Ports{}, [ws](const SetupPlan &plan) {
        Workspace workspace = Workspace::open(ws);
        return Setup::apply(workspace, plan);
    });
    wizard.setProbeTimeout(300);
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    QCOMPARE(wizard.windowTitle(), QStringLiteral("Netboot Console einrichten"));
    if (QFile::exists(QLibraryInfo::path(QLibraryInfo::TranslationsPath) + QStringLiteral("/qtbase_de.qm")))
        QCOMPARE(withoutAccelerator(wizard.button(QWizard::CancelButton)->text()), QStringLiteral("Abbrechen"));
    const QSet<QString> english = englishOnlyTexts(QStringLiteral(NBC_DE_TS));
    auto check = [&](const QString &name) {
        QTest::qWait(200);
        QVERIFY(wizard.grab().save(QStringLiteral(NBC_BINARY_DIR "/screenshots/wizard-de-%1.png").arg(name)));
        QStringList left;
        for (const QString &text : visibleTexts(&wizard))
            if (english.contains(text) && !left.contains(text))
                left << text;
        QVERIFY2(left.isEmpty(), qPrintable(name + QStringLiteral(": still English: ") + left.join(QStringLiteral(" | "))));
    };
    check(QStringLiteral("network"));
    auto *list = UiTest::child<QTreeWidget>(&wizard, "interfaceList");
    const auto loopback = list->findItems(QStringLiteral("lo"), Qt::MatchExactly, 0);
    QCOMPARE(loopback.size(), 1);
    list->setCurrentItem(loopback.first());
    wizard.next();
    QCOMPARE(wizard.currentId(), int(FirstRunWizard::Doctor));
    QTRY_VERIFY_WITH_TIMEOUT(wizard.currentPage()->isComplete(), 20000);
    check(QStringLiteral("doctor"));
    wizard.next();
    QCOMPARE(wizard.currentId(), int(FirstRunWizard::Artifacts));
    check(QStringLiteral("artifacts"));
    wizard.reject();
}

void TestGermanWindow::cleanupTestCase()
{
    LanguageChoice::install(QStringLiteral("en"));
}

QTEST_MAIN(TestGermanWindow)
#include "tst_germanwindow.moc"
