#include "core/model/Mlp.h"

#include <torch/torch.h>

namespace core {

Mlp::Mlp(const ModelConfig& cfg)
{
    addLinear("gate_proj", std::make_shared<DenseLinear>(cfg.hiddenSize, cfg.intermediateSize, cfg.mlpBias));
    addLinear("up_proj", std::make_shared<DenseLinear>(cfg.hiddenSize, cfg.intermediateSize, cfg.mlpBias));
    addLinear("down_proj", std::make_shared<DenseLinear>(cfg.intermediateSize, cfg.hiddenSize, cfg.mlpBias));
}

torch::Tensor Mlp::forward(const torch::Tensor& x)
{
    return linear("down_proj")->forward(torch::silu(linear("gate_proj")->forward(x)) * linear("up_proj")->forward(x));
}

} // namespace core
