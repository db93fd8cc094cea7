#pragma once
#include "core/model/Attention.h"
#include "core/model/Mlp.h"
#include "core/model/RmsNorm.h"

namespace core {

// One pre-norm transformer block: x + attn(norm(x)), then + mlp(norm(·)); Phi-3 applies dropout (resid_pdrop) to
// each branch's output before the add, while training.
class DecoderLayer final : public torch::nn::Module {
public:
    // index: the layer's position in the stack (its attention window may depend on it).
    DecoderLayer(const ModelConfig& cfg, int64_t index);
    // x: [B, T, C]
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin,
                          KvCacheEntry* cache = nullptr);
    std::shared_ptr<Attention> selfAttn() const { return m_attn; }
    std::shared_ptr<Mlp> mlp() const { return m_mlp; }

private:
    std::shared_ptr<RmsNorm> m_inputNorm, m_postAttentionNorm;
    std::shared_ptr<Attention> m_attn;
    std::shared_ptr<Mlp> m_mlp;
    double m_residualDropout;
};

} // namespace core
