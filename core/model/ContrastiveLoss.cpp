#include "core/model/ContrastiveLoss.h"

#include "core/common/Error.h"

#include <torch/torch.h>

namespace core {

ContrastiveLoss contrastiveLossSum(const at::Tensor& queries, const at::Tensor& candidates, double temperature)
{
    LORAWB_ASSERT(queries.dim() == 2 && candidates.dim() == 2 && candidates.size(0) >= queries.size(0) &&
                      candidates.size(1) == queries.size(1),
                  "queries [B, H], candidates [C >= B, H]");
    LORAWB_ASSERT(temperature > 0, "temperature must be positive");
    ContrastiveLoss out;
    out.scores = torch::matmul(queries, candidates.t()) / temperature;
    const auto targets = torch::arange(queries.size(0), torch::TensorOptions().dtype(torch::kInt64).device(
                                                            queries.device()));
    out.sum = torch::nn::functional::cross_entropy(
        out.scores, targets, torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kSum));
    out.items = queries.size(0);
    return out;
}

} // namespace core
