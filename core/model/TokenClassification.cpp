#include "core/model/TokenClassification.h"

#include "core/common/Error.h"
#include "core/model/SequenceClassification.h"

#include <torch/torch.h>

namespace core {

at::Tensor tokenClassificationLogits(CausalLm& model, const at::Tensor& ids)
{
    LORAWB_ASSERT(model.hasTaskHead(kScoreHeadName), "the model has no score head");
    auto hidden = model.hiddenStates(ids);
    const double p = model.config().classifierDropout;
    if (model.is_training() && p > 0)
        hidden = torch::dropout(hidden, p, /*train=*/true);
    return model.linear(kScoreHeadName)->forward(hidden).to(torch::kFloat32);
}

} // namespace core
