#include "core/lora/ModuleLayout.h"

#include <string>

namespace core {

std::vector<LinearModuleInfo> linearModulesOf(const ModelConfig& cfg)
{
    const auto linear = [](std::string name, std::string shortName, int64_t in, int64_t out, bool bias, int layer) {
        LinearModuleInfo m;
        m.name = std::move(name);
        m.shortName = std::move(shortName);
        m.in = in;
        m.out = out;
        m.hasBias = bias;
        m.layer = layer;
        return m;
    };
    const int64_t q = cfg.numAttentionHeads * cfg.headDim, kv = cfg.numKeyValueHeads * cfg.headDim;
    std::vector<LinearModuleInfo> out;
    // The model itself hosts lm_head and comes first in its own module walk.
    out.push_back(linear("lm_head", "lm_head", cfg.hiddenSize, cfg.vocabSize, false, -1));
    for (int layer = 0; layer < cfg.numHiddenLayers; ++layer) {
        const std::string attn = "model.layers." + std::to_string(layer) + ".self_attn.";
        const std::string mlp = "model.layers." + std::to_string(layer) + ".mlp.";
        if (cfg.fusedProjections) { // Phi-3
            out.push_back(linear(attn + "qkv_proj", "qkv_proj", cfg.hiddenSize, q + 2 * kv, cfg.qkvBias, layer));
            out.push_back(linear(attn + "o_proj", "o_proj", q, cfg.hiddenSize, cfg.oBias, layer));
            out.push_back(linear(mlp + "gate_up_proj", "gate_up_proj", cfg.hiddenSize, 2 * cfg.intermediateSize,
                                 cfg.mlpBias, layer));
        } else {
            out.push_back(linear(attn + "q_proj", "q_proj", cfg.hiddenSize, q, cfg.qkvBias, layer));
            out.push_back(linear(attn + "k_proj", "k_proj", cfg.hiddenSize, kv, cfg.qkvBias, layer));
            out.push_back(linear(attn + "v_proj", "v_proj", cfg.hiddenSize, kv, cfg.qkvBias, layer));
            out.push_back(linear(attn + "o_proj", "o_proj", q, cfg.hiddenSize, cfg.oBias, layer));
            out.push_back(
                linear(mlp + "gate_proj", "gate_proj", cfg.hiddenSize, cfg.intermediateSize, cfg.mlpBias, layer));
            out.push_back(linear(mlp + "up_proj", "up_proj", cfg.hiddenSize, cfg.intermediateSize, cfg.mlpBias, layer));
        }
        out.push_back(linear(mlp + "down_proj", "down_proj", cfg.intermediateSize, cfg.hiddenSize, cfg.mlpBias, layer));
    }
    return out;
}

} // namespace core
