#pragma once
// TOKEN_CLS as transformers' LlamaForTokenClassification computes it: dropout (config.classifier_dropout, else
// hidden_dropout, else 0.1; only while training) on every position's final hidden state, then the `score` linear
// (hidden → num_labels, with bias; addScoreHead(..., bias = true)). The loss is cross-entropy over the positions
// whose label is not -100 (classificationLossSum with ProblemType::SingleLabel).
#include "core/model/CausalLm.h"

namespace core {

// ids [B, T] → logits [B, T, num_labels], float32. The dropout draws from torch's global generator, as LoRA's does.
at::Tensor tokenClassificationLogits(CausalLm& model, const at::Tensor& ids);

} // namespace core
