#pragma once
// "What if r were smaller?": every ΔW of a loaded adapter is cut to its best rank-k approximation (SVD, Eckart–Young),
// the model is evaluated, and the adapter is put back exactly. Plotted against k it shows how much of what the adapter
// learned lives in its top few directions, next to the parameters an adapter trained at r = k would have cost.
#include "core/eval/Perplexity.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace core {

class CausalLm;
class Tokenizer;

struct TruncationPoint {
    int k = 0;
    double loss = 0;       ///< mean next-token cross-entropy (nats), counted as lorawb eval counts it
    double perplexity = 0; ///< exp(loss)
    double accuracy = -1;  ///< exact-match accuracy in [0, 1]; -1 when not measured (text data, or switched off)
    int64_t parameters = 0; ///< LoRA parameters of an adapter trained at r = k: k·(in + out) per adapted module
};

struct TruncationOptions {
    std::vector<int> ks;          ///< ranks to evaluate, in this order, each in 1..maxAdapterRank; empty: defaults
    bool measureAccuracy = true;  ///< Alpaca data only: greedy exact-match accuracy too (generation: the slow part)
    int64_t accuracyLimit = 0;    ///< accuracy on the first N records only; 0 = every record. Loss uses every record.
    PerplexityOptions perplexity; ///< batching of the loss passes
};

// True for the extensions an Alpaca dataset comes in (.jsonl, .json, .csv, any case); anything else is plain text.
bool isAlpacaDatasetPath(const std::string& path);
// The largest r among the model's LoRA layers. Throws core::Error when the model has no adapter.
int maxAdapterRank(CausalLm& model);
// Powers of two below r, then r itself: r = 12 → 1, 2, 4, 8, 12; r = 8 → 1, 2, 4, 8.
std::vector<int> defaultTruncationRanks(int r);

// For each k: every LoRA layer of rank > k gets its rank-k truncation (truncateAdapterRank; a layer with r <= k keeps
// its weights bit for bit, so k = r reproduces the untruncated adapter exactly), then the model is evaluated on
// dataPath: an Alpaca dataset (datasetPerplexity, and exactMatchAccuracy when asked) or a text file
// (textFilePerplexity). Afterwards, and on any exception, every lora_A / lora_B holds its original values again.
// onProgress(done, total) is called with done = 0 first and after each k (total = number of ks).
// Throws core::Error for a model without adapters, a merged adapter, a k outside 1..max r (naming it), or bad data.
std::vector<TruncationPoint> truncationCurve(CausalLm& model, const Tokenizer& tok, const std::string& dataPath,
                                             const TruncationOptions& options = {},
                                             const std::function<void(int64_t, int64_t)>& onProgress = {});

} // namespace core
