#include "core/eval/PairEmbeddings.h"

#include "core/common/Error.h"
#include "core/model/SentenceEmbedding.h"

#include <torch/torch.h>

namespace core {

PairEmbeddings embedPairBatch(CausalLm& model, const Batch& batch, Pooling pooling)
{
    LORAWB_ASSERT(batch.positiveIds.defined(), "a pairs batch without positives");
    const auto device = model.stack()->embedTokens->weight.device();
    const auto embed = [&](const at::Tensor& ids, const at::Tensor& lengths) {
        return sentenceEmbeddings(model, ids.to(device), lengths, pooling, /*normalize=*/true);
    };
    PairEmbeddings out;
    out.queries = embed(batch.inputIds, batch.attentionMask.sum(1));
    out.positives = embed(batch.positiveIds, batch.positiveLengths);
    if (batch.negativeIds.defined())
        out.negatives = embed(batch.negativeIds, batch.negativeLengths);
    return out;
}

ContrastiveLoss pairLoss(const PairEmbeddings& embeddings, double temperature)
{
    const at::Tensor candidates = embeddings.negatives.defined()
                                      ? torch::cat({embeddings.positives, embeddings.negatives}, 0)
                                      : embeddings.positives;
    return contrastiveLossSum(embeddings.queries, candidates, temperature);
}

} // namespace core
