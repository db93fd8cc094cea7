#pragma once
// Python's str algorithms that templates call as methods (message.content.strip()) and that the filters are built
// on (trim, title, indent, replace). UTF-8 in and out; positions and counts are in code points, as Python's are.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace core::chat::pystr {

// strip / lstrip / rstrip; without chars, Python's whitespace.
std::string strip(const std::string& s, const std::optional<std::string>& chars, bool left, bool right);
// split / rsplit; without sep, runs of whitespace separate and empty pieces are dropped. maxSplit < 0: no limit.
std::vector<std::string> split(const std::string& s, const std::optional<std::string>& sep, std::int64_t maxSplit, bool fromRight);
std::vector<std::string> splitLines(const std::string& s, bool keepEnds);
std::string replace(const std::string& s, const std::string& from, const std::string& to, std::int64_t count);
std::int64_t find(const std::string& s, const std::string& sub, bool fromRight); // code point index, -1 if absent
std::int64_t count(const std::string& s, const std::string& sub);
std::string title(const std::string& s);      // str.title
std::string capitalize(const std::string& s); // str.capitalize

// Character classes over the whole string, as str.isdigit() etc. (false for "").
enum class CharClass { Digit, Alpha, Alnum, Space, Lower, Upper };
bool is(const std::string& s, CharClass cls);

} // namespace core::chat::pystr
