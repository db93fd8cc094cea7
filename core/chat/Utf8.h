#pragma once
// The few Unicode facts Python's str methods need, on UTF-8 strings. Python counts, indexes and slices strings in
// code points, strips and splits on its own whitespace set, and maps case over all of Unicode. Case mapping here covers
// Latin (ASCII, Latin-1, Latin Extended-A, Latin Extended Additional), basic Greek, Cyrillic and fullwidth Latin,
// which is what chat templates and their data meet in practice; other scripts are left as they are. Bytes that are
// not valid UTF-8 survive a decode / encode round trip (as Python's surrogateescape does), so nothing a template
// slices is ever altered.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace core::chat::utf8 {

std::u32string decode(std::string_view s);
std::string encode(std::u32string_view s);
void append(std::string& out, char32_t c);
std::size_t length(std::string_view s); // in code points
std::vector<std::string> characters(std::string_view s);
bool isAscii(std::string_view s);

bool isSpace(char32_t c);     // str.isspace
bool isLineBreak(char32_t c); // what str.splitlines splits on
bool isWordChar(char32_t c);  // regex \w, approximately outside ASCII
char32_t upper(char32_t c);   // the one-code-point mapping
char32_t lower(char32_t c);   // the one-code-point mapping (İ → i)
bool isCased(char32_t c);

std::string toUpper(std::string_view s); // str.upper (with ß → SS)
std::string toLower(std::string_view s); // str.lower (with İ → i + U+0307 and final sigma ς)

} // namespace core::chat::utf8
