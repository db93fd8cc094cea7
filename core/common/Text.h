#pragma once
#include <string>
#include <vector>

namespace core {

// "a, b, c": how messages list names (supported values, available modules, columns found).
inline std::string joinedWithCommas(const std::vector<std::string>& items)
{
    std::string out;
    for (const auto& item : items)
        out += (out.empty() ? "" : ", ") + item;
    return out;
}

inline bool endsWith(const std::string& text, const std::string& suffix)
{
    return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// ASCII lowering for keys, enum words and file extensions: what we read is
// ASCII, and std::tolower on a negative char is undefined.
inline std::string asciiLower(std::string text)
{
    for (char& c : text)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return text;
}

} // namespace core
