#include "core/train/TaskObjective.h"

#include "core/common/Error.h"
#include "core/eval/PairEmbeddings.h"
#include "core/eval/SpanBatchLoss.h"
#include "core/model/SequenceClassification.h"
#include "core/model/TokenClassification.h"

#include <torch/torch.h>

namespace core {

ObjectiveLoss objectiveLossSum(CausalLm& model, const Batch& batch, const ClassLabels& classes,
                               const ContrastiveObjective& contrastive)
{
    const auto device = model.stack()->embedTokens->weight.device();
    ObjectiveLoss out;
    if (batch.positiveIds.defined()) {
        const ContrastiveLoss loss =
            pairLoss(embedPairBatch(model, batch, contrastive.pooling), contrastive.temperature);
        out.sum = loss.sum;
        out.items = loss.items;
        out.logits = loss.scores;
        return out;
    }
    if (classes.empty()) {
        const LossSum loss = model.lossSum(batch.inputIds.to(device), batch.labels.to(device));
        out.sum = loss.sum;
        out.items = loss.tokens;
        return out;
    }
    if (classes.unit == ClassifiedUnit::Span) {
        const SpanBatchLoss span = spanBatchLoss(model, batch);
        // Summed over both sides: over micro-batches whose rows keep both sides (every window keeps them; only an
        // answer past the sequence is ignored, and windows never hold one), sum / items is transformers' mean.
        out.sum = span.loss.startSum + span.loss.endSum;
        out.items = span.loss.startItems + span.loss.endItems;
        out.logits = torch::stack({span.logits.start, span.logits.end}, -1);
        return out;
    }
    const bool perToken = classes.unit == ClassifiedUnit::Token;
    LORAWB_ASSERT(perToken || batch.targets.defined(), "a classification batch without targets");
    out.logits = perToken ? tokenClassificationLogits(model, batch.inputIds.to(device))
                          : sequenceClassificationLogits(model, batch.inputIds.to(device), classes.padTokenId);
    // TOKEN_CLS: each position's own class is in labels (unshifted, -100 where no loss).
    const ClassificationLoss loss =
        classificationLossSum(out.logits, perToken ? batch.labels : batch.targets, classes.problemType);
    out.sum = loss.sum;
    out.items = loss.items;
    return out;
}

} // namespace core
