#pragma once
// One optimizer step: forward/backward over the accumulated micro-batches, the loss normalised by the number of
// target tokens in the whole step (as transformers' Trainer does with num_items_in_batch; for SEQ_CLS the labelled
// outputs, so equal micro-batches give transformers' mean), clipping and AdamW.
#include "core/data/Example.h"
#include "core/model/CausalLm.h"
#include "core/train/AdamW.h"
#include "core/task/ClassLabels.h"
#include "core/task/Embedding.h"
#include "core/train/TrainConfig.h"

#include <vector>

namespace core {

struct StepResult {
    double loss = 0;      ///< mean target-token loss over the step
    double gradNorm = 0;  ///< before clipping
    int64_t tokens = 0;   ///< input tokens processed (padding excluded)
};

class StepRunner {
public:
    // classes: a SEQ_CLS run's (its head's loss; padId must then be classes.padTokenId); empty: a language model.
    // contrastive: how pairs are scored, when the examples are pairs (FEATURE_EXTRACTION).
    StepRunner(CausalLm& model, std::vector<at::Tensor> params, int64_t padId, const TrainConfig& cfg,
               ClassLabels classes = {}, ContrastiveObjective contrastive = {});
    // stepNumber (1-based) only names the step in messages. Throws core::Error for a NaN/Inf loss or out of memory.
    StepResult step(const std::vector<Example>& examples, const std::vector<std::vector<int64_t>>& microBatches,
                    AdamW& optimizer, double lr, int64_t stepNumber);

private:
    CausalLm& m_model;
    std::vector<at::Tensor> m_params;
    int64_t m_padId;
    TrainConfig m_cfg;
    ClassLabels m_classes;
    ContrastiveObjective m_contrastive;
};

} // namespace core
