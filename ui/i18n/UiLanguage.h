#pragma once
// The languages the window speaks and switching between them while it runs. Translations are Qt Linguist catalogues
// (resources/translations/*.ts, compiled to .qm and embedded under :/i18n); Qt's own (qtbase_*.qm: the buttons of
// standard dialogs) come from the system when installed. Installing a translator makes Qt send
// QEvent::LanguageChange to every widget, and each one re-sets its texts in its retranslateUi().
#include <QList>
#include <QString>

namespace ui {

struct UiLanguage {
    QString code;       ///< "en", "ko": the catalogue's suffix and QSettings' value
    QString nativeName; ///< the language's name in itself, as the View → Language menu lists it
};

// Every language with a catalogue, English first.
const QList<UiLanguage>& uiLanguages();

// The language to start in: the choice remembered by the menu, else the system locale's language when there is a
// catalogue for it (LANG=ko_KR.UTF-8 starts in Korean), else English.
QString startupLanguage();

// Installs `code`'s catalogues and makes it the default QLocale (numbers and dates in the GUI follow it). Returns
// false, changing nothing, when `code` is not one of uiLanguages().
bool applyUiLanguage(const QString& code);

// The language applyUiLanguage() installed last ("en" before any call).
QString currentUiLanguage();

// Remembers the choice for the next start (QSettings "ui/language").
void rememberUiLanguage(const QString& code);

} // namespace ui
