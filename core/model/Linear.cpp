#include "core/model/Linear.h"

#include "core/common/Error.h"

#include <torch/torch.h>

namespace core {

DenseLinear::DenseLinear(int64_t in, int64_t out, bool bias)
{
    m_weight = register_parameter("weight", torch::empty({out, in}));
    if (bias)
        m_bias = register_parameter("bias", torch::zeros({out}));
}

DenseLinear::DenseLinear(const torch::Tensor& sharedWeight)
{
    m_weight = register_parameter("weight", sharedWeight, sharedWeight.requires_grad());
}

torch::Tensor DenseLinear::forward(const torch::Tensor& x)
{
    return torch::nn::functional::linear(x, m_weight, m_bias);
}

std::shared_ptr<LinearBase> LinearHost::linear(const std::string& name) const
{
    const auto it = m_linears.find(name);
    LORAWB_ASSERT(it != m_linears.end(), "no linear child ", name);
    return it->second;
}

void LinearHost::replaceLinear(const std::string& name, std::shared_ptr<LinearBase> replacement)
{
    LORAWB_ASSERT(m_linears.count(name), "no linear child ", name);
    replace_module(name, replacement);
    m_linears[name] = std::move(replacement);
}

std::shared_ptr<LinearBase> LinearHost::addLinear(const std::string& name, std::shared_ptr<LinearBase> layer)
{
    register_module(name, layer);
    m_linears[name] = layer;
    return layer;
}

} // namespace core
