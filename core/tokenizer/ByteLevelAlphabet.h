#pragma once
// GPT-2's byte-to-character table (HF ByteLevel): each of the 256 byte values stands as one printable character, so
// that a byte-level BPE vocabulary ("Ġthe", "Ċ") is a set of ordinary strings.
#include <array>
#include <string>
#include <string_view>

namespace core {

class ByteLevelAlphabet {
public:
    static const ByteLevelAlphabet& instance();
    // Every byte of `bytes` as its character (UTF-8).
    std::string encode(std::string_view bytes) const;
    // The bytes a token's characters stand for, or false when a character is not in the table (HF then keeps the
    // token's own UTF-8 bytes).
    bool decode(std::string_view token, std::string& bytesOut) const;
    const std::string& charOf(unsigned char byte) const { return m_utf8[byte]; }

private:
    ByteLevelAlphabet();
    std::array<char32_t, 256> m_codePoint{};
    std::array<std::string, 256> m_utf8;
    std::array<int, 512> m_byteOfCodePoint{}; // every table code point is < 512; -1 where none
};

} // namespace core
