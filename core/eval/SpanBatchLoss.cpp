#include "core/eval/SpanBatchLoss.h"

#include "core/common/Error.h"

#include <torch/torch.h>

namespace core {

SpanBatchLoss spanBatchLoss(CausalLm& model, const Batch& batch)
{
    LORAWB_ASSERT(batch.targets.defined() && batch.targets.size(1) == 2, "a span batch without start and end");
    const auto device = model.stack()->embedTokens->weight.device();
    SpanBatchLoss out;
    out.logits = questionAnsweringLogits(model, batch.inputIds.to(device));
    const auto positions = batch.targets.to(torch::kInt64); // spanLossSums moves them beside the logits
    out.loss = spanLossSums(out.logits, positions.select(1, 0), positions.select(1, 1), batch.attentionMask.sum(1));
    return out;
}

} // namespace core
