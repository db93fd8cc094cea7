#pragma once
// The "prepare what trains" phase of a run, done once before the loop: LoRA injected (or every weight unfrozen for
// finetune: full), then the list of tensors the optimizer updates. The trainer receives the plan and only loops.
#include "core/lora/LoraConfig.h"
#include "core/model/CausalLm.h"
#include "core/train/TrainConfig.h"

#include <ATen/core/Tensor.h>

#include <string>
#include <vector>

namespace core {

struct TrainingPlan {
    std::vector<std::string> names; ///< the model's parameter names, in named_parameters order
    std::vector<at::Tensor> params; ///< the tensors the optimizer updates (a tied tensor once)
    std::vector<bool> decays;       ///< weight decay per tensor (transformers' rule, WeightDecayRule.h)

    bool empty() const { return params.empty(); }
};

// finetune: full unfreezes every weight; LoRA injects adapters with lora and train.seed (checking the task type
// first), unless the model already carries one (a loaded adapter trained further). Throws core::Error naming the
// setting when the task type cannot be trained or the targets match nothing.
TrainingPlan prepareTraining(CausalLm& model, const LoraConfig& lora, const TrainConfig& train);

// The plan of whatever already requires grad.
TrainingPlan trainablePlan(CausalLm& model);

} // namespace core
