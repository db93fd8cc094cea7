#include "core/chat/Utf8.h"

#include "core/chat/Work.h"

namespace core::chat::utf8 {
namespace {

constexpr char32_t kEscapeBase = 0xDC00; // invalid byte b decodes to U+DC00 + b, like Python's surrogateescape

bool inRange(char32_t c, char32_t first, char32_t last) { return c >= first && c <= last; }

// Unicode Case_Ignorable over the blocks we case-map and the common punctuation (apostrophes, modifier letters and
// symbols, combining marks, format characters, CJK iteration marks), for the final-sigma rule.
bool isCaseIgnorable(char32_t c)
{
    return c == '\'' || c == '.' || c == ':' || c == '^' || c == '`' || c == 0xA8 || c == 0xAD || c == 0xAF ||
        c == 0xB4 || c == 0xB7 || c == 0xB8 || inRange(c, 0x2B0, 0x36F) || c == 0x374 || c == 0x375 || c == 0x37A ||
        c == 0x384 || c == 0x385 || c == 0x387 || inRange(c, 0x483, 0x489) || inRange(c, 0x200B, 0x200F) ||
        c == 0x2018 || c == 0x2019 || c == 0x2024 || c == 0x2027 || inRange(c, 0x202A, 0x202E) ||
        inRange(c, 0x2060, 0x2064) || inRange(c, 0x2066, 0x206F) || inRange(c, 0x20D0, 0x20F0) || c == 0x3005 ||
        inRange(c, 0x3031, 0x3035) || c == 0x303B || inRange(c, 0xFE00, 0xFE0F) || c == 0xFEFF || c == 0xFF07 ||
        c == 0xFF0E || c == 0xFF1A || c == 0xFF3E || c == 0xFF40;
}

// Python's Final_Sigma context for the capital sigma at text[i]: a cased letter before it and none after it, skipping
// case-ignorable characters both ways.
bool isFinalSigma(const std::u32string& text, std::size_t i)
{
    std::size_t before = i;
    while (before > 0 && isCaseIgnorable(text[before - 1]))
        --before;
    if (before == 0 || !isCased(text[before - 1]))
        return false;
    std::size_t after = i + 1;
    while (after < text.size() && isCaseIgnorable(text[after]))
        ++after;
    return after == text.size() || !isCased(text[after]);
}

} // namespace

std::u32string decode(std::string_view s)
{
    chargeWork(s.size() / kBytesPerStep);
    std::u32string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        const auto b = static_cast<unsigned char>(s[i]);
        int extra = b < 0x80 ? 0 : (b >> 5) == 0x6 ? 1 : (b >> 4) == 0xE ? 2 : (b >> 3) == 0x1E ? 3 : -1;
        char32_t c = extra == 0 ? b : extra == 1 ? (b & 0x1F) : extra == 2 ? (b & 0x0F) : (b & 0x07);
        bool valid = extra >= 0;
        for (int k = 1; valid && k <= extra; ++k) {
            if (i + k >= s.size() || (static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80)
                valid = false;
            else
                c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        }
        // Overlong forms, surrogates and values past U+10FFFF are not UTF-8 either.
        if (valid && ((extra == 1 && c < 0x80) || (extra == 2 && c < 0x800) || (extra == 3 && c < 0x10000) ||
                      inRange(c, 0xD800, 0xDFFF) || c > 0x10FFFF))
            valid = false;
        if (!valid) {
            out.push_back(kEscapeBase + b);
            ++i;
            continue;
        }
        out.push_back(c);
        i += static_cast<std::size_t>(extra) + 1;
    }
    return out;
}

void append(std::string& out, char32_t c)
{
    if (inRange(c, kEscapeBase + 0x80, kEscapeBase + 0xFF)) {
        out.push_back(static_cast<char>(c - kEscapeBase));
    } else if (c < 0x80) {
        out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (c >> 6)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (c >> 12)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (c >> 18)));
        out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
}

