#include "core/lora/ModuleMatching.h"

#include "core/common/Error.h"

#include <regex>

namespace core {

bool matchesName(const std::string& entry, const std::string& moduleName)
{
    if (moduleName == entry)
        return true;
    return moduleName.size() > entry.size() &&
           moduleName.compare(moduleName.size() - entry.size(), entry.size(), entry) == 0 &&
           moduleName[moduleName.size() - entry.size() - 1] == '.';
}

bool matchesAnyName(const std::vector<std::string>& entries, const std::string& moduleName)
{
    for (const auto& e : entries)
        if (matchesName(e, moduleName))
            return true;
    return false;
}

bool regexMatchesWhole(const std::string& regex, const std::string& moduleName)
{
    try {
        return std::regex_match(moduleName, std::regex(regex));
    } catch (const std::regex_error& e) {
        LORAWB_FAIL("lora.target_modules: \"", regex, "\" is not a valid regular expression (", e.what(), ").");
    }
}

int layerIndexOf(const std::string& moduleName)
{
    static const std::regex pattern(R"((^|\.)layers\.(\d+)\.)");
    std::smatch match;
    if (std::regex_search(moduleName, match, pattern))
        return std::stoi(match[2].str());
    return -1;
}

template <typename T>
T patternValue(const OrderedMapping<T>& pattern, const std::string& moduleName, T fallback)
{
    for (const auto& [key, value] : pattern) {
        try {
            if (std::regex_match(moduleName, std::regex("(.*\\.)?(" + key + ")$")))
                return value;
        } catch (const std::regex_error& e) {
            LORAWB_FAIL("lora rank_pattern/alpha_pattern: key \"", key, "\" is not a valid regular expression (", e.what(), ").");
        }
    }
    return fallback;
}

template int patternValue<int>(const OrderedMapping<int>&, const std::string&, int);
template double patternValue<double>(const OrderedMapping<double>&, const std::string&, double);

} // namespace core
