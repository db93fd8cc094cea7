#include "core/train/TrainingPlan.h"

#include "core/common/Error.h"
#include "core/lora/LoraInjector.h"
#include "core/train/WeightDecayRule.h"

#include <torch/torch.h>

#include <unordered_set>

namespace core {

TrainingPlan prepareTraining(CausalLm& model, const LoraConfig& lora, const TrainConfig& train)
{
    if (train.finetune == FinetuneMode::Full) {
        for (auto& p : model.parameters())
            p.set_requires_grad(true);
    } else if (loraLayers(model).empty()) {
        if (auto reason = taskTypeNotTrainableReason(lora.taskType))
            LORAWB_FAIL("task_type ", toString(lora.taskType), ": ", *reason);
        injectLora(model, lora, train.seed);
    }
    return trainablePlan(model);
}

TrainingPlan trainablePlan(CausalLm& model)
{
    TrainingPlan plan;
    std::unordered_set<const void*> seen; // tied weights appear under two names; the optimizer must see them once
    for (const auto& item : model.named_parameters(/*recurse=*/true))
        if (item.value().requires_grad() && seen.insert(item.value().unsafeGetTensorImpl()).second) {
            plan.names.push_back(item.key());
            plan.params.push_back(item.value());
            plan.decays.push_back(takesWeightDecay(item.key()));
        }
    return plan;
}

} // namespace core
