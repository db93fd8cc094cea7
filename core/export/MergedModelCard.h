#pragma once
// The README.md of a merged model: what it was made from (base, adapter and its file hash, the training data hash
// the adapter's card records), the LoRA settings, the dtype, and how to load it.
#include <string>

namespace core {

struct MergedModelFacts {
    std::string baseDir;
    std::string adapterDir;  ///< "" for a base model exported alone
    std::string dtype;       ///< "bfloat16", …
    size_t shards = 1;
};

// Reads the adapter's adapter_config.json, adapter_model.safetensors (for its SHA-256) and README.md (appended as
// "The adapter's card"), when there is an adapter.
std::string mergedModelCard(const MergedModelFacts& facts);

} // namespace core
