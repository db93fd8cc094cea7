#include "core/train/AdamW.h"

#include "core/common/Error.h"

#include <torch/torch.h>

#include <cmath>
#include <map>

namespace core {

AdamW::AdamW(std::vector<at::Tensor> parameters, AdamWOptions options, std::vector<bool> decays)
    : m_params(std::move(parameters)), m_decays(std::move(decays)), m_options(options)
{
    LORAWB_ASSERT(m_decays.empty() || m_decays.size() == m_params.size(), "AdamW: ", m_decays.size(),
                  " weight-decay flags for ", m_params.size(), " parameters");
    if (m_decays.empty())
        m_decays.assign(m_params.size(), true);
    for (const auto& p : m_params) {
        // The state takes the parameter's dtype, as torch.optim.AdamW's zeros_like: LoRA factors are float32, but a
        // bfloat16 bias or modules_to_save copy keeps bfloat16 moments and rounds after every operation, like HF.
        m_expAvg.push_back(torch::zeros_like(p));
        m_expAvgSq.push_back(torch::zeros_like(p));
    }
}

void AdamW::zeroGrad()
{
    for (auto& p : m_params)
        if (p.grad().defined())
            p.mutable_grad().zero_();
}

void AdamW::step(double lr)
{
    torch::NoGradGuard noGrad;
    ++m_step;
    const double biasCorrection1 = 1.0 - std::pow(m_options.beta1, static_cast<double>(m_step));
    const double biasCorrection2 = 1.0 - std::pow(m_options.beta2, static_cast<double>(m_step));
    const double stepSize = lr / biasCorrection1;
    const double biasCorrection2Sqrt = std::sqrt(biasCorrection2);
    for (size_t i = 0; i < m_params.size(); ++i) {
        auto& p = m_params[i];
        if (!p.grad().defined())
            continue;
        if (p.scalar_type() == torch::kFloat32) {
            const auto& grad = p.grad();
            if (m_options.weightDecay != 0 && m_decays[i])
                p.mul_(1.0 - lr * m_options.weightDecay);
            m_expAvg[i].lerp_(grad, 1.0 - m_options.beta1);
            m_expAvgSq[i].mul_(m_options.beta2).addcmul_(grad, grad, 1.0 - m_options.beta2);
            const auto denom = (m_expAvgSq[i].sqrt() / biasCorrection2Sqrt).add_(m_options.epsilon);
            p.addcdiv_(m_expAvg[i], denom, -stepSize);
            continue;
        }
        // bfloat16 / float16: the same operations as torch >= 2 runs them on such tensors, each computed in float32
        // and rounded to the dtype once ("opmath"). Spelled out because libtorch 1.13's own half-precision kernels
        // round the scalars first and give other numbers.
        const auto dtype = p.scalar_type();
        const auto rounded = [dtype](const at::Tensor& x) { return x.to(dtype).to(torch::kFloat32); };
        const auto grad = p.grad().to(torch::kFloat32);
        auto param = p.to(torch::kFloat32);
        if (m_options.weightDecay != 0 && m_decays[i])
            param = rounded(param * (1.0 - lr * m_options.weightDecay));
        const auto expAvg = rounded(m_expAvg[i].to(torch::kFloat32).lerp(grad, 1.0 - m_options.beta1));
        auto expAvgSq = rounded(m_expAvgSq[i].to(torch::kFloat32) * m_options.beta2);
        expAvgSq = rounded(expAvgSq.addcmul(grad, grad, 1.0 - m_options.beta2));
        const auto denom = rounded(rounded(rounded(expAvgSq.sqrt()) / biasCorrection2Sqrt) + m_options.epsilon);
        p.copy_(param.addcdiv(expAvg, denom, -stepSize));
        m_expAvg[i].copy_(expAvg);
        m_expAvgSq[i].copy_(expAvgSq);
    }
}

std::vector<std::pair<std::string, at::Tensor>> AdamW::stateTensors() const
{
    std::vector<std::pair<std::string, at::Tensor>> out;
    for (size_t i = 0; i < m_params.size(); ++i) {
        out.emplace_back("exp_avg." + std::to_string(i), m_expAvg[i]);
        out.emplace_back("exp_avg_sq." + std::to_string(i), m_expAvgSq[i]);
    }
    out.emplace_back("step", torch::tensor({m_step}, torch::kInt64));
    return out;
}

void AdamW::loadStateTensors(const std::vector<std::pair<std::string, at::Tensor>>& state, const std::string& source)
{
    std::map<std::string, at::Tensor> byName(state.begin(), state.end());
    torch::NoGradGuard noGrad;
    for (size_t i = 0; i < m_params.size(); ++i) {
        for (auto* slot : {&m_expAvg, &m_expAvgSq}) {
            const std::string name = (slot == &m_expAvg ? "exp_avg." : "exp_avg_sq.") + std::to_string(i);
            const auto it = byName.find(name);
            LORAWB_CHECK(it != byName.end() && it->second.sizes() == (*slot)[i].sizes(), source,
                         ": optimizer state \"", name, "\" is missing or has the wrong shape; the checkpoint belongs to "
                         "another configuration. Start without --resume or restore the matching experiment file.");
            (*slot)[i].copy_(it->second);
        }
    }
    const auto it = byName.find("step");
    LORAWB_CHECK(it != byName.end() && it->second.numel() == 1, source, ": optimizer state has no step count.");
    m_step = it->second.item<int64_t>();
}

} // namespace core
