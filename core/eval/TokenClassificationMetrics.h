#pragma once
// TOKEN_CLS evaluation: the head's loss over a set of examples and its tags scored as transformers' token-
// classification example scores them — each word's tag is the prediction at its first sub-token (the positions whose
// label is not -100), and seqeval's entity precision / recall / F1 and tag accuracy compare them with the truth.
#include "core/data/Example.h"
#include "core/eval/EntityMetrics.h"
#include "core/model/CausalLm.h"
#include "core/task/ClassLabels.h"

#include <cstdint>
#include <functional>
#include <vector>

namespace core {

struct TokenClassificationScores {
    int64_t examples = 0;
    double loss = 0;            ///< cross-entropy, mean over the labelled tokens
    EntityScores entities;      ///< accuracy always; entity scores when hasEntities
    bool hasEntities = false;   ///< the tag names follow an IOB scheme (looksLikeEntityTags)
    std::vector<std::vector<int64_t>> predicted; ///< per example, the predicted tag index of each scored word
    std::vector<std::vector<int64_t>> truth;     ///< per example, the true tag index of each scored word
    std::vector<std::vector<std::vector<float>>> logits; ///< with keepLogits: per example, each scored word's logits
};

// Runs the model (no gradients) over examples in batches of batchSize. onProgress(done, total) after each batch.
TokenClassificationScores evaluateTokenClassification(CausalLm& model, const std::vector<Example>& examples,
                                                      const ClassLabels& classes, int64_t batchSize,
                                                      const std::function<void(int64_t, int64_t)>& onProgress = {},
                                                      bool keepLogits = false);

} // namespace core
