#pragma once
#include <torch/nn/module.h>

namespace core {

// LLaMA's RMSNorm, computed in float32 and cast back, as transformers' LlamaRMSNorm does.
class RmsNorm final : public torch::nn::Module {
public:
    RmsNorm(int64_t dim, double eps);
    // x: [..., dim]
    torch::Tensor forward(const torch::Tensor& x);

private:
    torch::Tensor m_weight;
    double m_eps;
};

} // namespace core
