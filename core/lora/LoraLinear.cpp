#include "core/lora/LoraLinear.h"

#include "core/common/Error.h"
#include "core/lora/BaseRewritingInit.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace core {

double loraScaling(double alpha, int r, bool useRslora)
{
    return useRslora ? alpha / std::sqrt(static_cast<double>(r)) : alpha / r;
}

namespace {

// ||W + ΔW|| per output row, float32, without gradient (DoRA treats it as a constant).
torch::Tensor rowNorms(const torch::Tensor& weight, const torch::Tensor& delta)
{
    torch::NoGradGuard noGrad;
    return at::linalg_vector_norm(weight.to(torch::kFloat32) + delta, 2, at::IntArrayRef{1}, false);
}

} // namespace

LoraLinear::LoraLinear(std::shared_ptr<LinearBase> base, const LoraLayerOptions& options, at::Generator generator)
    : m_base(std::move(base)), m_options(options), m_scaling(loraScaling(options.loraAlpha, options.r, options.useRslora))
{
    LORAWB_ASSERT(options.r > 0);
    const int64_t in = m_base->inFeatures();
    const int64_t out = m_base->outFeatures();
    register_module("base_layer", m_base);
    m_loraA = register_module("lora_A", torch::nn::Linear(torch::nn::LinearOptions(in, options.r).bias(false)));
    m_loraB = register_module("lora_B", torch::nn::Linear(torch::nn::LinearOptions(options.r, out).bias(false)));
    torch::NoGradGuard noGrad;
    const auto fp32 = torch::TensorOptions(torch::kFloat32);
    if (options.init == LoraInit::Gaussian) {
        // PEFT "gaussian": A ~ N(0, 1/r)
        m_loraA->weight.copy_(at::normal(0.0, 1.0 / options.r, {options.r, in}, generator, fp32));
    } else {
        // PEFT default: kaiming_uniform_(a=sqrt(5)) on [r, in], i.e. U(-1/sqrt(in), 1/sqrt(in)).
        const double bound = 1.0 / std::sqrt(static_cast<double>(in));
        m_loraA->weight.copy_(at::empty({options.r, in}, fp32).uniform_(-bound, bound, generator));
    }
    m_loraB->weight.zero_(); // a fresh adapter changes nothing
    const auto device = m_base->baseWeight().device();
    m_loraA->to(device, torch::kFloat32);
    m_loraB->to(device, torch::kFloat32);
    if (rewritesBaseWeights(options.init) && options.startFromBase)
        startFromBaseWeight(generator, /*setFactors=*/true);
    if (options.useDora) // PEFT: m = ||W + ΔW|| at creation, which is ||W|| while B is zero
        m_magnitude = register_parameter("lora_magnitude_vector",
                                         rowNorms(m_base->baseWeight().to(device), deltaWeight().to(device)));
}

torch::Tensor LoraLinear::forward(const torch::Tensor& x)
{
    // As PEFT: a disabled layer that was merged (merge() called while disabled) is unmerged before it runs, so that
    // disabling always gives back the base layer.
    if (!m_enabled && m_merged)
        unmerge();
    auto result = m_base->forward(x);
    if (!m_enabled && rewroteBase()) {
        // Off means the original model, not the residual PiSSA / OLoRA left in the base (PEFT's disable_adapter
        // gives the residual): add back what the initialisation took out.
        const auto h = x.to(m_initialA.scalar_type());
        const auto back = torch::matmul(torch::matmul(h, m_initialA.t()), m_initialB.t()) * m_scaling;
        return (result.to(back.scalar_type()) + back).to(result.scalar_type());
    }
    if (!m_enabled || m_merged)
        return result;
    // The adapter runs in its own dtype (float32) on a bf16 base, as PEFT casts the input to lora_A's dtype.
    auto h = x.to(m_loraA->weight.scalar_type());
    const bool dropout = m_options.dropout > 0 && is_training();
    if (dropout)
        h = torch::dropout(h, m_options.dropout, true);
    const auto delta = m_loraB->forward(m_loraA->forward(h)) * m_scaling;
    // PEFT adds the float32 adapter output to the base output promoted to float32 and rounds the sum once to the
    // base's dtype (bf16 on CUDA); rounding the delta first would round twice.
    if (!m_options.useDora)
        return (result.to(delta.scalar_type()) + delta).to(result.scalar_type());
    // DoRA as PEFT's DoraLinearLayer: x Wᵀ is the base output without its bias, or, under dropout, W applied to the
    // dropped input (the same input the adapter sees).
    const auto weight = m_base->baseWeight();
    const auto scale = (m_magnitude / rowNorms(weight, deltaWeight().detach())).view({1, -1}); // [1, out]
    torch::Tensor plain;
    if (dropout) {
        plain = torch::matmul(h, weight.to(h.scalar_type()).t());
    } else { // the bias comes off in the base's dtype, as PEFT subtracts it from the base result
        plain = result;
        if (const auto bias = m_base->baseBias(); bias.defined())
            plain = plain - bias.to(result.scalar_type());
        plain = plain.to(h.scalar_type());
    }
    const auto dora = (scale - 1) * plain + scale * delta;
    return (result.to(dora.scalar_type()) + dora).to(result.scalar_type());
}

