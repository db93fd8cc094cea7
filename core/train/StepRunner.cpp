#include "core/train/StepRunner.h"

#include "core/common/Error.h"
#include "core/data/Collator.h"
#include "core/data/ExampleBuilder.h"
#include "core/train/TaskObjective.h"

#include <torch/torch.h>

#include <cmath>

namespace core {
namespace {

bool isOutOfMemory(const c10::Error& e)
{
    const std::string text = e.what_without_backtrace();
    return text.find("out of memory") != std::string::npos || text.find("OutOfMemory") != std::string::npos;
}

} // namespace

StepRunner::StepRunner(CausalLm& model, std::vector<at::Tensor> params, int64_t padId, const TrainConfig& cfg,
                       ClassLabels classes, ContrastiveObjective contrastive)
    : m_model(model), m_params(std::move(params)), m_padId(padId), m_cfg(cfg), m_classes(std::move(classes)),
      m_contrastive(contrastive)
{
}

StepResult StepRunner::step(const std::vector<Example>& examples, const std::vector<std::vector<int64_t>>& microBatches,
                            AdamW& optimizer, double lr, int64_t stepNumber)
{
    StepResult result;
    int64_t targets = 0;
    for (const auto& indices : microBatches)
        for (int64_t i : indices)
            targets += lossItemCount(examples[i]);
    LORAWB_CHECK(targets > 0, "step ", stepNumber, ": the batch has no tokens to learn from (every label is masked). "
                 "Check data.max_length: prompts longer than it leave no response tokens.");
    double lossSum = 0;
    try {
        optimizer.zeroGrad();
        for (const auto& indices : microBatches) {
            const Batch batch = collate(examples, indices, m_padId);
            result.tokens += batch.tokens;
            const ObjectiveLoss loss = objectiveLossSum(m_model, batch, m_classes, m_contrastive);
            (loss.sum / static_cast<double>(targets)).backward();
            lossSum += loss.sum.item<double>();
        }
        result.loss = lossSum / targets;
        LORAWB_CHECK(std::isfinite(result.loss), "training diverged at step ", stepNumber, ": the loss is ",
                     result.loss, ". Lower train.learning_rate (now ", m_cfg.learningRate, ", try ",
                     m_cfg.learningRate / 10, "), keep train.max_grad_norm at 1.0, or add warmup steps. "
                     "The last checkpoint is kept.");
        if (m_cfg.maxGradNorm > 0) {
            result.gradNorm = torch::nn::utils::clip_grad_norm_(m_params, m_cfg.maxGradNorm);
        } else {
            double sq = 0;
            for (const auto& p : m_params)
                if (p.grad().defined())
                    sq += p.grad().to(torch::kFloat32).pow(2).sum().item<double>();
            result.gradNorm = std::sqrt(sq);
        }
        LORAWB_CHECK(std::isfinite(result.gradNorm), "training diverged at step ", stepNumber,
                     ": the gradient norm is ", result.gradNorm, ". Lower train.learning_rate (now ",
                     m_cfg.learningRate, "). The last checkpoint is kept.");
        optimizer.step(lr);
    } catch (const c10::Error& e) {
        if (!isOutOfMemory(e))
            throw;
        LORAWB_FAIL("out of memory at step ", stepNumber, " (batch_size ", m_cfg.batchSize,
                    "): lower train.batch_size (use gradient_accumulation_steps to keep the effective batch) or "
                    "data.max_length. The last checkpoint is kept.");
    }
    return result;
}

} // namespace core
