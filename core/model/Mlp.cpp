#include "core/model/Mlp.h"

#include <torch/torch.h>

namespace core {

Mlp::Mlp(const ModelConfig& cfg) : m_fused(cfg.fusedProjections)
{
    if (m_fused) {
        addLinear("gate_up_proj", std::make_shared<DenseLinear>(cfg.hiddenSize, 2 * cfg.intermediateSize, cfg.mlpBias));
    } else {
        addLinear("gate_proj", std::make_shared<DenseLinear>(cfg.hiddenSize, cfg.intermediateSize, cfg.mlpBias));
        addLinear("up_proj", std::make_shared<DenseLinear>(cfg.hiddenSize, cfg.intermediateSize, cfg.mlpBias));
    }
    addLinear("down_proj", std::make_shared<DenseLinear>(cfg.intermediateSize, cfg.hiddenSize, cfg.mlpBias));
}

torch::Tensor Mlp::forward(const torch::Tensor& x)
{
    if (m_fused) {
        const auto gateUp = linear("gate_up_proj")->forward(x).chunk(2, /*dim=*/-1);
        return linear("down_proj")->forward(gateUp[1] * torch::silu(gateUp[0]));
    }
    return linear("down_proj")->forward(torch::silu(linear("gate_proj")->forward(x)) * linear("up_proj")->forward(x));
}

} // namespace core
