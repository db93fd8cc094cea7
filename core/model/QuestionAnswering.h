#pragma once
// QUESTION_ANS as transformers' LlamaForQuestionAnswering computes it: the `qa_outputs` linear (hidden → 2, with
// bias) on every position's final hidden state gives a start and an end logit per token; the loss is the mean of
// the start and end cross-entropies over the sequence positions, each target clamped to [0, T] and T ignored (an
// answer cut off by truncation carries no loss).
//
// One difference, on purpose: transformers computes logits at padded positions too (its attention mask keeps them
// from seeing padding), and they take part in the softmax. Here padded positions are left out of the softmax (their
// logits are -inf in the loss): the answer is never in padding, and the engine's batches need no attention mask.
// On an unpadded batch the two losses are the same number.
#include "core/model/CausalLm.h"

#include <cstdint>

namespace core {

// The name transformers and PEFT give the head (PEFT's modules_to_save for QUESTION_ANS).
inline constexpr const char* kQaHeadName = "qa_outputs";

// Adds `qa_outputs` (hidden → 2, bias zeros, weight normal(0, initializer_range) from a generator seeded with seed).
void addQaHead(CausalLm& model, uint64_t seed, double initializerRange = 0.02);

struct SpanLogits {
    at::Tensor start; ///< [B, T] float32
    at::Tensor end;   ///< [B, T] float32
};
// ids [B, T] → each position's start and end logit.
SpanLogits questionAnsweringLogits(CausalLm& model, const at::Tensor& ids);

struct SpanLoss {
    at::Tensor startSum, endSum;      ///< float32 scalars: summed cross-entropies of the kept rows
    int64_t startItems = 0, endItems = 0; ///< rows whose start (end) position is not ignored

    // transformers' loss: (mean start CE + mean end CE) / 2 (NaN for a side without a kept row, as torch's mean).
    at::Tensor mean() const;
};
// positions: int64 [B] each; lengths: int64 [B], each row's real tokens (positions at or past it are padding and
// leave the softmax); an undefined lengths keeps every position (transformers' computation).
SpanLoss spanLossSums(const SpanLogits& logits, const at::Tensor& startPositions, const at::Tensor& endPositions,
                      const at::Tensor& lengths = {});

} // namespace core
