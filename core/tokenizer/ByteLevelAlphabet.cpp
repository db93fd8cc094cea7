#include "core/tokenizer/ByteLevelAlphabet.h"

#include "core/tokenizer/Utf8.h"

namespace core {

ByteLevelAlphabet::ByteLevelAlphabet()
{
    // Printable Latin-1 bytes stand for themselves; the rest are shifted to U+0100.. in byte order.
    const auto printable = [](int b) { return (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF); };
    m_byteOfCodePoint.fill(-1);
    int shifted = 0;
    for (int b = 0; b < 256; ++b) {
        const char32_t c = printable(b) ? static_cast<char32_t>(b) : static_cast<char32_t>(256 + shifted++);
        m_codePoint[b] = c;
        utf8::append(m_utf8[b], c);
        m_byteOfCodePoint[c] = b;
    }
}

const ByteLevelAlphabet& ByteLevelAlphabet::instance()
{
    static const ByteLevelAlphabet alphabet;
    return alphabet;
}

std::string ByteLevelAlphabet::encode(std::string_view bytes) const
{
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char b : bytes)
        out += m_utf8[b];
    return out;
}

bool ByteLevelAlphabet::decode(std::string_view token, std::string& bytesOut) const
{
    std::string bytes;
    for (std::size_t i = 0; i < token.size(); i += utf8::sequenceLength(static_cast<unsigned char>(token[i]))) {
        const char32_t c = utf8::decodeAt(token, i);
        if (c >= m_byteOfCodePoint.size() || m_byteOfCodePoint[c] < 0)
            return false;
        bytes += static_cast<char>(m_byteOfCodePoint[c]);
    }
    bytesOut += bytes;
    return true;
}

} // namespace core
