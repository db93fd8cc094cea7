#pragma once
// Where a run came from, as hashes the history stores: the same three hashes mean the same model, the same data and
// the same prompt format, whatever the paths were called.
#include "core/experiment/ExperimentConfig.h"

#include <string>

namespace core {

class RunDatabase;

struct RunProvenance {
    std::string modelHash;    ///< over config.json, index, weight files and tokenizer.model / .json (+ base_adapter's weights)
    std::string dataHash;     ///< over data.path and data.validation_path
    std::string templateHash; ///< over the effective prompt texts and the loss-masking switch
};

// File hashes go through db's cache, so a large model is read once per change.
RunProvenance runProvenance(RunDatabase& db, const ExperimentConfig& cfg);

// The prompt format as the model sees it: both templates applied to marker records, plus train_on_prompt; for chat
// records the chat template (a built-in one's text, or "model") and which turns train.
std::string templateFingerprint(const DataConfig& data);

} // namespace core
