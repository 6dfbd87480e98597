#include "languagechoice.h"

#include <QAction>
#include <QActionGroup>
#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QMenu>
#include <QSettings>
#include <QTranslator>

namespace Nbc::Ui::LanguageChoice {

namespace {

const QString kKey = QStringLiteral("ui/language");
// Marks the translators this file installed, so a second install() replaces them.
const QString kOwnTranslator = QStringLiteral("nbcLanguageChoice");

void removeInstalled()
{
    QCoreApplication *app = QCoreApplication::instance();
    if (!app)
        return;
    const QList<QTranslator *> ours = app->findChildren<QTranslator *>(kOwnTranslator, Qt::FindDirectChildrenOnly);
    for (QTranslator *translator : ours) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }
}

bool installFile(const QLocale &locale, const QString &name, const QString &directory)
{
    auto *translator = new QTranslator(QCoreApplication::instance());
    translator->setObjectName(kOwnTranslator);
    if (translator->load(locale, name, QStringLiteral("_"), directory) && QCoreApplication::installTranslator(translator))
        return true;
    delete translator;
    return false;
}

} // namespace

QString saved()
{
    const QString code = QSettings().value(kKey).toString();
    return choices().contains(code) ? code : QString();
}

void save(const QString &code)
{
    QSettings settings;
    if (code.isEmpty())
        settings.remove(kKey);
    else
        settings.setValue(kKey, code);
}

QStringList choices()
{
    return {QString(), QStringLiteral("en"), QStringLiteral("de")};
}

QString install(const QString &code, const QString &directory)
{
    removeInstalled();
    if (!QCoreApplication::instance() || code == QLatin1String("en"))
        return QStringLiteral("en");
    // QLocale() follows LANG / LC_ALL / LC_MESSAGES; its uiLanguages() are tried in order.
    const QLocale locale = code.isEmpty() ? QLocale() : QLocale(code);
    if (!installFile(locale, QStringLiteral("netboot-console"), directory))
        return QStringLiteral("en");
    // Qt's own words (the standard buttons' Cancel, Yes, the file dialog), where installed.
    installFile(locale, QStringLiteral("qtbase"), QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    return QLocale::languageToCode(locale.language());
}

QMenu *createMenu(QWidget *parent)
{
    auto *menu = new QMenu(QCoreApplication::translate("LanguageChoice", "&Language"), parent);
    menu->setObjectName(QStringLiteral("languageMenu"));
    auto *group = new QActionGroup(menu);
    group->setExclusive(true);
    const QString current = saved();
    // Each language is named in its own words, so a user who cannot read the current one
    // still finds theirs.
    const struct
    {
        QString code;
        QString label;
    } items[] = {
        {QString(), QCoreApplication::translate("LanguageChoice", "&System language")},
        {QStringLiteral("en"), QStringLiteral("&English")},
        {QStringLiteral("de"), QStringLiteral("&Deutsch")},
    };
    for (const auto &item : items) {
        QAction *action = menu->addAction(item.label);
        action->setObjectName(QStringLiteral("language-") + (item.code.isEmpty() ? QStringLiteral("system") : item.code));
        action->setCheckable(true);
        action->setChecked(item.code == current);
        action->setData(item.code);
        group->addAction(action);
        QObject::connect(action, &QAction::triggered, menu, [code = item.code] { save(code); });
    }
    menu->addSeparator();
    QAction *note = menu->addAction(QCoreApplication::translate("LanguageChoice", "Applies when the console starts again"));
    note->setEnabled(false);
    return menu;
}

} // namespace Nbc::Ui::LanguageChoice
