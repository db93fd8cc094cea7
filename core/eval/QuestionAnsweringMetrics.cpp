#include "core/eval/QuestionAnsweringMetrics.h"

#include "core/common/Error.h"
#include "core/data/Collator.h"
#include "core/eval/AnswerSpan.h"
#include "core/eval/EvalMode.h"
#include "core/eval/SpanBatchLoss.h"

#include <torch/torch.h>

#include <limits>
#include <numeric>

namespace core {

namespace {

std::vector<float> rowOf(const at::Tensor& logits, int64_t row, int64_t length)
{
    const auto values = logits[row].narrow(0, 0, length).contiguous();
    return {values.data_ptr<float>(), values.data_ptr<float>() + length};
}

// Each question's best span so far, and its lowest null score (run_qa keeps the minimum over the windows).
struct Candidate {
    QaAnswer best;
    bool found = false;
    double nullScore = std::numeric_limits<double>::infinity();
};

} // namespace

QuestionAnsweringScores evaluateQuestionAnswering(CausalLm& model, const std::vector<Example>& examples,
                                                  const QaValidation& set, int64_t batchSize, int64_t padId,
                                                  const std::function<void(int64_t, int64_t)>& onProgress)
{
    LORAWB_ASSERT(examples.size() == set.windows.size(), "one window per example");
    torch::NoGradGuard noGrad;
    EvalModeGuard evalMode(model);
    const int64_t n = static_cast<int64_t>(examples.size());
    const int64_t step = std::max<int64_t>(batchSize, 1);
    QuestionAnsweringScores out;
    out.questions = static_cast<int64_t>(set.questions.size());
    out.windows = n;
    std::vector<Candidate> candidates(set.questions.size());
    double lossSum = 0;
    int64_t lossItems = 0;
    for (int64_t begin = 0; begin < n; begin += step) {
        std::vector<int64_t> indices(static_cast<size_t>(std::min(step, n - begin)));
        std::iota(indices.begin(), indices.end(), begin);
        const Batch batch = collate(examples, indices, padId);
        const SpanBatchLoss span = spanBatchLoss(model, batch);
        const SpanLogits logits{span.logits.start.cpu(), span.logits.end.cpu()};
        lossSum += (span.loss.startSum + span.loss.endSum).item<double>();
        lossItems += span.loss.startItems + span.loss.endItems;
        for (size_t r = 0; r < indices.size(); ++r) {
            const int64_t w = indices[r];
            const QaWindow& window = set.windows[static_cast<size_t>(w)];
            const auto length = static_cast<int64_t>(examples[static_cast<size_t>(w)].inputIds.size());
            const std::vector<float> start = rowOf(logits.start, static_cast<int64_t>(r), length);
            const std::vector<float> end = rowOf(logits.end, static_cast<int64_t>(r), length);
            std::vector<bool> allowed(static_cast<size_t>(length));
            for (int64_t t = 0; t < length; ++t)
                allowed[static_cast<size_t>(t)] = window.spans[static_cast<size_t>(t)].first >= 0;
            Candidate& candidate = candidates[static_cast<size_t>(window.question)];
            candidate.nullScore = std::min(candidate.nullScore, static_cast<double>(start[0] + end[0]));
            const auto span = bestAnswerSpan(start, end, allowed, set.maxAnswerLength);
            if (!span || (candidate.found && span->score <= candidate.best.score))
                continue;
            const SquadQuestion& question = set.questions[static_cast<size_t>(window.question)];
            candidate.found = true;
            candidate.best = {answerText(question, window, span->start, span->end), false, span->score, w,
                              span->start, span->end};
        }
        if (onProgress)
            onProgress(begin + static_cast<int64_t>(indices.size()), n);
    }
    out.loss = lossItems == 0 ? 0.0 : lossSum / static_cast<double>(lossItems);
    std::vector<std::string> predictions;
    std::vector<std::vector<std::string>> gold;
    for (size_t q = 0; q < candidates.size(); ++q) {
        QaAnswer answer = candidates[q].best;
        if (!candidates[q].found || (set.allowsNoAnswer && candidates[q].nullScore > answer.score))
            answer = {"", true, candidates[q].nullScore, -1, 0, 0};
        predictions.push_back(answer.text);
        gold.emplace_back();
        for (const SquadAnswer& a : set.questions[q].answers)
            gold.back().push_back(a.text);
        out.answers.push_back(std::move(answer));
    }
    out.squad = scoreSquad(predictions, gold);
    return out;
}

} // namespace core
