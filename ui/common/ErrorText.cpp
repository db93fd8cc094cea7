#include "ui/common/ErrorText.h"

#include "core/common/Error.h"
#include "ui/i18n/UiLanguage.h"

#include <c10/util/Exception.h>

#include <QCoreApplication>

namespace ui {

namespace {

// A message the window worded itself (a tr() text thrown as core::Error) is in the user's language already.
bool writtenInLatinScript(const QString& message)
{
    for (QChar c : message)
        if (c.isLetter() && c.script() != QChar::Script_Latin && c.script() != QChar::Script_Greek)
            return false;
    return true;
}

// Core speaks English: it is Qt-free and shared with the CLI. In another language the window says so in a lead line
// of its own, and shows the message as core worded it (the file, record, field and fix it names included).
QString withLanguageLead(const QString& message)
{
    if (currentUiLanguage() == QLatin1String("en") || !writtenInLatinScript(message))
        return message;
    return QCoreApplication::translate("ui::ErrorText", "Message from the engine (in English):") + QLatin1Char('\n') +
           message;
}

} // namespace

ErrorText describeException(const std::exception_ptr& error)
{
    ErrorText text;
    try {
        std::rethrow_exception(error);
    } catch (const core::Error& e) {
        text.detail = QString::fromUtf8(e.what());
        text.message = withLanguageLead(text.detail);
    } catch (const c10::Error& e) {
        text.message = QCoreApplication::translate("ui::ErrorText", "libtorch: %1")
                           .arg(QString::fromUtf8(e.what_without_backtrace()));
        text.detail = QString::fromUtf8(e.what());
    } catch (const core::InternalError& e) {
        text.message = QCoreApplication::translate("ui::ErrorText", "Internal error (please report it): %1")
                           .arg(QString::fromUtf8(e.what()));
        text.detail = text.message;
    } catch (const std::exception& e) {
        text.detail = QString::fromUtf8(e.what());
        text.message = withLanguageLead(text.detail);
    } catch (...) {
        text.message = QCoreApplication::translate("ui::ErrorText", "Unknown error");
        text.detail = text.message;
    }
    return text;
}

} // namespace ui