std::string encode(std::u32string_view s)
{
    std::string out;
    out.reserve(s.size());
    for (char32_t c : s)
        append(out, c);
    return out;
}

bool isAscii(std::string_view s)
{
    for (char c : s)
        if (static_cast<unsigned char>(c) >= 0x80)
            return false;
    return true;
}

std::size_t length(std::string_view s)
{
    chargeWork(s.size() / kBytesPerStep);
    return isAscii(s) ? s.size() : decode(s).size();
}

std::vector<std::string> characters(std::string_view s)
{
    std::vector<std::string> out;
    for (char32_t c : decode(s)) {
        std::string one;
        append(one, c);
        out.push_back(std::move(one));
    }
    return out;
}

bool isSpace(char32_t c)
{
    return inRange(c, 0x09, 0x0D) || inRange(c, 0x1C, 0x20) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
        inRange(c, 0x2000, 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

bool isLineBreak(char32_t c)
{
    return inRange(c, 0x0A, 0x0D) || inRange(c, 0x1C, 0x1E) || c == 0x85 || c == 0x2028 || c == 0x2029;
}

bool isWordChar(char32_t c)
{
    if (c < 0x80)
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    if (c < 0xA0 || isSpace(c) || inRange(c, kEscapeBase + 0x80, kEscapeBase + 0xFF)) // C1 controls, spaces, bytes
        return false;
    if (inRange(c, 0xA1, 0xBF)) // Latin-1 punctuation and symbols, but ª µ º and the superscript digits/fractions
        return c == 0xAA || c == 0xB5 || c == 0xBA || c == 0xB2 || c == 0xB3 || c == 0xB9 || inRange(c, 0xBC, 0xBE);
    // Not words: × ÷, combining marks (Latin, Cyrillic), general punctuation and format characters, currency, arrows /
    // math / technical / enclosed / box drawing / dingbats / misc symbols, CJK punctuation and numerals (々 〆 and the
    // kana repeat marks are letters), vertical and small forms, BOM, fullwidth punctuation, emoji. Numeric symbols
    // (① ❶ 〇) are \w in Python but not isalpha, which this also answers (pystr::is): they count as symbols.
    return !(c == 0xD7 || c == 0xF7 || inRange(c, 0x300, 0x36F) || inRange(c, 0x483, 0x489) ||
             inRange(c, 0x2000, 0x206F) || inRange(c, 0x20A0, 0x20FF) || inRange(c, 0x2190, 0x2BFF) ||
             inRange(c, 0x3001, 0x3004) || inRange(c, 0x3007, 0x3030) || inRange(c, 0x3036, 0x303A) ||
             inRange(c, 0x303D, 0x303F) ||
             inRange(c, 0xFE10, 0xFE1F) || inRange(c, 0xFE30, 0xFE4F) || c == 0xFEFF || inRange(c, 0xFF01, 0xFF0F) ||
             inRange(c, 0xFF1A, 0xFF20) || inRange(c, 0xFF3B, 0xFF40) || inRange(c, 0xFF5B, 0xFF65) ||
             inRange(c, 0x1F000, 0x1FAFF));
}

char32_t upper(char32_t c)
{
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') ? c - 32 : c;
    if (c == 0xB5)
        return 0x39C; // micro sign → capital mu
    if (inRange(c, 0xE0, 0xFE) && c != 0xF7)
        return c - 32;
    if (c == 0xFF)
        return 0x178;
    if (c == 0x131)
        return 'I';
    if (c == 0x17F)
        return 'S';
    if (inRange(c, 0x100, 0x137) || inRange(c, 0x14A, 0x177))
        return (c % 2 == 1) ? c - 1 : c;
    if (inRange(c, 0x139, 0x148) || inRange(c, 0x179, 0x17E))
        return (c % 2 == 0) ? c - 1 : c;
    if (c == 0x3C2)
        return 0x3A3; // final sigma
    if (inRange(c, 0x3B1, 0x3CB))
        return c - 32;
    if (c == 0x3AC)
        return 0x386;
    if (inRange(c, 0x3AD, 0x3AF))
        return c - 37;
    if (c == 0x3CC)
        return 0x38C;
    if (c == 0x3CD || c == 0x3CE)
        return c - 63;
    if (inRange(c, 0x430, 0x44F))
        return c - 32;
    if (inRange(c, 0x450, 0x45F))
        return c - 80;
    if (inRange(c, 0x460, 0x481) || inRange(c, 0x48A, 0x4BF) || inRange(c, 0x4D0, 0x52F))
        return (c % 2 == 1) ? c - 1 : c;
    if (inRange(c, 0x4C1, 0x4CE))
        return (c % 2 == 0) ? c - 1 : c;
    if (c == 0x4CF)
        return 0x4C0;
    if (inRange(c, 0x1E00, 0x1E95) || inRange(c, 0x1EA0, 0x1EFF)) // Latin Extended Additional (Vietnamese)
        return (c % 2 == 1) ? c - 1 : c;
    if (c == 0x1E9B)
        return 0x1E60; // long s with dot above
    if (inRange(c, 0xFF41, 0xFF5A))
        return c - 32;
    return c;
}

char32_t lower(char32_t c)
{
    if (c < 0x80)
        return (c >= 'A' && c <= 'Z') ? c + 32 : c;
    if (inRange(c, 0xC0, 0xDE) && c != 0xD7)
        return c + 32;
    if (c == 0x178)
        return 0xFF;
    if (c == 0x130)
        return 'i'; // İ; toLower adds the combining dot above, as str.lower does
    if (inRange(c, 0x100, 0x137) || inRange(c, 0x14A, 0x177))
        return (c % 2 == 0) ? c + 1 : c;
    if (inRange(c, 0x139, 0x148) || inRange(c, 0x179, 0x17E))
        return (c % 2 == 1) ? c + 1 : c;
    if (inRange(c, 0x391, 0x3AB) && c != 0x3A2)
        return c + 32;
    if (c == 0x386)
        return 0x3AC;
    if (inRange(c, 0x388, 0x38A))
        return c + 37;
    if (c == 0x38C)
        return 0x3CC;
    if (c == 0x38E || c == 0x38F)
        return c + 63;
    if (inRange(c, 0x410, 0x42F))
        return c + 32;
    if (inRange(c, 0x400, 0x40F))
        return c + 80;
    if (inRange(c, 0x460, 0x481) || inRange(c, 0x48A, 0x4BF) || inRange(c, 0x4D0, 0x52F))
        return (c % 2 == 0) ? c + 1 : c;
    if (c == 0x4C0)
        return 0x4CF;
    if (inRange(c, 0x4C1, 0x4CE))
        return (c % 2 == 1) ? c + 1 : c;
    if (inRange(c, 0x1E00, 0x1E95) || inRange(c, 0x1EA0, 0x1EFF)) // Latin Extended Additional (Vietnamese)
        return (c % 2 == 0) ? c + 1 : c;
    if (c == 0x1E9E)
        return 0xDF; // capital sharp s
    if (inRange(c, 0xFF21, 0xFF3A))
        return c + 32;
    return c;
}

bool isCased(char32_t c)
{
    return upper(c) != c || lower(c) != c || c == 0xDF;
}

std::string toUpper(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    for (char32_t c : decode(s)) {
        if (c == 0xDF)
            out += "SS";
        else
            append(out, upper(c));
    }
    return out;
}

std::string toLower(std::string_view s)
{
    const std::u32string text = decode(s);
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == 0x130) // İ → i + combining dot above
            out += "i\xCC\x87";
        else if (text[i] == 0x3A3) // Σ → ς at the end of a word, else σ
            append(out, isFinalSigma(text, i) ? 0x3C2 : 0x3C3);
        else
            append(out, lower(text[i]));
    }
    return out;
}

} // namespace core::chat::utf8
