#pragma once
// Failures inside the chat template engine, before they are turned into the core::Error the user sees. The lexer and
// the parser know the line and column (SyntaxError); everything at render time throws TemplateError with the bare
// message and ChatTemplate adds the template's name and the line being rendered, so that no helper has to carry them.
#include "core/common/Error.h"

#include <stdexcept>
#include <string>

namespace core::chat {

class TemplateError : public std::runtime_error {
public:
    explicit TemplateError(const std::string& message) : std::runtime_error(message) {}
};

class SyntaxError : public std::runtime_error {
public:
    SyntaxError(const std::string& message, int line, int column) : std::runtime_error(message), line(line), column(column) {}
    int line;
    int column;
};

// Throws TemplateError built from the streamed parts: fail("'", name, "' is undefined").
template <typename... Parts>
[[noreturn]] void fail(const Parts&... parts)
{
    throw TemplateError(::core::detail::concat(parts...));
}

} // namespace core::chat
