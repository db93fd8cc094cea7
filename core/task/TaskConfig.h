#pragma once
// The experiment file's task: section — what a task head needs beyond task_type: the classes of SEQ_CLS (their
// number, names, problem type) and the pad token whose position pooling skips. Every key has a default that reads
// the answer from the data or the model, so a SEQ_CLS run needs none of them.
#include <cstdint>
#include <string>
#include <vector>

namespace core {

enum class ProblemType { Auto, SingleLabel, MultiLabel, Regression };

// transformers' spelling: single_label_classification, multi_label_classification, regression; "auto" for Auto.
std::string toString(ProblemType type);
ProblemType parseProblemType(const std::string& text, const std::string& field);
std::vector<std::string> allProblemTypeNames();

struct TaskConfig {
    int numLabels = 0;               ///< 0 = from the data (the label names found, or the largest label index + 1)
    std::vector<std::string> labels; ///< class names in id order (id2label); empty = from the data
    ProblemType problemType = ProblemType::Auto; ///< Auto: transformers' rule (1 label: regression; lists of labels:
                                                 ///< multi-label; otherwise single-label)
    int64_t padTokenId = -1;         ///< the token SEQ_CLS pooling skips; -1 = config.json's pad_token_id, else the
                                     ///< tokenizer's pad token

    // Throws core::Error naming task.<key> and the fix.
    void validate() const;
    bool isDefault() const;
};

} // namespace core
