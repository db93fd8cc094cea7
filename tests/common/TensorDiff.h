#pragma once
// How far apart two tensors are, for comparisons against a reference computed another way (float64 by hand,
// transformers' output, a different precision).
#include <torch/torch.h>

namespace testutil {

// The largest absolute element-wise difference, computed in float64 so that the comparison itself adds no rounding.
inline double maxAbsDiff(const torch::Tensor& a, const torch::Tensor& b)
{
    return (a.to(torch::kFloat64) - b.to(torch::kFloat64)).abs().max().item<double>();
}

} // namespace testutil
