#pragma once
// Retrieval metrics as torchmetrics computes them per query and averages them: recall@k (the share of the query's
// relevant documents among the k best-scored) and the reciprocal rank (1 / the position of the first relevant one;
// their mean is MRR). Ties are broken against the query: a relevant document scored equal to a non-relevant one is
// ranked after it, so a model whose embeddings all coincide scores poorly instead of perfectly. Unlike torchmetrics,
// a relevant document is not ignored when its score is 0 or less: cosine similarities are often negative.
#include <cstdint>
#include <vector>

namespace core {

struct QueryRetrieval {
    double recallAt1 = 0, recallAt10 = 0, reciprocalRank = 0;
    int64_t firstRelevantRank = 0; ///< 1-based position of the best-ranked relevant document
};

struct RetrievalScores {
    int64_t queries = 0, documents = 0;
    double recallAt1 = 0, recallAt10 = 0, mrr = 0; ///< means over the queries, in [0, 1]
    std::vector<QueryRetrieval> perQuery;
};

// scores: one row of `documents` values per query (row-major); relevant[q]: the relevant documents' indices (at least
// one, each < documents). Throws core::InternalError for an inconsistent call.
RetrievalScores scoreRetrieval(const std::vector<float>& scores, int64_t documents,
                               const std::vector<std::vector<int64_t>>& relevant);

} // namespace core
