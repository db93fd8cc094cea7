#include "core/model/SentenceEmbedding.h"

#include "core/common/Error.h"

#include <torch/torch.h>

namespace core {

at::Tensor sentenceEmbeddings(CausalLm& model, const at::Tensor& ids, const at::Tensor& lengths, Pooling pooling,
                              bool normalize)
{
    LORAWB_ASSERT(ids.dim() == 2 && lengths.dim() == 1 && lengths.size(0) == ids.size(0), "ids [B, T], lengths [B]");
    const auto device = ids.device();
    const auto hidden = model.hiddenStates(ids).to(torch::kFloat32);
    const auto lens = lengths.to(device, torch::kInt64);
    at::Tensor pooled;
    if (pooling == Pooling::LastToken) {
        const auto rows = torch::arange(ids.size(0), lens.options());
        pooled = hidden.index({rows, lens - 1});
    } else {
        // Right padding: position t is real while t < length; causal attention kept padding out of the real tokens.
        const auto real = torch::arange(ids.size(1), lens.options()).unsqueeze(0).lt(lens.unsqueeze(1));
        pooled = (hidden * real.unsqueeze(-1).to(hidden.scalar_type())).sum(1) /
                 lens.unsqueeze(1).to(hidden.scalar_type());
    }
    if (normalize)
        pooled = torch::nn::functional::normalize(pooled, torch::nn::functional::NormalizeFuncOptions().dim(-1));
    return pooled;
}

} // namespace core
