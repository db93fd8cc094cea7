#include "core/eval/ForgettingProbe.h"

#include "core/common/Error.h"
#include "core/data/DataConfig.h"
#include "core/data/DatasetReader.h"
#include "core/data/ExampleBuilder.h"
#include "core/data/PromptTemplate.h"
#include "core/eval/EvalMode.h"
#include "core/eval/ModelDevice.h"
#include "core/eval/TokenIdCheck.h"
#include "core/lora/LoraInjector.h"
#include "core/model/CausalLm.h"
#include "core/tokenizer/Tokenizer.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace core {
namespace {

// The retain text as the windows the probe scores: BOS + the text's ids, cut to the token budget, in consecutive
// windows of at most max_position_embeddings tokens (textPerplexity's windowing, so the numbers compare with
// `lorawb eval --text` on the same cut). Each window: ids [1, T] int64 on CPU.
std::vector<at::Tensor> retainWindows(const ForgettingProbeOptions& options, const Tokenizer& tok,
                                      const ModelConfig& cfg)
{
    const std::string& path = options.retainPath;
    LORAWB_CHECK(!path.empty(), "no retain text given; the forgetting probe needs a UTF-8 text the base model knows "
                 "(the demo ships resources/demo/retain.txt).");
    std::error_code error;
    LORAWB_CHECK(std::filesystem::is_regular_file(path, error), path, ": retain text not found; give a UTF-8 text "
                 "file the base model knows (the demo ships resources/demo/retain.txt).");
    // Checked here rather than left to readTextFile, whose messages speak of data files and records.
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    LORAWB_CHECK(bytes.find_first_not_of(" \t\r\n\f\v") != std::string::npos, path, ": the retain text is ",
                 bytes.empty() ? "empty" : "only whitespace", "; give a file with text the base model knows.");
    std::vector<int64_t> ids = textIds(readTextFile(path), tok);
    LORAWB_CHECK(ids.size() >= 2, path, ": the retain text has ", ids.size(), " token(s) with BOS; it needs at least "
                 "one token to predict. Give a longer text.");
    checkTokenIdsFit(ids, cfg.vocabSize, path + ": ");
    LORAWB_CHECK(cfg.maxPositionEmbeddings >= 2, "the model's max_position_embeddings is ", cfg.maxPositionEmbeddings,
                 "; scoring a text needs windows of at least 2 tokens.");

    // The base's logits are kept for every predicted token, so a large vocabulary gets fewer tokens; never fewer
    // than 16 for that reason, or the numbers would be noise.
    const int64_t byMemory = std::max<int64_t>(16, options.maxBaseElements / std::max<int64_t>(cfg.vocabSize, 1));
    const int64_t predicted = std::min(options.maxRetainTokens, byMemory);
    if (static_cast<int64_t>(ids.size()) > predicted + 1)
        ids.resize(static_cast<size_t>(predicted + 1));

    std::vector<at::Tensor> windows;
    for (const Example& window : textWindows(ids, cfg.maxPositionEmbeddings))
        windows.push_back(torch::tensor(window.inputIds, torch::kLong).unsqueeze(0));
    LORAWB_ASSERT(!windows.empty());
    return windows;
}

std::vector<AlpacaRecord> taskRecords(const std::string& path)
{
    std::error_code error;
    LORAWB_CHECK(std::filesystem::is_regular_file(path, error), path, ": task dataset not found; give an Alpaca "
                 "dataset (JSON array, JSONL or CSV with instruction, input, output) of a task learned earlier.");
    RecordSet set = readAlpacaRecords(path, DataConfig{});
    LORAWB_CHECK(!set.records.empty(), path, ": no valid Alpaca record to measure task accuracy on; give records "
                 "with instruction, input and output.");
    return std::move(set.records);
}

// Sums over the predicted tokens of the retain windows.
struct RetainSums {
    double loss = 0, kl = 0, maxDiff = 0;
    int64_t tokens = 0;
};

// logits, baseLogits: [T-1, V] float32 on CPU; targets: [T-1] the tokens they predict.
void addWindow(RetainSums& sums, const at::Tensor& logits, const at::Tensor& baseLogits, const at::Tensor& targets)
{
    const at::Tensor logProbs = torch::log_softmax(logits, -1);
    const at::Tensor baseLogProbs = torch::log_softmax(baseLogits, -1);
    sums.loss += torch::nll_loss(logProbs, targets, {}, at::Reduction::Sum).item<double>();
    // KL(p_base ‖ p) per token = Σ_v p_base (log p_base − log p); for the base itself the difference is exactly 0.
    sums.kl += (baseLogProbs.exp() * (baseLogProbs - logProbs)).sum().item<double>();
    sums.maxDiff = std::max(sums.maxDiff, (logits - baseLogits).abs().max().item<double>());
    sums.tokens += targets.size(0);
}

// Disables every LoRA layer for a scope and gives each back the state it had, also when measuring throws.
class AdaptersOffGuard {
public:
    explicit AdaptersOffGuard(CausalLm& model) : m_layers(loraLayers(model))
    {
        for (const auto& [name, layer] : m_layers)
            m_wasEnabled.push_back(layer->enabled());
        setAdaptersEnabled(model, false);
    }
    ~AdaptersOffGuard()
    {
        for (size_t i = 0; i < m_layers.size(); ++i)
            m_layers[i].second->setEnabled(m_wasEnabled[i]);
    }
    AdaptersOffGuard(const AdaptersOffGuard&) = delete;
    AdaptersOffGuard& operator=(const AdaptersOffGuard&) = delete;

private:
    std::vector<std::pair<std::string, std::shared_ptr<LoraLinear>>> m_layers;
    std::vector<bool> m_wasEnabled;
};

} // namespace

