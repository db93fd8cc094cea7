#include "core/eval/Perplexity.h"

#include "core/common/Error.h"
#include "core/data/Collator.h"
#include "core/data/DatasetReader.h"
#include "core/data/ExampleBuilder.h"
#include "core/data/PreparedData.h"
#include "core/eval/EvalMode.h"
#include "core/eval/ModelDevice.h"
#include "core/eval/TokenIdCheck.h"
#include "core/model/CausalLm.h"

#include <torch/torch.h>

#include <algorithm>
#include <filesystem>
#include <cmath>
#include <limits>
#include <numeric>

namespace core {

PerplexityResult examplesPerplexity(CausalLm& model, const std::vector<Example>& examples, int64_t padId,
                                    const PerplexityOptions& options)
{
    LORAWB_ASSERT(options.batchSize >= 1 && options.maxBatchTokens >= 1);
    const EvalModeGuard evalMode(model);
    torch::NoGradGuard noGrad;
    const c10::Device device = modelDevice(model);

    // Longest first, so that a batch holds similar lengths (little padding) and an out-of-memory shows at once.
    std::vector<int64_t> order(examples.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) {
        return examples[static_cast<size_t>(a)].inputIds.size() > examples[static_cast<size_t>(b)].inputIds.size();
    });

    double sum = 0;
    PerplexityResult result;
    result.exampleLossSums.assign(examples.size(), 0.0);
    result.exampleTokens.assign(examples.size(), 0);
    for (size_t begin = 0; begin < order.size();) {
        const int64_t longest = static_cast<int64_t>(examples[static_cast<size_t>(order[begin])].inputIds.size());
        const int64_t fit = std::max<int64_t>(1, options.maxBatchTokens / std::max<int64_t>(longest, 1));
        const size_t count = static_cast<size_t>(std::min(options.batchSize, fit));
        const size_t end = std::min(order.size(), begin + count);
        std::vector<int64_t> indices(order.begin() + static_cast<std::ptrdiff_t>(begin),
                                     order.begin() + static_cast<std::ptrdiff_t>(end));
        if (options.onProgress)
            options.onProgress(static_cast<int64_t>(begin), static_cast<int64_t>(order.size()));
        begin = end;
        if (longest < 2)
            continue; // a single token predicts nothing
        const Batch batch = collate(examples, indices, padId);
        const LossSum loss = model.lossSum(batch.inputIds.to(device), batch.labels.to(device), /*perRow=*/true);
        if (loss.tokens == 0)
            continue;
        const auto rowSums = loss.rowSums.to(torch::kCPU, torch::kFloat64);
        const auto rowTokens = loss.rowTokens.to(torch::kCPU);
        for (size_t i = 0; i < indices.size(); ++i) {
            const auto index = static_cast<size_t>(indices[i]);
            result.exampleLossSums[index] = rowSums[static_cast<int64_t>(i)].item<double>();
            result.exampleTokens[index] = rowTokens[static_cast<int64_t>(i)].item<int64_t>();
        }
        sum += loss.sum.item<double>();
        result.tokens += loss.tokens;
        result.sequences += static_cast<int64_t>(indices.size());
    }
    if (options.onProgress)
        options.onProgress(static_cast<int64_t>(order.size()), static_cast<int64_t>(order.size()));
    LORAWB_CHECK(result.tokens > 0, "no token to predict: every sequence is shorter than two tokens or has no "
                                    "labelled token. Give longer text or records with a non-empty output.");
    result.loss = sum / static_cast<double>(result.tokens);
    result.perplexity = std::exp(result.loss); // inf on overflow, which is what a diverged model deserves
    return result;
}

