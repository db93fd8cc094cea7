#include "core/eval/ClassificationMetrics.h"

#include "core/common/Error.h"
#include "core/data/Collator.h"
#include "core/model/SequenceClassification.h"

#include <torch/torch.h>

#include <algorithm>
#include <numeric>

namespace core {

namespace {

double f1(int64_t truePositive, int64_t falsePositive, int64_t falseNegative)
{
    const int64_t denominator = 2 * truePositive + falsePositive + falseNegative;
    return denominator == 0 ? 0.0 : 2.0 * static_cast<double>(truePositive) / static_cast<double>(denominator);
}

} // namespace

ClassificationScores scoreSingleLabel(const std::vector<int64_t>& actual, const std::vector<int64_t>& predicted,
                                      int numLabels)
{
    LORAWB_ASSERT(actual.size() == predicted.size(), "labels and predictions differ in count");
    ClassificationScores out;
    out.examples = static_cast<int64_t>(actual.size());
    out.confusion.assign(static_cast<size_t>(numLabels), std::vector<int64_t>(static_cast<size_t>(numLabels), 0));
    int64_t right = 0;
    for (size_t i = 0; i < actual.size(); ++i) {
        LORAWB_ASSERT(actual[i] >= 0 && actual[i] < numLabels && predicted[i] >= 0 && predicted[i] < numLabels);
        ++out.confusion[static_cast<size_t>(actual[i])][static_cast<size_t>(predicted[i])];
        right += actual[i] == predicted[i];
    }
    out.accuracy = actual.empty() ? 0.0 : static_cast<double>(right) / static_cast<double>(actual.size());
    // scikit-learn's macro average runs over the labels present in y_true or y_pred; an F1 of 0/0 counts as 0.
    double sum = 0;
    int present = 0;
    for (int c = 0; c < numLabels; ++c) {
        int64_t rowSum = 0, columnSum = 0;
        for (int k = 0; k < numLabels; ++k) {
            rowSum += out.confusion[static_cast<size_t>(c)][static_cast<size_t>(k)];
            columnSum += out.confusion[static_cast<size_t>(k)][static_cast<size_t>(c)];
        }
        if (rowSum == 0 && columnSum == 0)
            continue;
        const int64_t tp = out.confusion[static_cast<size_t>(c)][static_cast<size_t>(c)];
        sum += f1(tp, columnSum - tp, rowSum - tp);
        ++present;
    }
    out.macroF1 = present == 0 ? 0.0 : sum / present;
    return out;
}

ClassificationScores evaluateClassification(CausalLm& model, const std::vector<Example>& examples,
                                            const ClassLabels& classes, int64_t batchSize,
                                            const std::function<void(int64_t, int64_t)>& onProgress,
                                            bool keepLogits)
{
    LORAWB_ASSERT(!classes.empty() && classes.problemType != ProblemType::Auto, "evaluation needs settled classes");
    torch::NoGradGuard noGrad;
    const bool wasTraining = model.is_training();
    model.eval();
    const auto device = model.stack()->embedTokens->weight.device();
    const int64_t n = static_cast<int64_t>(examples.size());
    double lossSum = 0;
    int64_t lossItems = 0;
    std::vector<int64_t> actual, predicted;
    std::vector<std::vector<float>> kept;
    int64_t multiRight = 0, tp = 0, fp = 0, fn = 0;
    double squaredError = 0;
    int64_t values = 0;
    for (int64_t begin = 0; begin < n; begin += std::max<int64_t>(batchSize, 1)) {
        std::vector<int64_t> indices(static_cast<size_t>(std::min(std::max<int64_t>(batchSize, 1), n - begin)));
        std::iota(indices.begin(), indices.end(), begin);
        const Batch batch = collate(examples, indices, classes.padTokenId);
        const auto logits = sequenceClassificationLogits(model, batch.inputIds.to(device), classes.padTokenId).cpu();
        const ClassificationLoss loss = classificationLossSum(logits, batch.targets, classes.problemType);
        lossSum += loss.sum.item<double>();
        if (keepLogits)
            for (int64_t r = 0; r < logits.size(0); ++r) {
                const auto row = logits[r].contiguous();
                kept.emplace_back(row.data_ptr<float>(), row.data_ptr<float>() + row.numel());
            }
        lossItems += loss.items;
        const auto targets = batch.targets;
        switch (classes.problemType) {
        case ProblemType::SingleLabel: {
            const auto best = logits.argmax(-1);
            for (int64_t r = 0; r < logits.size(0); ++r) {
                actual.push_back(static_cast<int64_t>(targets[r][0].item<float>()));
                predicted.push_back(best[r].item<int64_t>());
            }
            break;
        }
        case ProblemType::MultiLabel: {
            const auto guess = logits.gt(0);
            const auto truth = targets.gt(0.5);
            multiRight += guess.eq(truth).all(-1).sum().item<int64_t>();
            tp += (guess & truth).sum().item<int64_t>();
            fp += (guess & ~truth).sum().item<int64_t>();
            fn += (~guess & truth).sum().item<int64_t>();
            break;
        }
        case ProblemType::Regression:
            squaredError += (logits.reshape({-1}) - targets.reshape({-1})).pow(2).sum().item<double>();
            values += logits.numel();
            break;
        case ProblemType::Auto:
            break;
        }
        if (onProgress)
            onProgress(begin + static_cast<int64_t>(indices.size()), n);
    }
    if (wasTraining)
        model.train();
    ClassificationScores out;
    if (classes.problemType == ProblemType::SingleLabel)
        out = scoreSingleLabel(actual, predicted, classes.numLabels);
    out.examples = n;
    out.logits = std::move(kept);
    out.loss = lossItems == 0 ? 0.0 : lossSum / static_cast<double>(lossItems);
    if (classes.problemType == ProblemType::MultiLabel) {
        out.accuracy = n == 0 ? 0.0 : static_cast<double>(multiRight) / static_cast<double>(n);
        out.microF1 = f1(tp, fp, fn);
    }
    if (classes.problemType == ProblemType::Regression)
        out.mse = values == 0 ? 0.0 : squaredError / static_cast<double>(values);
    return out;
}

} // namespace core
