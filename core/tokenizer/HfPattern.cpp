#include "core/tokenizer/HfPattern.h"

#include "core/common/Error.h"

namespace core {

Pcre2Regex parseHfPattern(const nlohmann::json& pattern, const std::string& where)
{
    LORAWB_CHECK(pattern.is_object() && pattern.size() == 1, where,
                 ": \"pattern\" must be {\"String\": ...} or {\"Regex\": ...}, got ", pattern.dump());
    if (pattern.contains("String") && pattern.at("String").is_string())
        return Pcre2Regex(escapedForRegex(pattern.at("String").get<std::string>()), where);
    LORAWB_CHECK(pattern.contains("Regex") && pattern.at("Regex").is_string(), where,
                 ": \"pattern\" must be {\"String\": ...} or {\"Regex\": ...}, got ", pattern.dump());
    return Pcre2Regex(pattern.at("Regex").get<std::string>(), where);
}

std::string replacedAll(const std::string& text, const Pcre2Regex& regex, const std::string& content)
{
    const auto matches = regex.findAll(text);
    if (matches.empty())
        return text;
    std::string out;
    std::size_t previous = 0;
    for (const auto& [begin, end] : matches) {
        out.append(text, previous, begin - previous);
        out += content;
        previous = end;
    }
    out.append(text, previous, std::string::npos);
    return out;
}

} // namespace core
