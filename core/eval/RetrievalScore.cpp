#include "core/eval/RetrievalScore.h"

#include "core/common/Error.h"

#include <algorithm>
#include <numeric>

namespace core {

namespace {

QueryRetrieval rankQuery(const float* scores, int64_t documents, const std::vector<int64_t>& relevantDocs)
{
    std::vector<char> relevant(static_cast<size_t>(documents), 0);
    for (int64_t d : relevantDocs) {
        LORAWB_ASSERT(d >= 0 && d < documents, "relevant document ", d, " out of range");
        relevant[static_cast<size_t>(d)] = 1;
    }
    std::vector<int64_t> order(static_cast<size_t>(documents));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) {
        if (scores[a] != scores[b])
            return scores[a] > scores[b];
        return relevant[static_cast<size_t>(a)] < relevant[static_cast<size_t>(b)]; // ties: non-relevant first
    });
    const auto total = static_cast<double>(std::count(relevant.begin(), relevant.end(), 1));
    QueryRetrieval out;
    int64_t found = 0;
    for (int64_t position = 1; position <= documents; ++position) {
        if (relevant[static_cast<size_t>(order[static_cast<size_t>(position - 1)])]) {
            ++found;
            if (out.firstRelevantRank == 0)
                out.firstRelevantRank = position;
        }
        if (position == 1)
            out.recallAt1 = found / total;
        if (position == 10)
            out.recallAt10 = found / total;
    }
    if (documents < 10) // every document is among the top 10
        out.recallAt10 = found / total;
    out.reciprocalRank = 1.0 / static_cast<double>(out.firstRelevantRank);
    return out;
}

} // namespace

RetrievalScores scoreRetrieval(const std::vector<float>& scores, int64_t documents,
                               const std::vector<std::vector<int64_t>>& relevant)
{
    LORAWB_ASSERT(documents > 0 && scores.size() == relevant.size() * static_cast<size_t>(documents),
                  "one row of scores per query");
    RetrievalScores out;
    out.queries = static_cast<int64_t>(relevant.size());
    out.documents = documents;
    for (size_t q = 0; q < relevant.size(); ++q) {
        LORAWB_ASSERT(!relevant[q].empty(), "query ", q, " has no relevant document");
        out.perQuery.push_back(rankQuery(scores.data() + q * static_cast<size_t>(documents), documents, relevant[q]));
        out.recallAt1 += out.perQuery.back().recallAt1;
        out.recallAt10 += out.perQuery.back().recallAt10;
        out.mrr += out.perQuery.back().reciprocalRank;
    }
    if (out.queries > 0) {
        out.recallAt1 /= static_cast<double>(out.queries);
        out.recallAt10 /= static_cast<double>(out.queries);
        out.mrr /= static_cast<double>(out.queries);
    }
    return out;
}

} // namespace core
