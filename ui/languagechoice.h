#pragma once

#include <QString>
#include <QStringList>

class QMenu;
class QWidget;

namespace Nbc::Ui::LanguageChoice {

// The language the window speaks, as saved in the settings under "ui/language":
// "" follows the system's locale, "en" is the source text, "de" is German.
QString saved();
void save(const QString &code);

// The codes a user can choose, "" (the system's) first.
QStringList choices();

// Installs the console's translation for `code` ("" = the system's locale) from
// `directory` (":/i18n" in the application), with Qt's own translation for the standard
// dialog buttons where the system has it. Replaces what an earlier call installed, so a
// test can switch. Returns the language now spoken: "de", or "en" when there is no
// translation for the locale (or English was chosen).
QString install(const QString &code = saved(), const QString &directory = QStringLiteral(":/i18n"));

// View ▸ Language: the system's, English, Deutsch as radio items; a choice is saved and
// applies at the next start (the menu says so).
QMenu *createMenu(QWidget *parent);

} // namespace Nbc::Ui::LanguageChoice
