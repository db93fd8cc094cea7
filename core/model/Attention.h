#pragma once
#include "core/model/Linear.h"
#include "core/model/ModelConfig.h"
#include "core/model/RmsNorm.h"

namespace core {

// Keys and values of the positions seen so far, per layer (for incremental generation).
struct KvCacheEntry {
    torch::Tensor keys;   // [B, Hkv, S, D]
    torch::Tensor values; // [B, Hkv, S, D]
};

// Multi-head attention with grouped-query key/value heads, rotary positions and a causal (optionally sliding-window)
// mask. Children q_proj, k_proj, v_proj, o_proj are LinearBase so LoRA can wrap them; Qwen3 adds q_norm and k_norm;
// Phi-3 has one qkv_proj whose output is q, k and v side by side (LoRA wraps it whole, as PEFT does).
class Attention final : public LinearHost {
public:
    // layerIndex picks the layer's window (ModelConfig::slidingWindowOf).
    Attention(const ModelConfig& cfg, int64_t layerIndex);
    // x: [B, T, C]; cos/sin: [T, D] for positions offset … offset+T-1 (offset = cached length).
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin,
                          KvCacheEntry* cache = nullptr);

private:
    int64_t m_heads, m_kvHeads, m_headDim, m_slidingWindow;
    bool m_fused;
    double m_dropout; // on the attention weights, while training
    std::shared_ptr<RmsNorm> m_qNorm, m_kNorm; // Qwen3 only
};

} // namespace core
