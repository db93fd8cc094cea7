#pragma once
// Numbers as text for settings files, independent of the process locale: the GUI runs under the user's locale
// (Qt calls setlocale), where strtod may want "0,05", but a YAML file always says 0.05.
#include <cstdint>
#include <string>

namespace core {

// The whole text as one plain decimal integer ("8", "-3"); false for "8.0", "0x8", "1e3", "" or out of range.
bool parseInt64(const std::string& text, int64_t& value);
// The whole text as one number ("0.05", "2.0e-4", "1"); false for anything else, including trailing characters.
bool parseDouble(const std::string& text, double& value);
// The shortest decimal that parseDouble reads back as exactly `value` ("0.05", not 0.050000000000000003).
std::string formatDouble(double value);

} // namespace core
