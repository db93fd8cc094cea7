#pragma once
// Sentence embeddings from a (possibly adapted) decoder, as embedding models built on LLaMA-family backbones take them
// from transformers' AutoModel: the final hidden states (after the last norm) pooled over each sequence — their mean
// over the real tokens, or the last real token's — and L2-normalised as torch.nn.functional.normalize does
// (x / max(||x||, 1e-12)). PEFT's FEATURE_EXTRACTION adapters load onto the same backbone (AdapterIO maps their keys).
#include "core/model/CausalLm.h"
#include "core/task/Embedding.h"

namespace core {

// ids [B, T], each row's real tokens first (right padding); lengths [B] int64, how many are real (>= 1).
// → [B, hidden] float32 on the model's device.
at::Tensor sentenceEmbeddings(CausalLm& model, const at::Tensor& ids, const at::Tensor& lengths, Pooling pooling,
                              bool normalize);

} // namespace core
