#include "core/model/Attention.h"

#include "core/model/RotaryEmbedding.h"

#include <torch/torch.h>
#include <torch/version.h>

#include <cmath>
#include <limits>

namespace core {
namespace {

// [B, Hkv, S, D] -> [B, Hkv * groups, S, D]: query head h reads key/value head h / groups (transformers' repeat_kv).
torch::Tensor repeatKv(const torch::Tensor& x, int64_t groups)
{
    if (groups == 1)
        return x;
    const auto b = x.size(0), h = x.size(1), s = x.size(2), d = x.size(3);
    return x.unsqueeze(2).expand({b, h, groups, s, d}).reshape({b, h * groups, s, d});
}

// True where query i (at absolute position offset + i) may attend to key j: j <= pos and pos - j < window.
torch::Tensor allowedMask(int64_t queries, int64_t keys, int64_t offset, int64_t window, torch::Device device)
{
    const auto q = torch::arange(offset, offset + queries, torch::TensorOptions(torch::kInt64).device(device)).unsqueeze(1);
    const auto k = torch::arange(0, keys, torch::TensorOptions(torch::kInt64).device(device)).unsqueeze(0);
    auto allowed = k.le(q);
    if (window > 0)
        allowed = allowed.logical_and((q - k).lt(window));
    return allowed; // [T, S]
}

} // namespace

Attention::Attention(const ModelConfig& cfg, int64_t layerIndex)
    : m_heads(cfg.numAttentionHeads), m_kvHeads(cfg.numKeyValueHeads), m_headDim(cfg.headDim),
      m_slidingWindow(cfg.slidingWindowOf(layerIndex)), m_fused(cfg.fusedProjections), m_dropout(cfg.attentionDropout)
{
    if (m_fused) {
        addLinear("qkv_proj", std::make_shared<DenseLinear>(cfg.hiddenSize, (m_heads + 2 * m_kvHeads) * m_headDim,
                                                            cfg.qkvBias));
    } else {
        addLinear("q_proj", std::make_shared<DenseLinear>(cfg.hiddenSize, m_heads * m_headDim, cfg.qkvBias));
        addLinear("k_proj", std::make_shared<DenseLinear>(cfg.hiddenSize, m_kvHeads * m_headDim, cfg.qkvBias));
        addLinear("v_proj", std::make_shared<DenseLinear>(cfg.hiddenSize, m_kvHeads * m_headDim, cfg.qkvBias));
    }
    addLinear("o_proj", std::make_shared<DenseLinear>(m_heads * m_headDim, cfg.hiddenSize, cfg.oBias));
    if (cfg.qkNorm) {
        m_qNorm = register_module("q_norm", std::make_shared<RmsNorm>(m_headDim, cfg.rmsNormEps));
        m_kNorm = register_module("k_norm", std::make_shared<RmsNorm>(m_headDim, cfg.rmsNormEps));
    }
}

torch::Tensor Attention::forward(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin,
                                 KvCacheEntry* cache)
{
    const auto b = x.size(0), t = x.size(1);
    // [B, T, H*D] -> [B, H, T, D]
    torch::Tensor q, k, v;
    if (m_fused) { // Phi-3: q, k and v side by side in one projection's output
        const auto qkv = linear("qkv_proj")->forward(x);
        const int64_t qSize = m_heads * m_headDim, kvSize = m_kvHeads * m_headDim;
        q = qkv.narrow(-1, 0, qSize);
        k = qkv.narrow(-1, qSize, kvSize);
        v = qkv.narrow(-1, qSize + kvSize, kvSize);
    } else {
        q = linear("q_proj")->forward(x);
        k = linear("k_proj")->forward(x);
        v = linear("v_proj")->forward(x);
    }
    q = q.reshape({b, t, m_heads, m_headDim});
    k = k.reshape({b, t, m_kvHeads, m_headDim});
    if (m_qNorm) { // Qwen3: each head normalized over its own dims, before the rotation
        q = m_qNorm->forward(q);
        k = m_kNorm->forward(k);
    }
    q = q.transpose(1, 2);
    k = k.transpose(1, 2);
    v = v.reshape({b, t, m_kvHeads, m_headDim}).transpose(1, 2);
    q = RotaryEmbedding::apply(q, cos, sin);
    k = RotaryEmbedding::apply(k, cos, sin);

    int64_t offset = 0;
    if (cache) {
        if (cache->keys.defined()) {
            offset = cache->keys.size(2);
            k = torch::cat({cache->keys, k}, 2);
            v = torch::cat({cache->values, v}, 2);
        }
        cache->keys = k;
        cache->values = v;
    }
    const auto s = k.size(2);
    const auto groups = m_heads / m_kvHeads;
    k = repeatKv(k, groups);
    v = repeatKv(v, groups);

    torch::Tensor out;
    const double dropout = is_training() ? m_dropout : 0.0;
#if TORCH_VERSION_MAJOR >= 2
    if (offset == 0 && (m_slidingWindow == 0 || s <= m_slidingWindow)) {
        out = at::scaled_dot_product_attention(q, k, v, /*attn_mask=*/{}, dropout, /*is_causal=*/true);
    } else {
        const auto allowed = allowedMask(t, s, offset, m_slidingWindow, x.device());
        out = at::scaled_dot_product_attention(q, k, v, allowed, dropout, /*is_causal=*/false);
    }
#else
    // Eager attention as transformers computes it: scores in the input dtype, softmax in float32.
    auto scores = torch::matmul(q, k.transpose(2, 3)) / std::sqrt(static_cast<double>(m_headDim)); // [B, H, T, S]
    const auto allowed = allowedMask(t, s, offset, m_slidingWindow, x.device());
    scores = scores.masked_fill(allowed.logical_not(), -std::numeric_limits<float>::infinity());
    const auto probs = torch::dropout(torch::softmax(scores.to(torch::kFloat32), -1).to(q.scalar_type()), dropout,
                                      is_training());
    out = torch::matmul(probs, v); // [B, H, T, D]
#endif
    out = out.transpose(1, 2).reshape({b, t, m_heads * m_headDim});
    return linear("o_proj")->forward(out);
}

} // namespace core
