#pragma once
// Exceptions cross into the UI once, as text: core::Error (bad input, already phrased for the user), c10::Error
// (libtorch; what_without_backtrace() for the user, the full text for the log) and any std::exception. Core's messages
// are English; in another UI language `message` leads them with a translated line saying so.
#include <QString>

#include <exception>

namespace ui {

struct ErrorText {
    QString message; ///< for a dialog or an inline label
    QString detail;  ///< for the log (backtrace included where libtorch gave one)
};

// Call from inside a catch block or with std::current_exception().
ErrorText describeException(const std::exception_ptr& error);

} // namespace ui
