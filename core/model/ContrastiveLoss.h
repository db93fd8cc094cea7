#pragma once
// The in-batch contrastive loss of FEATURE_EXTRACTION training, as sentence-transformers' MultipleNegativesRankingLoss
// computes it: every query is scored against every candidate of its batch (the positives of all queries, then the
// hard negatives), scores = cosine similarity / temperature, and cross-entropy asks each query for its own positive.
// The other queries' positives are its in-batch negatives, so a larger batch makes the task harder and the
// embeddings better.
#include <ATen/core/Tensor.h>

#include <cstdint>

namespace core {

struct ContrastiveLoss {
    at::Tensor sum;     ///< float32 scalar: the cross-entropy summed over the queries (in the graph when grads are on)
    int64_t items = 0;  ///< the queries
    at::Tensor scores;  ///< [B, C] float32: similarities / temperature, row b's target is column b
};

// queries [B, H] and candidates [C, H] L2-normalised, C >= B, candidates[b] the positive of queries[b].
ContrastiveLoss contrastiveLossSum(const at::Tensor& queries, const at::Tensor& candidates, double temperature);

} // namespace core
