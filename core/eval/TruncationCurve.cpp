#include "core/eval/TruncationCurve.h"

#include "core/common/Error.h"
#include "core/common/Text.h"
#include "core/data/DatasetReader.h"
#include "core/data/PromptTemplate.h"
#include "core/eval/RankAnalysis.h"
#include "core/eval/TaskAccuracy.h"
#include "core/lora/LoraInjector.h"
#include "core/model/CausalLm.h"

#include <torch/torch.h>

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace core {
namespace {

using LayerList = std::vector<std::pair<std::string, std::shared_ptr<LoraLinear>>>;

// Copies of every lora_A / lora_B, written back by restore() and by the destructor, so that an exception thrown in
// the middle of the curve (bad data, out of memory) never leaves a truncated adapter in the caller's model.
class AdapterSnapshot {
public:
    explicit AdapterSnapshot(const LayerList& layers)
    {
        torch::NoGradGuard noGrad;
        for (const auto& [name, layer] : layers)
            m_saved.push_back({layer, layer->loraA().clone(), layer->loraB().clone()});
    }
    ~AdapterSnapshot()
    {
        try {
            restore();
        } catch (...) { // a destructor must not throw; copy_ into same-shaped tensors does not fail in practice
        }
    }
    AdapterSnapshot(const AdapterSnapshot&) = delete;
    AdapterSnapshot& operator=(const AdapterSnapshot&) = delete;

    void restore()
    {
        torch::NoGradGuard noGrad; // lora_A/B may require grad (a loaded adapter can be trained further)
        for (auto& s : m_saved) {
            s.layer->loraA().copy_(s.a);
            s.layer->loraB().copy_(s.b);
        }
    }

private:
    struct Saved {
        std::shared_ptr<LoraLinear> layer;
        at::Tensor a, b;
    };
    std::vector<Saved> m_saved;
};

std::string lowerExtension(const std::string& path)
{
    return asciiLower(std::filesystem::path(path).extension().string());
}

} // namespace

bool isAlpacaDatasetPath(const std::string& path)
{
    const std::string ext = lowerExtension(path);
    return ext == ".jsonl" || ext == ".json" || ext == ".csv";
}

int maxAdapterRank(CausalLm& model)
{
    int r = 0;
    for (const auto& [name, layer] : loraLayers(model))
        r = std::max(r, layer->rank());
    LORAWB_CHECK(r > 0, "rank truncation: the model has no LoRA adapter; load one (--adapter DIR) first.");
    return r;
}

std::vector<int> defaultTruncationRanks(int r)
{
    std::vector<int> ks;
    for (int k = 1; k < r; k *= 2)
        ks.push_back(k);
    if (r >= 1)
        ks.push_back(r);
    return ks;
}

std::vector<TruncationPoint> truncationCurve(CausalLm& model, const Tokenizer& tok, const std::string& dataPath,
                                             const TruncationOptions& options,
                                             const std::function<void(int64_t, int64_t)>& onProgress)
{
    const LayerList layers = loraLayers(model);
    const int maxR = maxAdapterRank(model);
    for (const auto& [name, layer] : layers) {
        LORAWB_CHECK(!layer->merged(), "rank truncation: the adapter of ", name, " is merged into the base weight; "
                     "unmerge it (or load the adapter again) before truncating.");
        LORAWB_CHECK(layer->enabled(), "rank truncation: the adapter of ", name, " is switched off, so every k would "
                     "measure the base model; enable the adapter first.");
    }
    const std::vector<int> ks = options.ks.empty() ? defaultTruncationRanks(maxR) : options.ks;
    for (int k : ks)
        LORAWB_CHECK(k >= 1 && k <= maxR, "rank truncation: k = ", k, " is outside 1..", maxR,
                     " (the adapter's largest r is ", maxR, "); choose ranks between 1 and ", maxR, ".");
    LORAWB_CHECK(options.accuracyLimit >= 0, "rank truncation: the accuracy limit must be >= 0 (0 = every record), "
                 "got ", options.accuracyLimit, ".");

    const bool dataset = isAlpacaDatasetPath(dataPath);
    const bool withAccuracy = dataset && options.measureAccuracy;
    RecordSet records;
    if (withAccuracy) // read once, before any weight changes: a bad file fails fast
        records = readAlpacaRecords(dataPath, DataConfig{});

    int64_t perRank = 0; // adapter parameters per unit of r: Σ (in + out)
    for (const auto& [name, layer] : layers)
        perRank += layer->loraA().size(1) + layer->loraB().size(0);

    // Read and tokenized once; only the adapter changes between the ranks.
    const ScoredExamples scored = dataset ? datasetExamples(model.config(), tok, dataPath)
                                          : textFileExamples(model.config(), tok, dataPath);

    const int64_t total = static_cast<int64_t>(ks.size());
    if (onProgress)
        onProgress(0, total);
    AdapterSnapshot snapshot(layers);
    std::vector<TruncationPoint> points;
    for (int k : ks) {
        snapshot.restore(); // each k is cut from the trained adapter, not from the previous truncation
        for (const auto& [name, layer] : layers)
            if (k < layer->rank())
                truncateAdapterRank(*layer, k);
        TruncationPoint p;
        p.k = k;
        p.parameters = perRank * k;
        const PerplexityResult loss = examplesPerplexity(model, scored.examples, scored.padId, options.perplexity);
        p.loss = loss.loss;
        p.perplexity = loss.perplexity;
        if (withAccuracy) {
            AccuracyOptions accuracyOptions;
            accuracyOptions.limit = options.accuracyLimit;
            p.accuracy = exactMatchAccuracy(model, tok, records.records, PromptTemplate::alpaca(), accuracyOptions)
                             .accuracy;
        }
        points.push_back(p);
        if (onProgress)
            onProgress(static_cast<int64_t>(points.size()), total);
    }
    snapshot.restore();
    return points;
}

} // namespace core
