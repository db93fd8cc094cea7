#include "core/eval/SquadScore.h"

#include "core/chat/Utf8.h"
#include "core/common/Error.h"

#include <algorithm>
#include <map>

namespace core {

namespace {

namespace utf8 = core::chat::utf8;

bool isPunctuation(char32_t c) // Python's string.punctuation: ASCII only
{
    static const std::string punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    return c < 0x80 && punctuation.find(static_cast<char>(c)) != std::string::npos;
}

// The normalised answer split on its single spaces.
std::vector<std::string> tokensOf(const std::string& text)
{
    const std::string normal = normalizeSquadAnswer(text);
    std::vector<std::string> out;
    std::size_t begin = 0;
    for (std::size_t i = 0; i <= normal.size(); ++i) {
        if (i == normal.size() || normal[i] == ' ') {
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

std::string normalizeSquadAnswer(const std::string& text)
{
    // lower, then drop punctuation (the official order: "U.S.A." -> "usa", "the-end" -> "theend")
    std::u32string kept;
    for (char32_t c : utf8::decode(utf8::toLower(text)))
        if (!isPunctuation(c))
            kept.push_back(c);
    // Articles are whole words (maximal runs of word characters); then split on whitespace and join with one space.
    std::u32string out;
    size_t i = 0;
    while (i < kept.size()) {
        size_t end = i;
        while (end < kept.size() && utf8::isWordChar(kept[end]))
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
        if (!utf8::isSpace(out[k]))
            joined.push_back(out[k]);
        else if (!joined.empty() && joined.back() != U' ' && k + 1 < out.size())
            joined.push_back(U' ');
    }
    if (!joined.empty() && joined.back() == U' ')
        joined.pop_back();
    return utf8::encode(joined);
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
    std::map<std::string, int64_t> counts;
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
