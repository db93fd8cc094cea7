#pragma once
#include <string>
#include <vector>

namespace core::cli {

// Exit statuses of the CLI contract.
constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitBadInput = 2;

// Runs `lorawb <args...>` (args excludes the program name). Never throws: every error ends in a message on stderr
// and one of the exit statuses above.
int run(const std::vector<std::string>& args);

} // namespace core::cli
