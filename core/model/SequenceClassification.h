#pragma once
// SEQ_CLS as transformers' LlamaForSequenceClassification computes it: a `score` linear (hidden → num_labels, no bias)
// applied to the final hidden state of each sequence's last token that is not padding, and the loss its
// problem_type names (cross-entropy, binary cross-entropy with logits, or mean squared error).
#include "core/model/CausalLm.h"
#include "core/task/TaskConfig.h"

#include <cstdint>
#include <string>

namespace core {

// The name transformers and PEFT give the head ("score"; PEFT's modules_to_save for SEQ_CLS).
inline constexpr const char* kScoreHeadName = "score";

// Adds `score` to a loaded model, initialised as transformers initialises a new Linear: weight normal(0,
// initializer_range), drawn from its own generator seeded with `seed` (so the base weights' RNG is untouched), bias
// zeros. SEQ_CLS's head has no bias, TOKEN_CLS's has one.
void addScoreHead(CausalLm& model, int64_t numLabels, uint64_t seed, bool bias = false,
                  double initializerRange = 0.02);
int64_t scoreHeadLabels(const CausalLm& model); // its number of labels; 0 when the model has no score head

// Per row of ids [B, T], the position whose hidden state is classified: the rightmost token that is not
// padTokenId (transformers 5; left and right padding alike; a row of padding only gives 0). padTokenId < 0 (no pad
// token): the last position, which transformers allows for a batch of one only; a larger batch is a core::Error.
at::Tensor pooledPositions(const at::Tensor& ids, int64_t padTokenId);

// The pad token a SEQ_CLS run pools past and pads with: task.pad_token_id when set (>= 0), else config.json's
// pad_token_id, else the tokenizer's pad token. None of them: a core::Error that explains the choice.
int64_t classificationPadTokenId(int64_t taskSetting, int64_t configPad, int64_t tokenizerPad, int64_t eosId);

// ids [B, T] → logits [B, num_labels], float32.
at::Tensor sequenceClassificationLogits(CausalLm& model, const at::Tensor& ids, int64_t padTokenId);

struct ClassificationLoss {
    at::Tensor sum;    ///< float32 scalar: the summed per-item losses
    int64_t items = 0; ///< what transformers' mean divides by: labelled rows (single label), B·num_labels otherwise
};
// targets: int64 [B] class indices (-100 = no loss) for SingleLabel; float [B, num_labels] multi-hot for MultiLabel;
// float [B] (num_labels 1) or [B, num_labels] for Regression. loss.sum / loss.items is transformers' loss. Auto is
// an internal error here: resolve it first (resolvedProblemType).
ClassificationLoss classificationLossSum(const at::Tensor& logits, const at::Tensor& targets, ProblemType type);

} // namespace core
