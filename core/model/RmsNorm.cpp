#include "core/model/RmsNorm.h"

#include <torch/torch.h>

namespace core {

RmsNorm::RmsNorm(int64_t dim, double eps) : m_eps(eps) { m_weight = register_parameter("weight", torch::ones({dim})); }

torch::Tensor RmsNorm::forward(const torch::Tensor& x)
{
    const auto inputType = x.scalar_type();
    auto h = x.to(torch::kFloat32);
    const auto variance = h.pow(2).mean(-1, /*keepdim=*/true);
    h = h * torch::rsqrt(variance + m_eps);
    return m_weight * h.to(inputType);
}

} // namespace core
