#pragma once
// The classes of a SEQ_CLS run, settled once from task: and the training file (core/data/LabelValues.h), then carried
// by the adapter (adapter_config.json: num_labels, id2label, label2id, problem_type, pad_token_id, as transformers'
// config.json names them) so that evaluation and PEFT users see the same classes.
#include "core/task/TaskConfig.h"

#include <cstdint>
#include <string>
#include <vector>

namespace core {

// What one class is given to: a whole sequence (SEQ_CLS: the last non-pad token's hidden state), each token
// (TOKEN_CLS: every position, scored where its label is not -100), or a span (QUESTION_ANS: the two "classes" are
// the answer's start and end, each a choice among the positions; numLabels 2, no names).
enum class ClassifiedUnit { Sequence, Token, Span };

struct ClassLabels {
    ClassifiedUnit unit = ClassifiedUnit::Sequence;
    ProblemType problemType = ProblemType::Auto; ///< Auto: no classification head
    std::vector<std::string> names; ///< id2label; "LABEL_<i>" (transformers' default) when the data has indices only;
                                    ///< empty for regression
    int numLabels = 0;              ///< the score head's outputs; 0: no classification head
    int64_t padTokenId = -1;        ///< the token pooling skips and batches are padded with (-1: not settled yet)

    bool empty() const { return numLabels == 0; }
};

} // namespace core
