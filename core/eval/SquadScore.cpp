#include "core/eval/SquadScore.h"

#include "core/common/Error.h"

#include <algorithm>
#include <map>

namespace core {

namespace {

// UTF-8 to code points; an invalid byte becomes its own "code point" 0x110000 + byte, which nothing below matches,
// and goes back out as that byte.
constexpr char32_t kRawByte = 0x110000;

std::u32string decodeUtf8(const std::string& s)
{
    std::u32string out;
    for (size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        const int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
        bool ok = len > 0 && i + len <= s.size();
        char32_t c = len == 1 ? b : len == 2 ? b & 0x1F : len == 3 ? b & 0x0F : b & 0x07;
        for (int k = 1; ok && k < len; ++k) {
            const auto cont = static_cast<unsigned char>(s[i + k]);
            ok = (cont >> 6) == 2;
            c = (c << 6) | (cont & 0x3F);
        }
        if (ok) {
            out.push_back(c);
            i += len;
        } else {
            out.push_back(kRawByte + b);
            ++i;
        }
    }
    return out;
}

std::string encodeUtf8(const std::u32string& s)
{
    std::string out;
    for (char32_t c : s) {
        if (c >= kRawByte) {
            out.push_back(static_cast<char>(c - kRawByte));
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
    return out;
}

bool inRange(char32_t c, char32_t lo, char32_t hi)
{
    return c >= lo && c <= hi;
}

// Python's str.lower for the blocks we cover (table checked against Python by the "lower_case_table" fixture).
// Σ is decided by the caller (final sigma); İ becomes two code points there too.
char32_t lowerOf(char32_t c)
{
    const bool even = c % 2 == 0;
    if (inRange(c, 'A', 'Z') || inRange(c, 0xC0, 0xDE)) // Latin-1: À..Þ except ×
        return c == 0xD7 ? c : c + 32;
    if ((inRange(c, 0x100, 0x12F) || inRange(c, 0x132, 0x137) || inRange(c, 0x14A, 0x177)) && even)
        return c + 1;
    if ((inRange(c, 0x139, 0x148) || inRange(c, 0x179, 0x17E)) && !even)
        return c + 1;
    if (c == 0x178)
        return 0xFF;
    if ((inRange(c, 0x1E00, 0x1E95) || inRange(c, 0x1EA0, 0x1EFF)) && even)
        return c + 1;
    if (c == 0x1E9E) // ẞ
        return 0xDF;
    if (c == 0x386)
        return 0x3AC;
    if (inRange(c, 0x388, 0x38A))
        return c + 37;
    if (c == 0x38C)
        return 0x3CC;
    if (inRange(c, 0x38E, 0x38F))
        return c + 63;
    if (inRange(c, 0x391, 0x3AB) && c != 0x3A2)
        return c + 32;
    if (inRange(c, 0x400, 0x40F))
        return c + 80;
    if (inRange(c, 0x410, 0x42F))
        return c + 32;
    if ((inRange(c, 0x460, 0x481) || inRange(c, 0x48A, 0x4BF) || inRange(c, 0x4D0, 0x52F)) && even)
        return c + 1;
    if (c == 0x4C0)
        return 0x4CF;
    if (inRange(c, 0x4C1, 0x4CE) && !even)
        return c + 1;
    return c;
}

struct Range {
    char32_t lo, hi;
};

template <size_t N>
bool inAny(char32_t c, const Range (&ranges)[N])
{
    for (const Range& r : ranges)
        if (inRange(c, r.lo, r.hi))
            return true;
    return false;
}

// Unicode "cased" and "case-ignorable", approximately, for the final-sigma rule.
bool isCased(char32_t c)
{
    static const Range cased[] = {{'A', 'Z'}, {'a', 'z'}, {0xAA, 0xAA}, {0xB5, 0xB5}, {0xBA, 0xBA}, {0xC0, 0xD6},
                                  {0xD8, 0xF6}, {0xF8, 0x24F}, {0x370, 0x373}, {0x376, 0x377}, {0x37B, 0x37D},
                                  {0x37F, 0x37F}, {0x386, 0x386}, {0x388, 0x3FF}, {0x400, 0x481}, {0x48A, 0x52F},
                                  {0x1E00, 0x1FFF}};
    return inAny(c, cased);
}

bool isCaseIgnorable(char32_t c)
{
    static const Range ignorable[] = {{'\'', '\''}, {'.', '.'}, {':', ':'}, {'^', '^'}, {'`', '`'}, {0xA8, 0xA8},
                                      {0xAD, 0xAD}, {0xAF, 0xAF}, {0xB4, 0xB4}, {0xB7, 0xB8}, {0x2B0, 0x36F},
                                      {0x2018, 0x2019}, {0x2024, 0x2024}, {0x2027, 0x2027}};
    return inAny(c, ignorable);
}

bool finalSigma(const std::u32string& s, size_t i)
{
    size_t j = i;
    while (j > 0 && isCaseIgnorable(s[j - 1]))
        --j;
    if (j == 0 || !isCased(s[j - 1]))
        return false;
    size_t k = i + 1;
    while (k < s.size() && isCaseIgnorable(s[k]))
        ++k;
    return k == s.size() || !isCased(s[k]);
}

bool isPunctuation(char32_t c) // Python's string.punctuation: ASCII only
{
    static const std::string punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    return c < 0x80 && punctuation.find(static_cast<char>(c)) != std::string::npos;
}

bool isSpace(char32_t c) // what str.split() splits on
{
    static const Range spaces[] = {{0x09, 0x0D}, {0x1C, 0x20}, {0x85, 0x85},     {0xA0, 0xA0},
                                   {0x1680, 0x1680}, {0x2000, 0x200A}, {0x2028, 0x2029}, {0x202F, 0x202F},
                                   {0x205F, 0x205F}, {0x3000, 0x3000}};
    return inAny(c, spaces);
}

// Python's \w on str (isalnum() or '_'), approximately outside ASCII: see the header.
bool isWordChar(char32_t c)
{
    if (c < 0x80)
        return inRange(c, '0', '9') || inRange(c, 'a', 'z') || inRange(c, 'A', 'Z') || c == '_';
    // Latin-1 signs, except the letters and digits among them: ª ² ³ µ ¹ º ¼ ½ ¾.
    if (inRange(c, 0x80, 0xBF))
        return c == 0xAA || c == 0xB2 || c == 0xB3 || c == 0xB5 || c == 0xB9 || c == 0xBA || inRange(c, 0xBC, 0xBE);
    static const Range notWord[] = {
        {0xD7, 0xD7},     {0xF7, 0xF7},     {0x300, 0x36F},   {0x1680, 0x1680}, {0x2000, 0x206F}, // punctuation
        {0x20A0, 0x20FF}, {0x2190, 0x245F}, {0x2500, 0x2775}, {0x2794, 0x2BFF},                   // symbols
        {0x3000, 0x3004}, {0x3008, 0x3020}, {0x3030, 0x3030}, {0xFE10, 0xFE1F}, {0xFE30, 0xFE4F}, // CJK
        {0xFEFF, 0xFEFF}, {0xFF01, 0xFF0F}, {0xFF1A, 0xFF20}, {0xFF3B, 0xFF40}, {0xFF5B, 0xFF65}, // fullwidth
        {0x1F000, 0x1FAFF}, {kRawByte, kRawByte + 0xFF}};                                           // emoji, bytes
    return !inAny(c, notWord);
}

std::vector<std::u32string> tokensOf(const std::string& text)
{
    const std::u32string normal = decodeUtf8(normalizeSquadAnswer(text));
    std::vector<std::u32string> out;
    size_t begin = 0;
    for (size_t i = 0; i <= normal.size(); ++i) {
        if (i == normal.size() || normal[i] == U' ') {
            if (i > begin)
                out.push_back(normal.substr(begin, i - begin));
            begin = i + 1;
        }
    }
    return out;
}

double percentOf(double sum, int64_t count)
{
    return count == 0 ? -1.0 : 100.0 * sum / static_cast<double>(count);
}

} // namespace

std::string normalizeSquadAnswer(const std::string& utf8)
{
    const std::u32string text = decodeUtf8(utf8);
    // lower, then drop punctuation (the official order: "U.S.A." -> "usa", "the-end" -> "theend")
    std::u32string kept;
    for (size_t i = 0; i < text.size(); ++i) {
        const char32_t c = text[i];
        if (c == 0x3A3) { // Σ
            kept.push_back(finalSigma(text, i) ? 0x3C2 : 0x3C3);
        } else if (c == 0x130) { // İ -> i + combining dot above, as Python
            kept += U"i\u0307";
        } else if (!isPunctuation(c)) {
            kept.push_back(lowerOf(c));
        }
    }
    // Articles are whole words (maximal runs of word characters); then split on whitespace and join with one space.
    std::u32string out;
    size_t i = 0;
    while (i < kept.size()) {
        size_t end = i;
        while (end < kept.size() && isWordChar(kept[end]))
            ++end;
        if (end == i) {
            out.push_back(kept[i++]);
            continue;
        }
        const std::u32string word = kept.substr(i, end - i);
        out += word == U"a" || word == U"an" || word == U"the" ? std::u32string(U" ") : word;
        i = end;
    }
    std::u32string joined;
    for (size_t k = 0; k < out.size(); ++k) {
        if (!isSpace(out[k]))
            joined.push_back(out[k]);
        else if (!joined.empty() && joined.back() != U' ' && k + 1 < out.size())
            joined.push_back(U' ');
    }
    if (!joined.empty() && joined.back() == U' ')
        joined.pop_back();
    return encodeUtf8(joined);
}

double squadExactMatch(const std::string& prediction, const std::string& gold)
{
    return normalizeSquadAnswer(prediction) == normalizeSquadAnswer(gold) ? 1.0 : 0.0;
}

double squadF1(const std::string& prediction, const std::string& gold)
{
    const auto predicted = tokensOf(prediction), truth = tokensOf(gold);
    if (predicted.empty() || truth.empty())
        return predicted.empty() && truth.empty() ? 1.0 : 0.0;
    std::map<std::u32string, int64_t> counts;
    for (const auto& t : truth)
        ++counts[t];
    int64_t same = 0;
    for (const auto& t : predicted) {
        auto it = counts.find(t);
        if (it != counts.end() && it->second > 0) {
            --it->second;
            ++same;
        }
    }
    if (same == 0)
        return 0.0;
    // the official operation order, so that the doubles agree to the bit
    const double precision = 1.0 * static_cast<double>(same) / static_cast<double>(predicted.size());
    const double recall = 1.0 * static_cast<double>(same) / static_cast<double>(truth.size());
    return (2 * precision * recall) / (precision + recall);
}

SquadScores scoreSquad(const std::vector<std::string>& predictions,
                       const std::vector<std::vector<std::string>>& goldAnswers)
{
    LORAWB_ASSERT(predictions.size() == goldAnswers.size(), "predictions and gold answers differ in questions");
    SquadScores out;
    double exact = 0, f1 = 0, hasExact = 0, hasF1 = 0, noExact = 0, noF1 = 0;
    for (size_t q = 0; q < predictions.size(); ++q) {
        std::vector<std::string> gold;
        for (const std::string& g : goldAnswers[q])
            if (!normalizeSquadAnswer(g).empty())
                gold.push_back(g);
        if (gold.empty())
            gold.emplace_back();
        double bestExact = 0, bestF1 = 0;
        for (const std::string& g : gold) {
            bestExact = std::max(bestExact, squadExactMatch(predictions[q], g));
            bestF1 = std::max(bestF1, squadF1(predictions[q], g));
        }
        exact += bestExact;
        f1 += bestF1;
        const bool answerable = !goldAnswers[q].empty();
        (answerable ? hasExact : noExact) += bestExact;
        (answerable ? hasF1 : noF1) += bestF1;
        ++(answerable ? out.hasAnswerTotal : out.noAnswerTotal);
    }
    out.total = static_cast<int64_t>(predictions.size());
    out.exactMatch = out.total == 0 ? 0.0 : percentOf(exact, out.total);
    out.f1 = out.total == 0 ? 0.0 : percentOf(f1, out.total);
    out.hasAnswerExact = percentOf(hasExact, out.hasAnswerTotal);
    out.hasAnswerF1 = percentOf(hasF1, out.hasAnswerTotal);
    out.noAnswerExact = percentOf(noExact, out.noAnswerTotal);
    out.noAnswerF1 = percentOf(noF1, out.noAnswerTotal);
    return out;
}

} // namespace core
