#pragma once
// The experiment file's task: section — what a task head needs beyond task_type: the classes of SEQ_CLS (their
// number, names, problem type) and the pad token whose position pooling skips; for QUESTION_ANS how contexts are cut
// into windows and how long an answer may be. Every key has a default (read from the data or the model, or
// transformers' run_qa example's), so a run needs none of them. FEATURE_EXTRACTION: pooling and the contrastive loss's
// temperature.
#include "core/task/Embedding.h"

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
    int64_t docStride = 128;         ///< QUESTION_ANS: context tokens two windows of one long context share
    int64_t maxAnswerLength = 30;    ///< QUESTION_ANS: the longest answer span (tokens) a prediction may have
    Pooling pooling = Pooling::Mean; ///< FEATURE_EXTRACTION: how a text's hidden states become its embedding
    double temperature = 0.05;       ///< FEATURE_EXTRACTION: similarities are divided by it before cross-entropy

    // Throws core::Error naming task.<key> and the fix.
    void validate() const;
    bool hasClassifierKeys() const; ///< any of num_labels, labels, problem_type, pad_token_id set
    bool hasSpanKeys() const;       ///< doc_stride or max_answer_length set
    bool hasEmbeddingKeys() const;  ///< pooling or temperature set
    ContrastiveObjective contrastive() const { return {pooling, temperature}; }
};

} // namespace core
