#pragma once
// tokenizer.json's pattern object, {"String": "..."} or {"Regex": "..."}, compiled once.
#include "core/tokenizer/Pcre2Regex.h"

#include <nlohmann/json.hpp>

#include <string>

namespace core {

Pcre2Regex parseHfPattern(const nlohmann::json& pattern, const std::string& where);
// Every match of `regex` in text replaced by `content` (Replace normalizer and decoder).
std::string replacedAll(const std::string& text, const Pcre2Regex& regex, const std::string& content);

} // namespace core
