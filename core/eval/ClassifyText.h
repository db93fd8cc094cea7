#pragma once
// One text (or text pair) through a SEQ_CLS model, for trying an adapter by hand: the score head's output as each
// class's probability — softmax over the classes for single-label, each class's sigmoid for multi-label (classes are
// independent there), the raw value for regression. Tokenized and pooled exactly as training and evaluation do.
#include "core/model/CausalLm.h"
#include "core/task/ClassLabels.h"

#include <string>
#include <vector>

namespace core {

class Tokenizer;

struct ClassScores {
    ProblemType problemType = ProblemType::SingleLabel;
    std::vector<std::string> names; ///< one per output (regression: "value", or "value_<i>")
    std::vector<double> scores;     ///< probabilities (single- / multi-label) or the predicted values (regression)
    int64_t tokens = 0;             ///< the ids the model read (after max_length)
};

// classes as the adapter carries them; a padTokenId < 0 (PEFT's adapters carry none) is settled as evaluation
// settles it (config.json's, else the tokenizer's). Throws core::Error when the model has no score head.
ClassScores classifyText(CausalLm& model, const Tokenizer& tok, const ClassLabels& classes, const std::string& text,
                         const std::string& textPair, int64_t maxLength);

} // namespace core
