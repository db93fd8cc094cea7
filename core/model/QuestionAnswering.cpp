#include "core/model/QuestionAnswering.h"

#include "core/common/Error.h"
#include "core/model/TaskHeadInit.h"

#include <torch/torch.h>

#include <limits>

namespace core {

namespace {

// transformers' ForQuestionAnsweringLoss for one side: targets clamped to [0, T], T ignored; summed, with its count.
std::pair<at::Tensor, int64_t> sideLossSum(at::Tensor logits, const at::Tensor& positions, const at::Tensor& lengths)
{
    namespace F = torch::nn::functional;
    const int64_t ignored = logits.size(1);
    if (lengths.defined()) {
        const auto steps = torch::arange(ignored, logits.options().dtype(torch::kInt64));
        const auto padding = steps.unsqueeze(0) >= lengths.to(logits.device()).unsqueeze(1);
        logits = logits.masked_fill(padding, -std::numeric_limits<float>::infinity());
    }
    const auto targets = positions.reshape({-1}).to(logits.device(), torch::kInt64).clamp(0, ignored);
    const int64_t items = targets.ne(ignored).sum().item<int64_t>();
    const auto sum = F::cross_entropy(logits, targets,
                                      F::CrossEntropyFuncOptions().reduction(torch::kSum).ignore_index(ignored));
    return {sum, items};
}

} // namespace

void addQaHead(CausalLm& model, uint64_t seed, double initializerRange)
{
    addInitialisedTaskHead(model, kQaHeadName, 2, seed, /*bias=*/true, initializerRange);
}

SpanLogits questionAnsweringLogits(CausalLm& model, const at::Tensor& ids)
{
    LORAWB_ASSERT(model.hasTaskHead(kQaHeadName), "the model has no qa_outputs head");
    const auto logits = model.linear(kQaHeadName)->forward(model.hiddenStates(ids)).to(torch::kFloat32);
    return {logits.select(-1, 0).contiguous(), logits.select(-1, 1).contiguous()};
}

at::Tensor SpanLoss::mean() const
{
    return (startSum / static_cast<double>(startItems) + endSum / static_cast<double>(endItems)) / 2;
}

SpanLoss spanLossSums(const SpanLogits& logits, const at::Tensor& startPositions, const at::Tensor& endPositions,
                      const at::Tensor& lengths)
{
    LORAWB_ASSERT(logits.start.dim() == 2 && logits.start.sizes() == logits.end.sizes(), "span logits must be [B, T]");
    SpanLoss out;
    std::tie(out.startSum, out.startItems) = sideLossSum(logits.start, startPositions, lengths);
    std::tie(out.endSum, out.endItems) = sideLossSum(logits.end, endPositions, lengths);
    return out;
}

} // namespace core
