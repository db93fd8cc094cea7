#include "core/eval/Generation.h"

#include "core/common/Error.h"
#include "core/data/ExampleBuilder.h"
#include "core/eval/EvalMode.h"
#include "core/eval/ModelDevice.h"
#include "core/eval/TokenIdCheck.h"
#include "core/model/CausalLm.h"
#include "core/tokenizer/Tokenizer.h"

#include <torch/torch.h>

#include <cmath>
#include <limits>

namespace core {
namespace {

// logits: [V] float32 on any device. Sampling runs on the CPU in float64 with a CPU generator, so that a seed gives
// the same choice whatever the device computed the logits with.
int64_t pickToken(const torch::Tensor& logits, const GenerationOptions& options, at::Generator& generator)
{
    if (options.temperature <= 0)
        return logits.argmax().item<int64_t>();
    auto scaled = logits.to(torch::kCPU, torch::kDouble) / options.temperature;
    const int64_t vocab = scaled.size(0);
    if (options.topK > 0 && options.topK < vocab) {
        const double kth = std::get<0>(scaled.topk(options.topK)).min().item<double>();
        scaled = scaled.masked_fill(scaled < kth, -std::numeric_limits<double>::infinity());
    }
    auto probs = torch::softmax(scaled, /*dim=*/0);
    if (options.topP < 1.0) {
        auto [sorted, order] = probs.sort(/*dim=*/0, /*descending=*/true);
        // Drop a token when the tokens before it already reach top_p; the most likely one always stays.
        const auto before = sorted.cumsum(0) - sorted;
        sorted = sorted.masked_fill(before >= options.topP, 0.0);
        probs = torch::zeros_like(probs).scatter(0, order, sorted);
    }
    return at::multinomial(probs, /*num_samples=*/1, /*replacement=*/false, generator).item<int64_t>();
}

} // namespace

void GenerationOptions::validate() const
{
    LORAWB_CHECK(maxNewTokens >= 1, "--max-new-tokens must be at least 1, got ", maxNewTokens, ".");
    LORAWB_CHECK(std::isfinite(temperature) && temperature >= 0, "--temperature must be >= 0 (0 = greedy), got ",
                 temperature, ".");
    LORAWB_CHECK(topK >= 0, "--top-k must be >= 0 (0 = no limit), got ", topK, ".");
    LORAWB_CHECK(std::isfinite(topP) && topP > 0 && topP <= 1, "--top-p must be in (0, 1] (1 = no limit), got ", topP,
                 ".");
}

std::string toString(StopReason reason)
{
    switch (reason) {
    case StopReason::Eos: return "eos";
    case StopReason::MaxNewTokens: return "max_new_tokens";
    case StopReason::MaxPositions: return "max_position_embeddings";
    }
    return "?";
}

std::vector<int64_t> generateIds(CausalLm& model, const std::vector<int64_t>& promptIds,
                                 const GenerationOptions& options, int64_t eosId, StopReason* reason)
{
    options.validate();
    LORAWB_CHECK(!promptIds.empty(), "the prompt is empty and the tokenizer has no BOS token to start from; give a "
                                     "prompt.");
    const int64_t maxPositions = model.config().maxPositionEmbeddings;
    const int64_t vocab = model.config().vocabSize;
    LORAWB_CHECK(static_cast<int64_t>(promptIds.size()) <= maxPositions, "the prompt is ", promptIds.size(),
                 " tokens but the model reads at most ", maxPositions,
                 " (max_position_embeddings); shorten the prompt.");
    checkTokenIdsFit(promptIds, vocab, "prompt ");

    const EvalModeGuard evalMode(model);
    torch::NoGradGuard noGrad;
    const c10::Device device = modelDevice(model);
    at::Generator generator = at::detail::createCPUGenerator(options.seed);
    KvCache cache;
    auto input = torch::tensor(promptIds, torch::kLong).unsqueeze(0).to(device); // [1, T]
    int64_t cached = 0;
    std::vector<int64_t> out;
    StopReason why = StopReason::MaxNewTokens;
    while (true) {
        const auto logits = model.logits(input, &cache); // [1, T, V]: the cache continues the sequence
        cached += input.size(1);
        const int64_t next = pickToken(logits[0][logits.size(1) - 1], options, generator);
        if (options.stopAtEos && eosId >= 0 && next == eosId) {
            why = StopReason::Eos;
            break;
        }
        out.push_back(next);
        if (static_cast<int64_t>(out.size()) >= options.maxNewTokens) {
            why = StopReason::MaxNewTokens;
            break;
        }
        if (cached + 1 > maxPositions) { // the new token would sit past the last position the model knows
            why = StopReason::MaxPositions;
            break;
        }
        input = torch::full({1, 1}, next, torch::TensorOptions(torch::kLong).device(device));
    }
    if (reason)
        *reason = why;
    return out;
}

Generation generate(CausalLm& model, const Tokenizer& tok, const std::string& prompt, const GenerationOptions& options)
{
    return generateFromIds(model, tok, textIds(prompt, tok), options);
}

Generation generateFromIds(CausalLm& model, const Tokenizer& tok, std::vector<int64_t> promptIds,
                           const GenerationOptions& options)
{
    Generation result;
    result.promptIds = std::move(promptIds);
    const int64_t eos = tok.eosId() >= 0 ? tok.eosId() : model.config().eosTokenId;
    result.newIds = generateIds(model, result.promptIds, options, eos, &result.stopReason);
    // Decoding the continuation alone would drop its leading space (sentencepiece strips the first piece's "▁"), so
    // decode prompt + continuation and cut off the prompt's text.
    std::vector<int> all(result.promptIds.begin(), result.promptIds.end());
    all.insert(all.end(), result.newIds.begin(), result.newIds.end());
    const std::string full = tok.decode(all);
    const std::string promptText = tok.decode(std::vector<int>(result.promptIds.begin(), result.promptIds.end()));
    if (full.compare(0, promptText.size(), promptText) == 0)
        result.text = full.substr(promptText.size());
    else
        result.text = tok.decode(std::vector<int>(result.newIds.begin(), result.newIds.end()));
    return result;
}

} // namespace core