double batchMeanLoss(const PerplexityResult& result, int64_t batchSize)
{
    LORAWB_ASSERT(batchSize >= 1 && result.exampleLossSums.size() == result.exampleTokens.size());
    double weighted = 0;
    int64_t weight = 0;
    const auto n = static_cast<int64_t>(result.exampleTokens.size());
    for (int64_t begin = 0; begin < n; begin += batchSize) {
        const int64_t end = std::min(n, begin + batchSize);
        double sum = 0;
        int64_t tokens = 0;
        for (int64_t i = begin; i < end; ++i) {
            sum += result.exampleLossSums[static_cast<size_t>(i)];
            tokens += result.exampleTokens[static_cast<size_t>(i)];
        }
        if (tokens == 0)
            continue;
        weighted += static_cast<double>(end - begin) * sum / static_cast<double>(tokens);
        weight += end - begin;
    }
    return weight > 0 ? weighted / static_cast<double>(weight) : result.loss;
}

ScoredExamples textExamples(const ModelConfig& model, const Tokenizer& tok, const std::string& text,
                            const std::string& source, int64_t windowLength)
{
    if (windowLength <= 0)
        windowLength = model.maxPositionEmbeddings;
    LORAWB_CHECK(windowLength >= 2, source, ": the evaluation window must hold at least 2 tokens, got ", windowLength,
                 ".");
    const std::vector<int64_t> ids = textIds(text, tok);
    const std::vector<Example> windows = textWindows(ids, windowLength);
    LORAWB_CHECK(!windows.empty(), source, ": the text is empty (", ids.size(),
                 " token(s) with BOS); it needs at least one token to predict. Give a file with some text.");
    checkTokenIdsFit(ids, model.vocabSize, source + ": ");
    return {windows, /*padId=*/0};
}

ScoredExamples textFileExamples(const ModelConfig& model, const Tokenizer& tok, const std::string& path,
                                int64_t windowLength)
{
    std::error_code error;
    LORAWB_CHECK(std::filesystem::file_size(path, error) != 0 || error, path,
                 ": the file is empty; give a text file with something to score.");
    return textExamples(model, tok, readTextFile(path), path, windowLength);
}

ScoredExamples datasetExamples(const ModelConfig& model, const Tokenizer& tok, const std::string& path, int64_t limit)
{
    LORAWB_CHECK(limit >= 0, "--limit must be >= 0 (0 = every record), got ", limit, ".");
    DataConfig cfg;
    cfg.path = path;
    cfg.maxLength = static_cast<int>(std::min<int64_t>(model.maxPositionEmbeddings, std::numeric_limits<int>::max()));
    PreparedData data = prepareData(cfg, tok);
    std::vector<Example>& examples = data.train; // file order, no validation split
    if (limit > 0) {
        const auto end = std::remove_if(examples.begin(), examples.end(),
                                        [&](const Example& e) { return e.recordIndex >= limit; });
        examples.erase(end, examples.end());
        LORAWB_CHECK(!examples.empty(), path, ": none of the first ", limit,
                     " record(s) has a response token to score; raise --limit.");
    }
    return {std::move(examples), batchPadId(tok)};
}

PerplexityResult textPerplexity(CausalLm& model, const Tokenizer& tok, const std::string& text,
                                const std::string& source, int64_t windowLength, const PerplexityOptions& options)
{
    const ScoredExamples scored = textExamples(model.config(), tok, text, source, windowLength);
    return examplesPerplexity(model, scored.examples, scored.padId, options);
}

PerplexityResult textFilePerplexity(CausalLm& model, const Tokenizer& tok, const std::string& path,
                                    int64_t windowLength, const PerplexityOptions& options)
{
    const ScoredExamples scored = textFileExamples(model.config(), tok, path, windowLength);
    return examplesPerplexity(model, scored.examples, scored.padId, options);
}

PerplexityResult datasetPerplexity(CausalLm& model, const Tokenizer& tok, const std::string& path, int64_t limit,
                                   const PerplexityOptions& options)
{
    const ScoredExamples scored = datasetExamples(model.config(), tok, path, limit);
    return examplesPerplexity(model, scored.examples, scored.padId, options);
}

} // namespace core
