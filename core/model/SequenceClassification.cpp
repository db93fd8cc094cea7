#include "core/model/SequenceClassification.h"

#include "core/common/Error.h"
#include "core/model/TaskHeadInit.h"

#include <torch/torch.h>

namespace core {

void addScoreHead(CausalLm& model, int64_t numLabels, uint64_t seed, bool bias, double initializerRange)
{
    LORAWB_CHECK(numLabels >= 1, "a classification head needs at least one label (num_labels 1 is regression); got ",
                 numLabels);
    addInitialisedTaskHead(model, kScoreHeadName, numLabels, seed, bias, initializerRange);
}

int64_t scoreHeadLabels(const CausalLm& model)
{
    return model.hasTaskHead(kScoreHeadName) ? model.linear(kScoreHeadName)->outFeatures() : 0;
}

at::Tensor pooledPositions(const at::Tensor& ids, int64_t padTokenId)
{
    const int64_t batch = ids.size(0), length = ids.size(1);
    if (padTokenId < 0) {
        LORAWB_CHECK(batch == 1, "SEQ_CLS without a pad token can classify one sequence at a time only (transformers: "
                     "\"Cannot handle batch sizes > 1 if no padding token is defined\"); set the pad token id");
        return torch::full({1}, length - 1, ids.options().dtype(torch::kInt64));
    }
    const auto positions = torch::arange(length, ids.options().dtype(torch::kInt64));
    return (positions * ids.ne(padTokenId).to(torch::kInt64)).argmax(-1);
}

int64_t classificationPadTokenId(int64_t taskSetting, int64_t configPad, int64_t tokenizerPad, int64_t eosId)
{
    if (taskSetting >= 0)
        return taskSetting;
    if (configPad >= 0)
        return configPad;
    if (tokenizerPad >= 0)
        return tokenizerPad;
    LORAWB_FAIL("SEQ_CLS classifies each sequence by its last token that is not padding, so it needs a pad token id, "
                "and this model has none (config.json has no pad_token_id, the tokenizer no pad token). Set "
                "task.pad_token_id", eosId >= 0 ? " — the EOS id " + std::to_string(eosId) + " is the usual choice, as "
                "in transformers' model.config.pad_token_id = tokenizer.eos_token_id" : std::string(), ".");
}

at::Tensor sequenceClassificationLogits(CausalLm& model, const at::Tensor& ids, int64_t padTokenId)
{
    LORAWB_ASSERT(model.hasTaskHead(kScoreHeadName), "the model has no score head");
    const auto hidden = model.hiddenStates(ids);
    const auto rows = torch::arange(ids.size(0), ids.options().dtype(torch::kInt64));
    const auto pooled = hidden.index({rows, pooledPositions(ids, padTokenId).to(ids.device())});
    return model.linear(kScoreHeadName)->forward(pooled).to(torch::kFloat32);
}

ClassificationLoss classificationLossSum(const at::Tensor& logits, const at::Tensor& targets, ProblemType type)
{
    namespace F = torch::nn::functional;
    ClassificationLoss out;
    switch (type) {
    case ProblemType::SingleLabel: {
        const auto labels = targets.reshape({-1}).to(logits.device(), torch::kInt64);
        out.items = labels.ne(-100).sum().item<int64_t>();
        out.sum = F::cross_entropy(logits.reshape({-1, logits.size(-1)}), labels,
                                   F::CrossEntropyFuncOptions().reduction(torch::kSum).ignore_index(-100));
        break;
    }
    case ProblemType::MultiLabel:
        out.items = logits.numel();
        out.sum = F::binary_cross_entropy_with_logits(
            logits, targets.to(logits.device(), logits.scalar_type()).reshape(logits.sizes()),
            F::BinaryCrossEntropyWithLogitsFuncOptions().reduction(torch::kSum));
        break;
    case ProblemType::Regression:
        out.items = logits.numel();
        out.sum = F::mse_loss(logits.reshape({-1}), targets.to(logits.device(), logits.scalar_type()).reshape({-1}),
                              F::MSELossFuncOptions().reduction(torch::kSum));
        break;
    case ProblemType::Auto:
        LORAWB_ASSERT(false, "the problem type was not resolved before computing the loss");
    }
    return out;
}

} // namespace core
