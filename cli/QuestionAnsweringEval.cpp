#include "cli/QuestionAnsweringEval.h"

#include "cli/EvalDataOptions.h"
#include "cli/JsonOutput.h"
#include "core/data/Collator.h"
#include "core/data/QuestionAnsweringData.h"
#include "core/eval/QuestionAnsweringMetrics.h"
#include "core/io/AtomicFile.h"
#include "core/task/TaskConfig.h"
#include "core/tokenizer/Tokenizer.h"

#include <nlohmann/json.hpp>

#include <iomanip>
#include <iostream>

namespace core::cli {

namespace {

// --limit N: the first N questions and their windows.
void keepFirstQuestions(QaValidation& set, std::vector<Example>& examples, int64_t limit)
{
    if (limit <= 0 || static_cast<int64_t>(set.questions.size()) <= limit)
        return;
    set.questions.resize(static_cast<size_t>(limit));
    size_t kept = 0;
    while (kept < set.windows.size() && set.windows[kept].question < limit)
        ++kept;
    set.windows.resize(kept);
    examples.resize(kept);
}

} // namespace

int runQuestionAnsweringEval(const ArgParser& parser, LoadedModel& loaded, int64_t limit, int64_t batchSize)
{
    if (!parser.has("--data"))
        parser.fail("a QUESTION_ANS adapter is evaluated on questions: give --data FILE (SQuAD v1.1 / v2.0 JSON, or "
                    "its JSONL export), not --text");
    if (parser.has("--columns"))
        parser.fail("--columns does not apply to SQuAD files: their fields are named by the format");
    const TaskConfig defaults;
    TaskConfig task;
    task.docStride = parser.integer("--doc-stride", defaults.docStride, 0);
    task.maxAnswerLength = parser.integer("--max-answer-length", defaults.maxAnswerLength, 1);
    const Tokenizer& tok = *loaded.tokenizer;
    const QaWindowOptions windows{parser.integer("--max-length", 384, 2), task.docStride};
    const std::string path = parser.value("--data");
    std::vector<Example> examples;
    QaValidation set = readQuestionAnsweringSet(path, windows, task.maxAnswerLength, tok, examples);
    keepFirstQuestions(set, examples, limit);
    const QuestionAnsweringScores scores = evaluateQuestionAnswering(*loaded.model, examples, set, batchSize,
                                                                     batchPadId(tok), scoringProgress("windows"));
    if (parser.has("--predictions")) {
        nlohmann::ordered_json answers = nlohmann::ordered_json::object();
        for (size_t q = 0; q < set.questions.size(); ++q)
            answers[set.questions[q].id] = scores.answers[q].text;
        writeFileAtomically(parser.value("--predictions"), answers.dump(1) + "\n");
    }

    const SquadScores& s = scores.squad;
    nlohmann::json out = {{"task_type", "QUESTION_ANS"}, {"loss", scores.loss},   {"exact_match", s.exactMatch},
                          {"f1", s.f1},                  {"questions", s.total}, {"windows", scores.windows}};
    if (s.hasAnswerTotal > 0 && s.noAnswerTotal > 0) { // the v2.0 script's split
        out["has_answer_exact"] = s.hasAnswerExact;
        out["has_answer_f1"] = s.hasAnswerF1;
        out["has_answer_total"] = s.hasAnswerTotal;
        out["no_answer_exact"] = s.noAnswerExact;
        out["no_answer_f1"] = s.noAnswerF1;
        out["no_answer_total"] = s.noAnswerTotal;
    }
    out["model"] = parser.value("--model");
    out["adapter"] = parser.value("--adapter");
    if (parser.has("--json")) {
        printJson(out);
        return 0;
    }
    printScoreLine("loss", scores.loss, 4);
    printScoreLine("exact_match", s.exactMatch, 4);
    printScoreLine("f1", s.f1, 4);
    std::cout << std::left << std::setw(12) << "questions" << s.total << " (" << scores.windows << " windows of at most "
              << windows.maxLength << " tokens)\n";
    if (s.hasAnswerTotal > 0 && s.noAnswerTotal > 0)
        std::cout << "answerable: exact " << std::fixed << std::setprecision(2) << s.hasAnswerExact << ", f1 "
                  << s.hasAnswerF1 << " (" << s.hasAnswerTotal << ")\nunanswerable: exact " << s.noAnswerExact
                  << " (" << s.noAnswerTotal << ")\n" << std::defaultfloat;
    return 0;
}

} // namespace core::cli
