#pragma once
// The UTF-8 facts tokenizer.json processing needs: HF `tokenizers` works on Rust strings (chars), we on bytes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace core::utf8 {

// Length of the UTF-8 sequence that starts with byte `lead` (1 for a stray continuation or invalid byte, so that a
// scan always advances).
inline std::size_t sequenceLength(unsigned char lead)
{
    if (lead < 0x80)
        return 1;
    if ((lead >> 5) == 0x6)
        return 2;
    if ((lead >> 4) == 0xE)
        return 3;
    if ((lead >> 3) == 0x1E)
        return 4;
    return 1;
}

// The code point at text[pos] (text must be valid UTF-8, which every string we build from a parsed file is).
char32_t decodeAt(std::string_view text, std::size_t pos);
void append(std::string& out, char32_t codePoint);
std::size_t charCount(std::string_view text);
bool isValid(std::string_view bytes);
// Rust's String::from_utf8_lossy: every maximal invalid subpart becomes one U+FFFD (what HF decoders return).
std::string lossy(std::string_view bytes);

} // namespace core::utf8
