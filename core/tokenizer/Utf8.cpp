#include "core/tokenizer/Utf8.h"

namespace core::utf8 {
namespace {

bool isContinuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

// How many bytes starting at pos form a valid UTF-8 sequence (0 if none). The second byte's range rules are the
// Unicode standard's table 3-7, which is what makes "maximal subpart" replacement well defined.
std::size_t validSequenceAt(std::string_view s, std::size_t pos)
{
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    const unsigned char b0 = byte(pos);
    if (b0 < 0x80)
        return 1;
    std::size_t need = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (b0 >= 0xC2 && b0 <= 0xDF)
        need = 2;
    else if (b0 == 0xE0)
        need = 3, lo = 0xA0;
    else if (b0 >= 0xE1 && b0 <= 0xEC)
        need = 3;
    else if (b0 == 0xED)
        need = 3, hi = 0x9F;
    else if (b0 >= 0xEE && b0 <= 0xEF)
        need = 3;
    else if (b0 == 0xF0)
        need = 4, lo = 0x90;
    else if (b0 >= 0xF1 && b0 <= 0xF3)
        need = 4;
    else if (b0 == 0xF4)
        need = 4, hi = 0x8F;
    else
        return 0;
    for (std::size_t i = 1; i < need; ++i) {
        if (pos + i >= s.size())
            return 0;
        const unsigned char b = byte(pos + i);
        if (i == 1 ? (b < lo || b > hi) : !isContinuation(b))
            return 0;
    }
    return need;
}

// The length of the maximal subpart of an ill-formed sequence at pos (at least 1).
std::size_t invalidSubpartAt(std::string_view s, std::size_t pos)
{
    const unsigned char b0 = static_cast<unsigned char>(s[pos]);
    const std::size_t need = sequenceLength(b0);
    if (need == 1 || b0 == 0xC0 || b0 == 0xC1 || b0 > 0xF4)
        return 1;
    unsigned char lo = 0x80, hi = 0xBF;
    if (b0 == 0xE0)
        lo = 0xA0;
    else if (b0 == 0xED)
        hi = 0x9F;
    else if (b0 == 0xF0)
        lo = 0x90;
    else if (b0 == 0xF4)
        hi = 0x8F;
    std::size_t len = 1;
    while (len < need && pos + len < s.size()) {
        const unsigned char b = static_cast<unsigned char>(s[pos + len]);
        if (len == 1 ? (b < lo || b > hi) : !isContinuation(b))
            break;
        ++len;
    }
    return len;
}

} // namespace

char32_t decodeAt(std::string_view text, std::size_t pos)
{
    const auto b = [&](std::size_t i) { return static_cast<char32_t>(static_cast<unsigned char>(text[pos + i])); };
    switch (sequenceLength(static_cast<unsigned char>(text[pos]))) {
    case 2:
        return ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
    case 3:
        return ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
    case 4:
        return ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
    default:
        return b(0);
    }
}

void append(std::string& out, char32_t c)
{
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

std::size_t charCount(std::string_view text)
{
    std::size_t n = 0;
    for (std::size_t i = 0; i < text.size(); i += sequenceLength(static_cast<unsigned char>(text[i])))
        ++n;
    return n;
}

bool isValid(std::string_view bytes)
{
    for (std::size_t i = 0; i < bytes.size();) {
        const std::size_t n = validSequenceAt(bytes, i);
        if (n == 0)
            return false;
        i += n;
    }
    return true;
}

std::string lossy(std::string_view bytes)
{
    std::string out;
    out.reserve(bytes.size());
    for (std::size_t i = 0; i < bytes.size();) {
        const std::size_t n = validSequenceAt(bytes, i);
        if (n > 0) {
            out.append(bytes.substr(i, n));
            i += n;
        } else {
            out += "\xEF\xBF\xBD";
            i += invalidSubpartAt(bytes, i);
        }
    }
    return out;
}

} // namespace core::utf8
