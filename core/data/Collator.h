#pragma once
#include "core/data/Example.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <vector>

namespace core {

class Tokenizer;

// A padded batch. T = the longest example in the batch; shorter ones are right-padded.
struct Batch {
    at::Tensor inputIds;      ///< [B, T] int64, padded with the pad id
    at::Tensor labels;        ///< [B, T] int64, kIgnoreIndex (-100) on padding and on masked tokens
    at::Tensor attentionMask; ///< [B, T] int64, 1 = token, 0 = padding
    at::Tensor targets;       ///< SEQ_CLS: [B, L] float32, each example's target (class index, multi-hot or values);
                              ///< undefined for language-model examples
    int64_t tokens = 0;       ///< non-pad tokens in the batch
    // Pairs (FEATURE_EXTRACTION): inputIds holds the queries; these hold the positives [B, T'] and the hard negatives
    // of the examples that have one [N, T''] (N <= B; undefined when none has), padded like inputIds, with their
    // real lengths ([B], [N] int64). All undefined for other examples.
    at::Tensor positiveIds, positiveLengths, negativeIds, negativeLengths;
};

// Stacks examples into one batch (CPU tensors; the trainer moves them). Throws core::InternalError for an empty list
// or an example whose labels and ids differ in length.
Batch collate(const std::vector<const Example*>& examples, int64_t padId);
// The same for examples given by index into a vector.
Batch collate(const std::vector<Example>& examples, const std::vector<int64_t>& indices, int64_t padId);

// The pad id used for batches: the tokenizer's pad if >= 0, else EOS, else 0. Padding is masked out of attention and
// loss, so its value only has to be a valid id.
int64_t batchPadId(const Tokenizer& tok);

} // namespace core
