#pragma once
#include <nlohmann/json_fwd.hpp>

namespace core::cli {

// Prints a --json result: one object on one line of stdout (scripts take the last line that parses). Text that is not
// valid UTF-8 (a model may generate half a character) is replaced rather than failing the command.
void printJson(const nlohmann::json& object);

} // namespace core::cli
