#pragma once
// How a Hugging Face decoder maps onto llama.cpp's: the GGUF architecture name, tensor names, and the q/k row
// permutation llama.cpp's converter applies to "llama" models (HF stores the rotary halves apart, llama.cpp's rope
// on "llama" expects them interleaved; Qwen2 uses the NEOX rope, which needs no permutation).
#include "core/model/ModelConfig.h"

#include <ATen/core/Tensor.h>

#include <string>

namespace core {

struct GgufArchitecture {
    std::string name;          ///< "llama" (Llama, Mistral), "qwen2", "qwen3" or "phi3"
    bool permuteQk = false;
};

// core::Error naming config.json's model_type when llama.cpp has no architecture this exporter maps it to.
GgufArchitecture ggufArchitectureOf(const ModelConfig& cfg, const std::string& configPath);
// "model.layers.3.self_attn.q_proj.weight" → "blk.3.attn_q.weight", "model.embed_tokens.weight" →
// "token_embd.weight", …; "" for a name with no GGUF counterpart.
std::string ggufTensorName(const std::string& hfName);
// The tensor as llama.cpp's converter stores it: q_proj / k_proj weights and biases (and LoRA B, whose rows are the
// weight's rows) permuted for architectures that need it; everything else unchanged. t: [out, …].
at::Tensor toGgufLayout(const at::Tensor& t, const std::string& hfName, const ModelConfig& cfg,
                        const GgufArchitecture& arch);

} // namespace core
