#pragma once
// What a batch is scored by: next-token cross-entropy for a language model, or the score head's loss when the run
// classifies (classes not empty): one class per sequence (SEQ_CLS) or per token (TOKEN_CLS), or an answer's start
// and end (QUESTION_ANS), or for a batch of pairs (FEATURE_EXTRACTION) the in-batch contrastive loss
// (core/eval/PairEmbeddings.h). One function for training steps and evaluation, so both use the same loss.
#include "core/data/Collator.h"
#include "core/model/CausalLm.h"
#include "core/task/ClassLabels.h"
#include "core/task/Embedding.h"

namespace core {

struct ObjectiveLoss {
    at::Tensor sum;     ///< float32 scalar, the summed loss (connected to the graph when gradients are on)
    int64_t items = 0;  ///< what the mean divides by (lossItemCount summed over the batch)
    at::Tensor logits;  ///< [B, num_labels] (SEQ_CLS), [B, T, num_labels] (TOKEN_CLS) or [B, T, 2] (QUESTION_ANS:
                        ///< start, end) float32, for metrics;
                        ///< pairs: [B, C] similarities / temperature; undefined for a language model
};

// batch on the CPU; the tensors move to the model's device here.
// contrastive applies to pairs batches (Batch::positiveIds set) only.
ObjectiveLoss objectiveLossSum(CausalLm& model, const Batch& batch, const ClassLabels& classes,
                               const ContrastiveObjective& contrastive = {});

} // namespace core
