// The language choice without a display: the saved setting, the menu that saves it, and
// the fall back to the source text where no translation is found. The German window
// itself is tested under Xvfb (xvfb/tst_germanwindow.cpp).

#include "uitestutil.h"

#include "languagechoice.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QMenu>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QWidget>

using namespace Nbc::Ui;

class TestLanguageChoice : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void savedDefaultsToTheSystem();
    void menuSavesTheChoice();
    void englishOrMissingTranslationSpeaksEnglish();

private:
    QTemporaryDir m_settingsDir;
};

void TestLanguageChoice::initTestCase()
{
    UiTest::isolateSettings(m_settingsDir.path());
}

void TestLanguageChoice::savedDefaultsToTheSystem()
{
    QSettings().remove(QStringLiteral("ui/language"));
    QCOMPARE(LanguageChoice::saved(), QString());
    LanguageChoice::save(QStringLiteral("de"));
    QCOMPARE(LanguageChoice::saved(), QStringLiteral("de"));
    // A hand-written value that names no language the console has follows the system.
    QSettings().setValue(QStringLiteral("ui/language"), QStringLiteral("klingon"));
    QCOMPARE(LanguageChoice::saved(), QString());
    LanguageChoice::save(QString());
    QVERIFY(!QSettings().contains(QStringLiteral("ui/language")));
    QCOMPARE(LanguageChoice::choices(), (QStringList{QString(), QStringLiteral("en"), QStringLiteral("de")}));
}

void TestLanguageChoice::menuSavesTheChoice()
{
    LanguageChoice::save(QStringLiteral("en"));
    QWidget parent;
    QMenu *menu = LanguageChoice::createMenu(&parent);
    QCOMPARE(menu->title(), QStringLiteral("&Language"));
    QCOMPARE(menu->objectName(), QStringLiteral("languageMenu"));
    auto *system = menu->findChild<QAction *>(QStringLiteral("language-system"));
    auto *english = menu->findChild<QAction *>(QStringLiteral("language-en"));
    auto *german = menu->findChild<QAction *>(QStringLiteral("language-de"));
    QVERIFY(system && english && german);
    // Radio items, the saved one checked; each language named in its own words.
    QVERIFY(english->isChecked() && !system->isChecked() && !german->isChecked());
    QVERIFY(english->actionGroup() && english->actionGroup()->isExclusive());
    QCOMPARE(german->text(), QStringLiteral("&Deutsch"));
    german->trigger();
    QCOMPARE(LanguageChoice::saved(), QStringLiteral("de"));
    QVERIFY(german->isChecked() && !english->isChecked());
    system->trigger();
    QCOMPARE(LanguageChoice::saved(), QString());
    // The menu says when a choice applies, in an item that cannot be clicked.
    bool note = false;
    for (QAction *action : menu->actions())
        note |= !action->isEnabled() && action->text().contains(QLatin1String("starts again"));
    QVERIFY(note);
}

void TestLanguageChoice::englishOrMissingTranslationSpeaksEnglish()
{
    QTemporaryDir empty;
    QCOMPARE(LanguageChoice::install(QStringLiteral("en"), empty.path()), QStringLiteral("en"));
    QCOMPARE(LanguageChoice::install(QStringLiteral("de"), empty.path()), QStringLiteral("en"));
    QCOMPARE(QCoreApplication::translate("StageStyle", "Joined", "stage"), QStringLiteral("Joined"));
}

QTEST_MAIN(TestLanguageChoice)
#include "tst_languagechoice.moc"
