#include "core/train/TaskObjective.h"

#include "core/common/Error.h"
#include "core/model/SequenceClassification.h"

#include <torch/torch.h>

namespace core {

ObjectiveLoss objectiveLossSum(CausalLm& model, const Batch& batch, const ClassLabels& classes)
{
    const auto device = model.stack()->embedTokens->weight.device();
    ObjectiveLoss out;
    if (classes.empty()) {
        const LossSum loss = model.lossSum(batch.inputIds.to(device), batch.labels.to(device));
        out.sum = loss.sum;
        out.items = loss.tokens;
        return out;
    }
    LORAWB_ASSERT(batch.targets.defined(), "a classification batch without targets");
    out.logits = sequenceClassificationLogits(model, batch.inputIds.to(device), classes.padTokenId);
    const ClassificationLoss loss = classificationLossSum(out.logits, batch.targets, classes.problemType);
    out.sum = loss.sum;
    out.items = loss.items;
    return out;
}

} // namespace core
