#pragma once
// One question on one context through a QUESTION_ANS model, for trying an adapter by hand: the context cut into
// windows as training cuts it, and the answer picked exactly as evaluation picks it (core/eval/QuestionAnsweringMetrics:
// the best span of at most maxAnswerLength tokens over all windows; with allowNoAnswer, "no answer" when the null
// span outscores it, as SQuAD v2.0 models are used).
#include "core/data/SquadData.h"
#include "core/eval/QuestionAnsweringMetrics.h"
#include "core/model/CausalLm.h"

#include <string>

namespace core {

class Tokenizer;

struct TriedAnswer {
    QaAnswer answer;
    int64_t windows = 0; ///< how many windows the context took
};

// Throws core::Error when the model has no qa_outputs head, the question or context is empty, or the settings leave
// no room for the context (the message names them).
TriedAnswer answerQuestion(CausalLm& model, const Tokenizer& tok, const std::string& question,
                           const std::string& context, const QaWindowOptions& windows, int64_t maxAnswerLength,
                           bool allowNoAnswer, int64_t padId);

} // namespace core
