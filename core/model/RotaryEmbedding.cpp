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
    const int64_t dim = cfg.headDim;
    // Same arithmetic and dtype as transformers: base ** (arange(0, dim, 2).float() / dim), in float32.
    const auto exponents = torch::arange(0, dim, 2, torch::kInt64).to(torch::kFloat32) / static_cast<double>(dim);
    auto invFreq = 1.0 / torch::pow(torch::scalar_tensor(cfg.ropeTheta, torch::kFloat32), exponents);
    if (cfg.ropeScaling && cfg.ropeScaling->type == "llama3")
        invFreq = llama3Scaled(invFreq, *cfg.ropeScaling);
    else if (cfg.ropeScaling && cfg.ropeScaling->type == "linear")
        invFreq = invFreq / cfg.ropeScaling->factor;
    m_invFreq = invFreq.to(torch::kFloat32);
}

std::pair<at::Tensor, at::Tensor> RotaryEmbedding::cosSin(int64_t offset, int64_t length, at::ScalarType dtype,
                                                          at::Device device) const
{
    const auto positions = torch::arange(offset, offset + length, torch::kInt64).to(torch::kFloat32);
    const auto freqs = torch::outer(positions, m_invFreq);   // [T, D/2]
    const auto emb = torch::cat({freqs, freqs}, /*dim=*/-1); // [T, D]
    return {emb.cos().to(device, dtype), emb.sin().to(device, dtype)};
}

at::Tensor RotaryEmbedding::apply(const at::Tensor& x, const at::Tensor& cos, const at::Tensor& sin)
{
    const int64_t half = x.size(-1) / 2;
    const auto x1 = x.narrow(-1, 0, half);
    const auto x2 = x.narrow(-1, half, half);
    const auto rotated = torch::cat({-x2, x1}, /*dim=*/-1);
    return x * cos + rotated * sin;
}

} // namespace core
