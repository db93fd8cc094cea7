#pragma once
// A QUESTION_ANS batch through the span head: start / end logits and transformers' loss sums over the windows (padding
// left out of the softmax). Training steps (core/train/TaskObjective) and evaluation (QuestionAnsweringMetrics) call
// this one function, so both score a batch the same way.
#include "core/data/Collator.h"
#include "core/model/CausalLm.h"
#include "core/model/QuestionAnswering.h"

namespace core {

struct SpanBatchLoss {
    SpanLogits logits; ///< [B, T] each, float32, on the model's device
    SpanLoss loss;
};

// batch: Batch::targets [B, 2] (start, end token), CPU tensors (they move to the model's device here).
SpanBatchLoss spanBatchLoss(CausalLm& model, const Batch& batch);

} // namespace core
