#pragma once
// QUESTION_ANS evaluation as transformers' run_qa example post-processes and scores it: every window of a question
// gives its best answer span (core/eval/AnswerSpan.h: start <= end, at most max_answer_length tokens, both in the
// context), the question takes the best span of all its windows, and with SQuAD v2.0 data the "no answer"
// prediction (the null span at position 0, scored by its lowest value over the windows) wins when it scores higher.
// The predicted text is the context between the span's tokens; exact match and F1 are the official SQuAD script's
// (core/eval/SquadScore.h).
#include "core/data/Example.h"
#include "core/data/QuestionAnsweringData.h"
#include "core/eval/SquadScore.h"
#include "core/model/CausalLm.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace core {

struct QaAnswer {
    std::string text;      ///< "" for no answer
    bool noAnswer = false; ///< the null span won (v2.0 data only)
    double score = 0;      ///< start + end logit of the chosen span (the null score when noAnswer)
    int64_t window = -1;   ///< the window (index into the evaluated examples) the span came from; -1: none
    int64_t start = 0, end = 0; ///< its token positions in that window
};

struct QuestionAnsweringScores {
    int64_t questions = 0, windows = 0;
    double loss = 0;              ///< the head's loss (start and end cross-entropy), mean over the windows' sides
    SquadScores squad;            ///< exact match and F1 in percent
    std::vector<QaAnswer> answers; ///< per question, in order
};

// examples[i] is set.windows[i]'s example. Runs the model without gradients, batchSize windows at a time, padded with
// padId. onProgress(done, total windows) after each batch.
QuestionAnsweringScores evaluateQuestionAnswering(CausalLm& model, const std::vector<Example>& examples,
                                                  const QaValidation& set, int64_t batchSize, int64_t padId,
                                                  const std::function<void(int64_t, int64_t)>& onProgress = {});

} // namespace core
