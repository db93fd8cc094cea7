#include "core/eval/TokenClassificationMetrics.h"

#include "core/common/Error.h"
#include "core/data/Collator.h"
#include "core/eval/EvalMode.h"
#include "core/model/SequenceClassification.h"
#include "core/model/TokenClassification.h"

#include <torch/torch.h>

#include <numeric>

namespace core {

TokenClassificationScores evaluateTokenClassification(CausalLm& model, const std::vector<Example>& examples,
                                                      const ClassLabels& classes, int64_t batchSize,
                                                      const std::function<void(int64_t, int64_t)>& onProgress,
                                                      bool keepLogits)
{
    LORAWB_ASSERT(classes.unit == ClassifiedUnit::Token && classes.numLabels > 0, "evaluation needs the tag set");
    torch::NoGradGuard noGrad;
    EvalModeGuard evalMode(model);
    const auto device = model.stack()->embedTokens->weight.device();
    const int64_t n = static_cast<int64_t>(examples.size());
    const int64_t step = std::max<int64_t>(batchSize, 1);
    TokenClassificationScores out;
    out.examples = n;
    double lossSum = 0;
    int64_t lossItems = 0;
    for (int64_t begin = 0; begin < n; begin += step) {
        std::vector<int64_t> indices(static_cast<size_t>(std::min(step, n - begin)));
        std::iota(indices.begin(), indices.end(), begin);
        const Batch batch = collate(examples, indices, classes.padTokenId);
        const auto logits = tokenClassificationLogits(model, batch.inputIds.to(device)).cpu();
        const ClassificationLoss loss = classificationLossSum(logits, batch.labels, ProblemType::SingleLabel);
        lossSum += loss.sum.item<double>();
        lossItems += loss.items;
        const auto bestTensor = logits.argmax(-1).contiguous();
        const auto labelTensor = batch.labels.contiguous();
        const auto best = bestTensor.accessor<int64_t, 2>();
        const auto labels = labelTensor.accessor<int64_t, 2>();
        for (int64_t r = 0; r < best.size(0); ++r) {
            std::vector<int64_t> truth, predicted;
            std::vector<std::vector<float>> kept;
            for (int64_t t = 0; t < best.size(1); ++t) {
                const int64_t label = labels[r][t];
                if (label == kIgnoreIndex)
                    continue;
                truth.push_back(label);
                predicted.push_back(best[r][t]);
                if (keepLogits) {
                    const auto row = logits[r][t].contiguous();
                    kept.emplace_back(row.data_ptr<float>(), row.data_ptr<float>() + row.numel());
                }
            }
            out.truth.push_back(std::move(truth));
            out.predicted.push_back(std::move(predicted));
            if (keepLogits)
                out.logits.push_back(std::move(kept));
        }
        if (onProgress)
            onProgress(begin + static_cast<int64_t>(indices.size()), n);
    }
    out.loss = lossItems == 0 ? 0.0 : lossSum / static_cast<double>(lossItems);
    const auto names = [&](const std::vector<std::vector<int64_t>>& tags) {
        std::vector<std::vector<std::string>> sentences;
        for (const auto& sentence : tags) {
            sentences.emplace_back();
            for (int64_t tag : sentence)
                sentences.back().push_back(classes.names.at(static_cast<size_t>(tag)));
        }
        return sentences;
    };
    out.hasEntities = looksLikeEntityTags(classes.names);
    out.entities = scoreEntities(names(out.truth), names(out.predicted));
    return out;
}

} // namespace core
