#pragma once
// FEATURE_EXTRACTION evaluation on held-out pairs, as sentence-transformers' InformationRetrievalEvaluator frames
// it: every query searches a corpus made of all the held-out positives and negatives (each distinct text once) by
// cosine similarity, and its own positive is the relevant document. Recall@1, recall@10 and MRR come from
// core/eval/RetrievalScore.h; the loss is training's in-batch contrastive loss over batches of batchSize pairs.
#include "core/data/Example.h"
#include "core/eval/RetrievalScore.h"
#include "core/model/CausalLm.h"
#include "core/task/Embedding.h"

#include <cstdint>
#include <functional>
#include <vector>

namespace core {

struct RetrievalEvaluation {
    double loss = 0;          ///< mean in-batch contrastive loss per query
    RetrievalScores ranking;  ///< one entry per example (query), over the distinct candidate texts
};

// examples: pairs (Example::positiveIds set). Runs without gradients, batchSize pairs at a time, padded with padId.
// onProgress(done, total pairs) after each batch.
RetrievalEvaluation evaluateRetrieval(CausalLm& model, const std::vector<Example>& examples,
                                      const ContrastiveObjective& objective, int64_t batchSize, int64_t padId,
                                      const std::function<void(int64_t, int64_t)>& onProgress = {});

} // namespace core
