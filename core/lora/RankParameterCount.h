#pragma once
// "Parameters grow linearly with r": the LoRA parameters a configuration would add to a model at rank r, counted from
// the model's linear modules without any surgery, so that a plot of r = 1..64 costs nothing.
#include "core/lora/LoraConfig.h"
#include "core/lora/LoraInjector.h"

#include <cstdint>
#include <vector>

namespace core {

class CausalLm;

// Σ r·(in + out) over the modules cfg selects (target_modules, exclude_modules, layers_to_transform, via
// isModuleSelected): lora_A is [r, in] and lora_B [out, r]; with use_dora also each module's magnitude vector [out].
// Every module counts at r: cfg.r and rank_pattern are not used. Biases and modules_to_save are not adapter
// parameters and are not counted. Throws core::Error for r < 1 or an invalid target regex.
int64_t loraParametersAtRank(const std::vector<LinearModuleInfo>& modules, const LoraConfig& cfg, int r);

// loraParametersAtRank for each rank, in order.
std::vector<int64_t> parametersForRanks(const std::vector<LinearModuleInfo>& modules, const LoraConfig& cfg,
                                        const std::vector<int>& ranks);
// The same for a model (with or without adapters). A target that matches nothing, or a configuration that selects no
// module, is a core::Error listing the available module names (as injectLora reports it).
std::vector<int64_t> parametersForRanks(CausalLm& model, const LoraConfig& cfg, const std::vector<int>& ranks);

} // namespace core
