#pragma once
#include "core/model/ModelConfig.h"

#include <ATen/core/Tensor.h>

namespace core {

// Rotary position embeddings with transformers' conventions (rotate_half over two concatenated halves), including
// the "linear", "llama3" and "longrope" (Phi-3) frequency scalings, and partial rotation (the first rotaryDim dims of
// each head rotate, the rest pass through).
class RotaryEmbedding {
public:
    explicit RotaryEmbedding(const ModelConfig& cfg);
    // cos and sin for positions [offset, offset + length), each [length, rotaryDim], in dtype on device. longrope:
    // the long factors once the sequence reaches past the pretraining length, as transformers switches them.
    std::pair<at::Tensor, at::Tensor> cosSin(int64_t offset, int64_t length, at::ScalarType dtype, at::Device device) const;
    // x: [B, H, T, D]; cos/sin: [T, R] with R <= D: the first R dims of each head rotate
    static at::Tensor apply(const at::Tensor& x, const at::Tensor& cos, const at::Tensor& sin);
    const at::Tensor& inverseFrequencies() const { return m_invFreq; }

private:
    at::Tensor m_invFreq;     // [R/2] float32, CPU
    at::Tensor m_longInvFreq; // longrope: past the pretraining length; undefined otherwise
    int64_t m_originalMax = 0;
    double m_scale = 1.0;     // longrope's attention factor on cos and sin
};

} // namespace core