void LoraLinear::rewriteBaseUnderLoadedFactors(at::Generator generator)
{
    if (!rewritesBaseWeights(m_options.init) || rewroteBase())
        return;
    torch::NoGradGuard noGrad;
    startFromBaseWeight(std::move(generator), /*setFactors=*/false);
}

void LoraLinear::startFromBaseWeight(at::Generator generator, bool setFactors)
{
    auto w = m_base->baseWeight();
    const int64_t in = m_base->inFeatures();
    const int64_t out = m_base->outFeatures();
    checkBaseRewriteRank(initLoraWeightsName(m_options.init, m_options.initNiter), "the base weight", out, in,
                         m_options.r);
    const InitFactors f = m_options.init == LoraInit::Olora
                              ? oloraFactors(w, m_options.r)
                              : pissaFactors(w, m_options.r, m_scaling,
                                             m_options.init == LoraInit::PissaNiter ? m_options.initNiter : 0,
                                             generator);
    if (setFactors) {
        m_loraA->weight.copy_(f.a);
        m_loraB->weight.copy_(f.b);
    }
    m_initialA = f.a.to(w.device()).clone();
    m_initialB = f.b.to(w.device()).clone();
    // PEFT computes the residual in float32 and stores it in the base's dtype.
    w.copy_((w.to(torch::kFloat32) - initialDeltaWeight()).to(w.scalar_type()));
}

std::pair<torch::Tensor, torch::Tensor> LoraLinear::plainLoraFactors() const
{
    const auto a = m_loraA->weight.detach();
    const auto b = m_loraB->weight.detach();
    if (!rewroteBase())
        return {a, b};
    return {torch::cat({a, m_initialA.to(a.device())}, 0), torch::cat({b, -m_initialB.to(b.device())}, 1)};
}

void LoraLinear::restoreBaseWeight()
{
    if (!rewroteBase())
        return;
    torch::NoGradGuard noGrad;
    auto w = m_base->baseWeight();
    w.copy_((w.to(torch::kFloat32) + initialDeltaWeight()).to(w.scalar_type()));
    m_initialA = torch::Tensor();
    m_initialB = torch::Tensor();
}

torch::Tensor LoraLinear::initialDeltaWeight() const
{
    return torch::matmul(m_initialB, m_initialA) * m_scaling;
}

torch::Tensor LoraLinear::deltaWeight() const
{
    return torch::matmul(m_loraB->weight, m_loraA->weight) * m_scaling;
}

void LoraLinear::merge()
{
    if (m_merged)
        return;
    torch::NoGradGuard noGrad;
    auto w = m_base->baseWeight();
    const auto merged = w.to(torch::kFloat32) + deltaWeight();
    if (m_options.useDora) { // PEFT's DoRA merge: rows rescaled to m / ||W + ΔW|| (the norm of the unmerged weight)
        m_mergedScale = (m_magnitude / rowNorms(w, deltaWeight())).view({-1, 1});
        w.copy_((m_mergedScale * merged).to(w.scalar_type()));
    } else {
        w.copy_(merged.to(w.scalar_type()));
    }
    m_merged = true;
}

void LoraLinear::unmerge()
{
    if (!m_merged)
        return;
    torch::NoGradGuard noGrad;
    auto w = m_base->baseWeight();
    if (m_options.useDora)
        w.copy_((w.to(torch::kFloat32) / m_mergedScale - deltaWeight()).to(w.scalar_type()));
    else
        w.copy_((w.to(torch::kFloat32) - deltaWeight()).to(w.scalar_type()));
    m_merged = false;
}

void LoraLinear::setEnabled(bool enabled)
{
    if (!enabled)
        unmerge();
    m_enabled = enabled;
}

} // namespace core
