#pragma once
#include "core/model/ModelConfig.h"

#include <ATen/core/Tensor.h>

namespace core {

// Rotary position embeddings with transformers' conventions (rotate_half over two concatenated halves), including
// the "linear" and "llama3" frequency scalings.
class RotaryEmbedding {
public:
    explicit RotaryEmbedding(const ModelConfig& cfg);
    // cos and sin for positions [0, length), each [length, headDim], in dtype on device.
    std::pair<at::Tensor, at::Tensor> cosSin(int64_t offset, int64_t length, at::ScalarType dtype, at::Device device) const;
    // x: [B, H, T, D]; cos/sin: [T, D]
    static at::Tensor apply(const at::Tensor& x, const at::Tensor& cos, const at::Tensor& sin);
    const at::Tensor& inverseFrequencies() const { return m_invFreq; }

private:
    at::Tensor m_invFreq; // [D/2] float32, CPU
};

} // namespace core
