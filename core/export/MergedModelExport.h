#pragma once
// `lorawb export merged` and the GUI's "Merged model": base + adapter merged into a Hugging Face model folder that
// transformers, vLLM and TGI load without PEFT — config.json, generation_config.json, safetensors shards (+ index),
// the tokenizer files, a model card.
#include "core/export/ExportOutput.h"

#include <cstdint>
#include <string>

namespace core {

struct MergedExportOptions {
    std::string dtype = "auto";             ///< bf16 | f16 | f32 | auto (the base's own dtype)
    uint64_t maxShardBytes = 5'000'000'000; ///< per safetensors shard (transformers' default, "5GB")
    bool overwrite = false;                 ///< replace an earlier export at the output (see ExportOutput.h)
};

// Memory: the base model once, in the dtype it is stored in (or f32 when the output is f32), plus one tensor being
// converted — the merge happens in place and the shards are streamed tensor by tensor. An 8B bf16 model needs
// about 16 GB, not 2×. adapterDir may be "" (the base re-saved in another dtype or shard size).
ExportReport exportMergedModel(const std::string& modelDir, const std::string& adapterDir,
                               const std::string& outputDir, const MergedExportOptions& options,
                               const ExportControl& control = {});

} // namespace core
