#include "core/model/DecoderLayer.h"

#include <torch/torch.h>

namespace core {

DecoderLayer::DecoderLayer(const ModelConfig& cfg, int64_t index) : m_residualDropout(cfg.residualDropout)
{
    // Registration order follows transformers' LlamaDecoderLayer so parameter listings read the same.
    m_attn = register_module("self_attn", std::make_shared<Attention>(cfg, index));
    m_mlp = register_module("mlp", std::make_shared<Mlp>(cfg));
    m_inputNorm = register_module("input_layernorm", std::make_shared<RmsNorm>(cfg.hiddenSize, cfg.rmsNormEps));
    m_postAttentionNorm =
        register_module("post_attention_layernorm", std::make_shared<RmsNorm>(cfg.hiddenSize, cfg.rmsNormEps));
}

torch::Tensor DecoderLayer::forward(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin,
                                    KvCacheEntry* cache)
{
    if (m_residualDropout > 0) {
        const bool training = is_training();
        auto h = x + torch::dropout(m_attn->forward(m_inputNorm->forward(x), cos, sin, cache), m_residualDropout,
                                    training);
        return h + torch::dropout(m_mlp->forward(m_postAttentionNorm->forward(h)), m_residualDropout, training);
    }
    auto h = x + m_attn->forward(m_inputNorm->forward(x), cos, sin, cache);
    return h + m_mlp->forward(m_postAttentionNorm->forward(h));
}

} // namespace core
