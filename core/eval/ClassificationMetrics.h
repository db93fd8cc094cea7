#pragma once
// SEQ_CLS evaluation: the head's loss over a set of examples and the scores of its predictions — accuracy, macro-F1
// and the confusion matrix for single-label classification (as scikit-learn's accuracy_score, f1_score(average=
// "macro") and confusion_matrix compute them), subset accuracy and micro-F1 for multi-label (a class is predicted
// when its logit is above 0, i.e. its sigmoid above 0.5), the mean squared error for regression.
#include "core/data/Example.h"
#include "core/model/CausalLm.h"
#include "core/task/ClassLabels.h"

#include <cstdint>
#include <functional>
#include <vector>

namespace core {

struct ClassificationScores {
    int64_t examples = 0;
    double loss = 0;      ///< the head's loss, mean over every labelled output (transformers' loss on one batch)
    double accuracy = -1; ///< single-label: share predicted right; multi-label: share with every class right
    double macroF1 = -1;  ///< single-label: mean F1 over the classes that occur in labels or predictions
    double microF1 = -1;  ///< multi-label: F1 over every (example, class) decision
    double mse = -1;      ///< regression
    std::vector<std::vector<int64_t>> confusion; ///< single-label: [actual][predicted] counts
    std::vector<std::vector<float>> logits;      ///< with keepLogits: each example's head output, in order
};

// Pure scoring of single-label predictions (class indices); numLabels sizes the confusion matrix.
ClassificationScores scoreSingleLabel(const std::vector<int64_t>& actual, const std::vector<int64_t>& predicted,
                                      int numLabels);

// Runs the model (no gradients) over examples in batches of batchSize, padded with classes.padTokenId.
// onProgress(done, total) after each batch when set.
ClassificationScores evaluateClassification(CausalLm& model, const std::vector<Example>& examples,
                                            const ClassLabels& classes, int64_t batchSize,
                                            const std::function<void(int64_t, int64_t)>& onProgress = {},
                                            bool keepLogits = false);

} // namespace core
