#include "core/model/RotaryEmbedding.h"

#include <torch/torch.h>

#include <cmath>

namespace core {
namespace {

// transformers' _compute_llama3_parameters: long wavelengths are slowed by `factor`, short ones kept, and the band in
// between interpolated smoothly.
torch::Tensor llama3Scaled(const torch::Tensor& invFreq, const RopeScaling& rs)
{
    const double lowFreqWavelen = rs.originalMaxPositionEmbeddings / rs.lowFreqFactor;
    const double highFreqWavelen = rs.originalMaxPositionEmbeddings / rs.highFreqFactor;
    const auto wavelen = 2 * M_PI / invFreq;
    auto scaled = torch::where(wavelen > lowFreqWavelen, invFreq / rs.factor, invFreq);
    const auto smooth = (rs.originalMaxPositionEmbeddings / wavelen - rs.lowFreqFactor) /
                        (rs.highFreqFactor - rs.lowFreqFactor);
    const auto smoothed = (1 - smooth) * scaled / rs.factor + smooth * scaled;
    const auto medium = wavelen.ge(highFreqWavelen).logical_and(wavelen.le(lowFreqWavelen));
    return torch::where(medium, smoothed, scaled);
}

} // namespace

RotaryEmbedding::RotaryEmbedding(const ModelConfig& cfg)
{
    const int64_t dim = cfg.rotaryDim > 0 ? cfg.rotaryDim : cfg.headDim;
    // Same arithmetic and dtype as transformers: base ** (arange(0, dim, 2).float() / dim), in float32.
    const auto exponents = torch::arange(0, dim, 2, torch::kInt64).to(torch::kFloat32) / static_cast<double>(dim);
    const auto powers = torch::pow(torch::scalar_tensor(cfg.ropeTheta, torch::kFloat32), exponents);
    auto invFreq = 1.0 / powers;
    if (cfg.ropeScaling && cfg.ropeScaling->type == "llama3") {
        invFreq = llama3Scaled(invFreq, *cfg.ropeScaling);
    } else if (cfg.ropeScaling && cfg.ropeScaling->type == "linear") {
        invFreq = invFreq / cfg.ropeScaling->factor;
    } else if (cfg.ropeScaling && cfg.ropeScaling->type == "longrope") {
        // transformers' _compute_longrope_parameters: 1 / (factor_i * base ** (2i / dim)), the short factors up to
        // the pretraining length and the long ones past it; cos and sin scaled by the attention factor.
        const RopeScaling& rs = *cfg.ropeScaling;
        const auto factors = [](const std::vector<double>& values) {
            return torch::tensor(std::vector<float>(values.begin(), values.end()), torch::kFloat32);
        };
        invFreq = 1.0 / (factors(rs.shortFactor) * powers);
        m_longInvFreq = 1.0 / (factors(rs.longFactor) * powers);
        m_originalMax = rs.originalMaxPositionEmbeddings;
        const double factor = rs.factor;
        m_scale = rs.attentionFactor ? *rs.attentionFactor
                  : factor <= 1.0    ? 1.0
                                     : std::sqrt(1 + std::log(factor) / std::log(double(m_originalMax)));
    }
    m_invFreq = invFreq.to(torch::kFloat32);
}

std::pair<at::Tensor, at::Tensor> RotaryEmbedding::cosSin(int64_t offset, int64_t length, at::ScalarType dtype,
                                                          at::Device device) const
{
    const auto positions = torch::arange(offset, offset + length, torch::kInt64).to(torch::kFloat32);
    const bool beyondPretraining = m_longInvFreq.defined() && offset + length > m_originalMax;
    const auto freqs = torch::outer(positions, beyondPretraining ? m_longInvFreq : m_invFreq); // [T, R/2]
    const auto emb = torch::cat({freqs, freqs}, /*dim=*/-1);                                   // [T, R]
    if (m_scale != 1.0)
        return {(emb.cos() * m_scale).to(device, dtype), (emb.sin() * m_scale).to(device, dtype)};
    return {emb.cos().to(device, dtype), emb.sin().to(device, dtype)};
}

at::Tensor RotaryEmbedding::apply(const at::Tensor& x, const at::Tensor& cos, const at::Tensor& sin)
{
    const int64_t rotary = cos.size(-1);
    if (rotary < x.size(-1)) // partial rotation: the rest of each head passes through
        return torch::cat({apply(x.narrow(-1, 0, rotary), cos, sin), x.narrow(-1, rotary, x.size(-1) - rotary)}, -1);
    const int64_t half = x.size(-1) / 2;
    const auto x1 = x.narrow(-1, 0, half);
    const auto x2 = x.narrow(-1, half, half);
    const auto rotated = torch::cat({-x2, x1}, /*dim=*/-1);
    return x * cos + rotated * sin;
}

} // namespace core
