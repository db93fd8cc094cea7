#pragma once
// A base model with an adapter folded in (PEFT's merge_and_unload), the starting point of every model export.
#include "core/lora/LoraConfig.h"
#include "core/model/ModelLoader.h"

#include <optional>
#include <string>

namespace core {

struct MergedModel {
    LoadedModel base;                 ///< the model, adapter merged; on the CPU
    std::optional<LoraConfig> adapter; ///< none when no adapter was given
    std::string adapterWarning;       ///< what the user should know about adapter_config.json ("" when nothing)
};

// Loads modelDir's weights in `dtype` (no tokenizer), then adapterDir's adapter (when not empty) and merges it:
// ΔW is computed in float32 and added once, so a bf16 model is rounded once, not twice. An adapter that does not fit
// the base is a core::Error naming the adapter file and the tensor.
// An adapter with a task head (SEQ_CLS's score) is refused: a merged language model would drop the head. Throws
// core::Error naming the adapter and saying how to use it instead.
MergedModel loadMergedModel(const std::string& modelDir, const std::string& adapterDir, c10::ScalarType dtype);
void refuseTaskHeadExport(const LoraConfig& adapter, const std::string& adapterDir);

} // namespace core
