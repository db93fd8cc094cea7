#include "core/data/QuestionAnsweringData.h"

#include "core/common/Error.h"

#include <algorithm>

namespace core {

namespace {

bool anyUnanswerable(const std::vector<SquadQuestion>& questions)
{
    return std::any_of(questions.begin(), questions.end(), [](const SquadQuestion& q) { return q.impossible; });
}

// The windows of `questions`, their examples moved into `examples` (recordIndex: the question's place in its file).
std::vector<QaWindow> windowsOf(const std::vector<SquadQuestion>& questions, const std::vector<int64_t>& fileIndex,
                                const QaWindowOptions& options, const Tokenizer& tok, const std::string& path,
                                std::vector<Example>& examples)
{
    std::vector<QaWindow> windows = buildQaWindows(questions, tok, options, path);
    examples.reserve(examples.size() + windows.size());
    for (QaWindow& window : windows) {
        window.example.recordIndex = fileIndex.empty() ? window.question : fileIndex[static_cast<size_t>(window.question)];
        examples.push_back(std::move(window.example));
        window.example = Example();
    }
    return windows;
}

} // namespace

void buildQuestionAnsweringExamples(const DataConfig& cfg, const TaskConfig& task, const Tokenizer& tok,
                                    PreparedData& out)
{
    const QaWindowOptions options{cfg.maxLength, task.docStride};
    std::vector<SquadQuestion> all = readSquadFile(cfg.path);
    std::vector<SquadQuestion> train, held;
    std::vector<int64_t> trainIndex, heldIndex;
    std::string heldPath = cfg.path;
    if (!cfg.validationPath.empty()) {
        train = std::move(all);
        held = readSquadFile(cfg.validationPath);
        heldPath = cfg.validationPath;
    } else {
        const auto n = static_cast<int64_t>(all.size());
        LORAWB_CHECK(cfg.validationSplit == 0 || n >= 2, cfg.path, ": ", n, " question(s) are too few to hold out ",
                     "data.validation_split = ", cfg.validationSplit, "; add questions or set data.validation_split: 0.");
        const std::vector<int64_t> picked = validationIndices(n, cfg.validationSplit, cfg.splitSeed);
        size_t v = 0;
        for (int64_t i = 0; i < n; ++i) {
            const bool isHeld = v < picked.size() && picked[v] == i;
            v += isHeld ? 1 : 0;
            (isHeld ? held : train).push_back(std::move(all[static_cast<size_t>(i)]));
            (isHeld ? heldIndex : trainIndex).push_back(i);
        }
    }
    out.report.records = static_cast<int64_t>(train.size() + held.size());
    windowsOf(train, trainIndex, options, tok, cfg.path, out.train);
    auto validation = std::make_shared<QaValidation>();
    validation->windows = windowsOf(held, heldIndex, options, tok, heldPath, out.validation);
    validation->allowsNoAnswer = anyUnanswerable(train) || anyUnanswerable(held);
    validation->maxAnswerLength = task.maxAnswerLength;
    validation->questions = std::move(held);
    out.questionAnswering = validation;

    const bool someAnswerInside = std::any_of(out.train.begin(), out.train.end(), [](const Example& e) {
        return e.target.size() == 2 && e.target[0] > 0;
    });
    LORAWB_CHECK(someAnswerInside, cfg.path, ": no training window holds an answer (every question is unanswerable, "
                 "or every answer lies past what data.max_length = ", cfg.maxLength, " leaves of its window). Add "
                 "answerable questions or raise data.max_length.");
    if (!validation->allowsNoAnswer)
        for (const Example& e : out.train)
            if (e.target.size() == 2 && e.target[0] == 0) {
                out.report.warnings.push_back(cfg.path + ": some windows of long contexts do not hold their "
                                              "question's answer; they train the head to point at position 0 (no "
                                              "answer here), as transformers' run_qa does.");
                break;
            }
    out.classes.unit = ClassifiedUnit::Span;
    out.classes.problemType = ProblemType::SingleLabel;
    out.classes.numLabels = 2;
}

QaValidation readQuestionAnsweringSet(const std::string& path, const QaWindowOptions& options,
                                      int64_t maxAnswerLength, const Tokenizer& tok, std::vector<Example>& examples)
{
    QaValidation set;
    set.maxAnswerLength = maxAnswerLength;
    set.questions = readSquadFile(path);
    set.windows = windowsOf(set.questions, {}, options, tok, path, examples);
    set.allowsNoAnswer = anyUnanswerable(set.questions);
    return set;
}

} // namespace core
