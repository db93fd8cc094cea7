#include "ui/common/ErrorText.h"

#include "core/common/Error.h"

#include <c10/util/Exception.h>

#include <QCoreApplication>

namespace ui {

ErrorText describeException(const std::exception_ptr& error)
{
    ErrorText text;
    try {
        std::rethrow_exception(error);
    } catch (const core::Error& e) {
        text.message = QString::fromUtf8(e.what());
        text.detail = text.message;
    } catch (const c10::Error& e) {
        text.message = QCoreApplication::translate("ui::ErrorText", "libtorch: %1")
                           .arg(QString::fromUtf8(e.what_without_backtrace()));
        text.detail = QString::fromUtf8(e.what());
    } catch (const core::InternalError& e) {
        text.message = QCoreApplication::translate("ui::ErrorText", "Internal error (please report it): %1")
                           .arg(QString::fromUtf8(e.what()));
        text.detail = text.message;
    } catch (const std::exception& e) {
        text.message = QString::fromUtf8(e.what());
        text.detail = text.message;
    } catch (...) {
        text.message = QCoreApplication::translate("ui::ErrorText", "Unknown error");
        text.detail = text.message;
    }
    return text;
}

} // namespace ui