ForgettingProbe::ForgettingProbe(CausalLm& base, const Tokenizer& tok, ForgettingProbeOptions options)
    : m_options(std::move(options)), m_tok(&tok)
{
    LORAWB_CHECK(m_options.maxRetainTokens >= 1, "the retain token budget (--max-retain-tokens) must be >= 1, got ",
                 m_options.maxRetainTokens, ".");
    LORAWB_CHECK(m_options.maxBaseElements >= 1, "the cap on stored base logits must be >= 1, got ",
                 m_options.maxBaseElements, ".");
    LORAWB_CHECK(m_options.accuracyLimit >= 0, "the accuracy limit (--accuracy-limit) must be >= 0 (0 = every "
                 "record), got ", m_options.accuracyLimit, ".");
    // Every file is read before the (slow) base measurement, so a typo in the last --task fails at once.
    m_windows = retainWindows(m_options, tok, base.config());
    for (const std::string& path : m_options.taskPaths)
        m_taskRecords.push_back(taskRecords(path));
    m_base = measureNow(base, &m_baseLogits);
}

ForgettingProbe::~ForgettingProbe() = default;
ForgettingProbe::ForgettingProbe(ForgettingProbe&&) noexcept = default;

ProbeResult ForgettingProbe::measure(CausalLm& model) const
{
    return measureNow(model, nullptr);
}

ProbeResult ForgettingProbe::measureAdapterOff(CausalLm& model) const
{
    LORAWB_CHECK(!loraLayers(model).empty(), "the model has no LoRA adapter to switch off (full fine-tuning changes "
                 "the weights themselves); compare it with the base through measure() instead.");
    const AdaptersOffGuard off(model);
    return measureNow(model, nullptr);
}

ProbeResult ForgettingProbe::measureNow(CausalLm& model, std::vector<at::Tensor>* storeBase) const
{
    const EvalModeGuard evalMode(model);
    torch::NoGradGuard noGrad;
    const c10::Device device = modelDevice(model);
    LORAWB_CHECK(storeBase || model.config().vocabSize == m_baseLogits.front().size(1),
                 "the model measured has a vocabulary of ", model.config().vocabSize, " but the probe's base has ",
                 m_baseLogits.front().size(1), "; measure a model built from the same base.");

    RetainSums sums;
    for (size_t i = 0; i < m_windows.size(); ++i) {
        const at::Tensor& window = m_windows[i];
        const int64_t length = window.size(1);
        // ids [1, T] -> logits [T-1, V]: position t predicts token t+1, the last position predicts nothing here.
        const at::Tensor logits =
            model.logits(window.to(device)).squeeze(0).narrow(0, 0, length - 1).to(torch::kCPU, torch::kFloat32)
                .contiguous();
        if (storeBase)
            storeBase->push_back(logits);
        // The base is compared with its own logits: the same arithmetic as for any later model, and exactly 0.
        const at::Tensor& baseLogits = storeBase ? logits : m_baseLogits[i];
        addWindow(sums, logits, baseLogits, window.squeeze(0).narrow(0, 1, length - 1));
    }

    ProbeResult result;
    result.retainTokens = sums.tokens;
    result.retainLoss = sums.loss / static_cast<double>(sums.tokens);
    result.retainPerplexity = std::exp(result.retainLoss); // inf on overflow, as textPerplexity reports it
    result.klFromBase = sums.kl / static_cast<double>(sums.tokens);
    result.maxAbsLogitDiff = sums.maxDiff;

    AccuracyOptions accuracy;
    accuracy.limit = m_options.accuracyLimit;
    const PromptTemplate prompts = PromptTemplate::alpaca();
    for (size_t t = 0; t < m_taskRecords.size(); ++t) {
        const std::string& path = m_options.taskPaths[t];
        const AccuracyResult scored = exactMatchAccuracy(model, *m_tok, m_taskRecords[t], prompts, accuracy);
        result.tasks.push_back({std::filesystem::path(path).stem().string(), path, scored.records, scored.correct,
                                scored.accuracy});
    }
    return result;
}

} // namespace core
