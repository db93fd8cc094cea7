#pragma once
// How a merged model's tensors are split into safetensors shards, as huggingface_hub's
// split_torch_state_dict_into_shards does: in model order, a new shard whenever the next tensor would push the
// current one past the limit (a tensor larger than the limit gets a shard of its own); one shard is
// "model.safetensors", more are "model-0000i-of-0000n.safetensors" with model.safetensors.index.json.
#include "core/io/Safetensors.h"

#include <cstdint>
#include <string>
#include <vector>

namespace core {

struct Shard {
    std::string fileName;
    std::vector<SafetensorsTensorSpec> tensors;
    uint64_t bytes = 0; ///< data bytes (without the header)
};

// "5GB" (10^9), "500MB", "2GiB" (2^30), "100KB", or a plain byte count, as transformers' max_shard_size accepts.
// core::Error naming `what` (the option or field) for anything else or a size of 0.
uint64_t parseShardSize(const std::string& text, const std::string& what);

std::vector<Shard> planShards(const std::vector<SafetensorsTensorSpec>& tensors, uint64_t maxShardBytes);

// Bytes of a tensor's data.
uint64_t tensorBytes(const SafetensorsTensorSpec& spec);

} // namespace core
