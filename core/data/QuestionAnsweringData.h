#pragma once
// data.format squad turned into QUESTION_ANS examples: every question of the file cut into windows
// (core/data/SquadData.h), each window one example whose target is its answer's start and end token, and for the
// validation set what exact match and F1 need beside the logits: the questions with all their gold answers and, per
// validation example, the window it is (the question it asks, where each token lies in the context).
#include "core/data/PreparedData.h"
#include "core/data/SquadData.h"
#include "core/task/TaskConfig.h"

#include <cstdint>
#include <string>
#include <vector>

namespace core {

class Tokenizer;

struct QaValidation {
    std::vector<SquadQuestion> questions;
    // windows[i] belongs to PreparedData::validation[i] (its example moved there, so example is empty here).
    std::vector<QaWindow> windows;
    // SQuAD v2.0 (some question is unanswerable): a prediction may be "no answer" when the null span (start = end =
    // position 0) outscores every answer span, as run_qa's --version_2_with_negative does.
    bool allowsNoAnswer = false;
    int64_t maxAnswerLength = 30; ///< task.max_answer_length: the longest span a prediction may have, in tokens
};

// cfg.path's questions (and cfg.validationPath's, or cfg.validationSplit of the questions held out, chosen as for
// records) → out.train / out.validation, out.classes (a span head) and out.questionAnswering. Windows are
// data.max_length tokens with task.doc_stride shared; a window is never longer, so data.overlong never applies.
void buildQuestionAnsweringExamples(const DataConfig& cfg, const TaskConfig& task, const Tokenizer& tok,
                                    PreparedData& out);

// A SQuAD file scored by an adapter (lorawb eval): every question and its windows; examples[i] is windows[i]'s.
QaValidation readQuestionAnsweringSet(const std::string& path, const QaWindowOptions& options,
                                      int64_t maxAnswerLength, const Tokenizer& tok, std::vector<Example>& examples);

} // namespace core
