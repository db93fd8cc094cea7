#pragma once
// Built-in model shapes for `lorawb bench --config NAME` (random weights), the same shapes as
// tests/gpu/peft_bench.py so both sides time the same model.
#include "core/model/ModelConfig.h"

#include <string>
#include <vector>

namespace core::cli {

std::vector<std::string> benchModelNames(); // "tiny", "tinyllama-1.1b", "llama3-8b"
// Throws core::Error listing the names for an unknown one.
ModelConfig benchModelConfig(const std::string& name);

} // namespace core::cli
