#include "ui/i18n/UiLanguage.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

#include <memory>

namespace ui {

namespace {

const char* const kSettingsKey = "ui/language";

// The catalogues installed now; replaced as a whole on every switch so that no stale one keeps answering.
struct InstalledCatalogues {
    QString code = QStringLiteral("en");
    std::unique_ptr<QTranslator> app;
    std::unique_ptr<QTranslator> qt;
};

InstalledCatalogues& installed()
{
    static InstalledCatalogues catalogues;
    return catalogues;
}

bool isUiLanguage(const QString& code)
{
    for (const UiLanguage& language : uiLanguages())
        if (language.code == code)
            return true;
    return false;
}

QLocale localeOf(const QString& code)
{
    // English keeps the system's own English variant (en_GB dates stay British); otherwise the language's main one.
    if (code == QLatin1String("en"))
        return QLocale::system().language() == QLocale::English ? QLocale::system()
                                                                 : QLocale(QLocale::English, QLocale::UnitedStates);
    return QLocale(code);
}

} // namespace

const QList<UiLanguage>& uiLanguages()
{
    static const QList<UiLanguage> languages = {
        {QStringLiteral("en"), QStringLiteral("English")},
        {QStringLiteral("ko"), QStringLiteral("한국어")},
    };
    return languages;
}

QString startupLanguage()
{
    const QString remembered = QSettings().value(kSettingsKey).toString();
    if (isUiLanguage(remembered))
        return remembered;
    const QString system = QLocale::system().name().section(QLatin1Char('_'), 0, 0);
    return isUiLanguage(system) ? system : QStringLiteral("en");
}

bool applyUiLanguage(const QString& code)
{
    if (!isUiLanguage(code))
        return false;
    InstalledCatalogues& now = installed();
    for (auto* old : {now.app.get(), now.qt.get()})
        if (old)
            QCoreApplication::removeTranslator(old);
    now.app.reset();
    now.qt.reset();
    QLocale::setDefault(localeOf(code));

    auto app = std::make_unique<QTranslator>();
    if (app->load(QStringLiteral(":/i18n/lorawb_%1.qm").arg(code)))
        now.app = std::move(app);
    auto qt = std::make_unique<QTranslator>();
    if (code != QLatin1String("en") &&
        qt->load(QStringLiteral("qtbase_%1").arg(code), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        now.qt = std::move(qt);
    // Installing sends LanguageChange to every widget; English without a plural catalogue still needs one.
    for (auto* catalogue : {now.qt.get(), now.app.get()})
        if (catalogue)
            QCoreApplication::installTranslator(catalogue);
    if (!now.app && !now.qt && QCoreApplication::instance())
        QCoreApplication::postEvent(QCoreApplication::instance(), new QEvent(QEvent::LanguageChange));
    now.code = code;
    return true;
}

QString currentUiLanguage()
{
    return installed().code;
}

void rememberUiLanguage(const QString& code)
{
    QSettings().setValue(kSettingsKey, code);
}

} // namespace ui
