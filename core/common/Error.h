#pragma once
// Two tiers of failure, as c10 does it:
//  - core::Error: the user's input is wrong (a file, a record, a field, a setting). The message names what is
//    wrong and how to fix it. The CLI maps it to exit status 2, the GUI shows it in one dialog.
//  - core::InternalError (LORAWB_ASSERT): a bug in LoRA Workbench. Exit status 1.
#include <sstream>
#include <stdexcept>
#include <string>

namespace core {

class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
};

class InternalError : public std::logic_error {
public:
    explicit InternalError(const std::string& message) : std::logic_error(message) {}
};

namespace detail {
template <typename... Parts>
std::string concat(const Parts&... parts)
{
    std::ostringstream out;
    (out << ... << parts);
    return out.str();
}
} // namespace detail

} // namespace core

// Throws core::Error built from the streamed parts when cond is false: LORAWB_CHECK(r > 0, "lora.r must be > 0, got ", r)
#define LORAWB_CHECK(cond, ...)                                                                                  \
    do {                                                                                                         \
        if (!(cond))                                                                                             \
            throw ::core::Error(::core::detail::concat(__VA_ARGS__));                                            \
    } while (false)

// Throws core::Error unconditionally (for branches that are bad input by construction).
#define LORAWB_FAIL(...) throw ::core::Error(::core::detail::concat(__VA_ARGS__))

// An internal invariant; failing it is a bug, not bad input.
#define LORAWB_ASSERT(cond, ...)                                                                                 \
    do {                                                                                                         \
        if (!(cond))                                                                                             \
            throw ::core::InternalError(::core::detail::concat("internal error at ", __FILE__, ":", __LINE__,    \
                                                               ": " #cond " ", ##__VA_ARGS__));                  \
    } while (false)
