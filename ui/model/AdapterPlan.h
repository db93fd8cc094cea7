#pragma once
// What a LoRA configuration would add to a model, computed from the model's module list alone (no model surgery), so
// that the window can update the numbers on every keystroke. Tests check it against injectLora + countParameters.
#include "core/lora/LoraConfig.h"
#include "core/lora/LoraInjector.h"
#include "core/lora/ParameterCount.h"
#include "core/model/ModelConfig.h"

#include <cstdint>
#include <vector>

namespace ui {

// PEFT's selection rules (target list / regex / all-linear, exclude_modules, layers_to_transform), as injectLora
// applies them. A bad regex counts as no match.
bool isTargeted(const core::LinearModuleInfo& module, const core::LoraConfig& cfg);
// r · (in + out) at the module's rank (rank_pattern honoured).
int64_t adapterParameters(const core::LinearModuleInfo& module, const core::LoraConfig& cfg);
// Trainable and total parameters after injecting cfg into a model with these modules and base count:
// adapters, plus the biases that train under cfg.bias, plus modules_to_save that name linear modules.
core::ParameterCount plannedParameters(const std::vector<core::LinearModuleInfo>& modules,
                                       const core::ParameterCount& base, const core::LoraConfig& cfg);
// ΔW's scale: alpha / r, or alpha / sqrt(r) with rslora.
double loraScaling(const core::LoraConfig& cfg);

struct MemoryEstimate {
    double weights = 0;     ///< frozen base weights (bytes)
    double adapters = 0;    ///< trainable weights, float32
    double optimizer = 0;   ///< gradients + AdamW's two moments, float32
    double activations = 0; ///< kept for the backward pass, for one micro-batch
    double total() const { return weights + adapters + optimizer + activations; }
};

// A rough figure (±30 %) for training on `cuda` (bfloat16 weights and activations) or CPU (float32).
MemoryEstimate estimateMemory(const core::ModelConfig& model, const core::ParameterCount& planned, int batch,
                              int sequenceLength, bool cuda);

} // namespace ui
