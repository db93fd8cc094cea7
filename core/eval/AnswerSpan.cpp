#include "core/eval/AnswerSpan.h"

#include "core/common/Error.h"

#include <algorithm>

namespace core {

std::vector<AnswerSpan> topAnswerSpans(const std::vector<float>& startLogits, const std::vector<float>& endLogits,
                                       const std::vector<bool>& allowed, int64_t maxAnswerLength, int64_t k)
{
    LORAWB_CHECK(startLogits.size() == endLogits.size() && startLogits.size() == allowed.size(),
                 "answer spans: start logits, end logits and mask differ in length (", startLogits.size(), ", ",
                 endLogits.size(), ", ", allowed.size(), ")");
    LORAWB_CHECK(maxAnswerLength >= 1, "answer spans: max_answer_length must be at least 1, not ", maxAnswerLength);
    LORAWB_CHECK(k >= 0, "answer spans: k must not be negative");
    const auto length = static_cast<int64_t>(startLogits.size());
    std::vector<AnswerSpan> spans;
    for (int64_t s = 0; s < length; ++s) {
        if (!allowed[s])
            continue;
        for (int64_t e = s; e < std::min(length, s + maxAnswerLength); ++e)
            if (allowed[e]) // the sum of two floats is exact in double, so equal sums are really equal
                spans.push_back({s, e, static_cast<double>(startLogits[s]) + static_cast<double>(endLogits[e])});
    }
    // Generated in (start, end) order, so a stable sort by score keeps ties in that order.
    const auto better = [](const AnswerSpan& a, const AnswerSpan& b) { return a.score > b.score; };
    const auto keep = static_cast<size_t>(std::min<int64_t>(k, static_cast<int64_t>(spans.size())));
    std::stable_sort(spans.begin(), spans.end(), better);
    spans.resize(keep);
    return spans;
}

std::optional<AnswerSpan> bestAnswerSpan(const std::vector<float>& startLogits, const std::vector<float>& endLogits,
                                         const std::vector<bool>& allowed, int64_t maxAnswerLength)
{
    std::vector<AnswerSpan> best = topAnswerSpans(startLogits, endLogits, allowed, maxAnswerLength, /*k=*/1);
    if (best.empty())
        return std::nullopt;
    return best.front();
}

} // namespace core
