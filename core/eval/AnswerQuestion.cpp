#include "core/eval/AnswerQuestion.h"

#include "core/common/Error.h"
#include "core/data/QuestionAnsweringData.h"
#include "core/model/QuestionAnswering.h"

namespace core {

TriedAnswer answerQuestion(CausalLm& model, const Tokenizer& tok, const std::string& question,
                           const std::string& context, const QaWindowOptions& windows, int64_t maxAnswerLength,
                           bool allowNoAnswer, int64_t padId)
{
    LORAWB_CHECK(model.hasTaskHead(kQaHeadName),
                 "this model has no QUESTION_ANS head (qa_outputs): load a QUESTION_ANS adapter to answer questions.");
    LORAWB_CHECK(!question.empty() && !context.empty(), "give both a question and a context to find its answer in.");
    QaValidation set;
    SquadQuestion asked;
    asked.id = "try";
    asked.question = question;
    asked.context = context;
    asked.impossible = true; // no gold answer is known: its windows carry no target (evaluation reads none here)
    set.questions.push_back(std::move(asked));
    set.windows = buildQaWindows(set.questions, tok, windows, "the question and context");
    set.allowsNoAnswer = allowNoAnswer;
    set.maxAnswerLength = maxAnswerLength;
    std::vector<Example> examples;
    for (QaWindow& window : set.windows)
        examples.push_back(std::move(window.example));
    const QuestionAnsweringScores scores = evaluateQuestionAnswering(model, examples, set, 8, padId);
    return {scores.answers.front(), static_cast<int64_t>(examples.size())};
}

} // namespace core
