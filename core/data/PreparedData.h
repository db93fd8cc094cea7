#pragma once
#include "core/task/ClassLabels.h"
#include "core/data/DataConfig.h"
#include "core/data/DatasetReport.h"
#include "core/data/Example.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace core {

class Tokenizer;
struct QaValidation; // core/data/QuestionAnsweringData.h

// Train and validation examples, ready for batching, and what happened on the way.
struct PreparedData {
    std::vector<Example> train, validation; // each in file order
    DatasetReport report;                   // both files together
    ClassLabels classes;                    // data.format seq_cls: the classes; empty otherwise
    // data.format squad: the validation questions and where each validation window lies in its context (exact match
    // and F1 need them beside the logits); null otherwise.
    std::shared_ptr<const QaValidation> questionAnswering;
};

// cfg.path (and cfg.validationPath) → examples: read, map columns, format with the template, tokenize, mask the
// prompt, apply max_length and split train/validation by cfg.validationSplit with cfg.splitSeed (the split is by
// record, before max_length, so changing max_length does not move records between the sets).
// format text: BOS + the ids of the whole file cut into consecutive windows of max_length, labels = inputIds.
// format messages: each conversation rendered by cfg.chatTemplate (the tokenizer's own for "model"), loss on the
// assistant's turns (every turn with trainOnPrompt); see ChatExamples.h.
// Throws core::Error for bad input, and when no example (or no validation example, when one was asked for) is left.
// format seq_cls: see ClassificationData.h (task: gives the classes); squad: QuestionAnsweringData.h; pairs:
// PairData.h.
PreparedData prepareData(const DataConfig& cfg, const Tokenizer& tok, const TaskConfig& task = {});

// Which of n items go to validation: round(n * share) of them (at least 1 when share > 0), chosen by a seeded
// shuffle that is the same on every platform. Returns sorted indices; the rest are train.
std::vector<int64_t> validationIndices(int64_t n, double share, uint64_t seed);

} // namespace core
