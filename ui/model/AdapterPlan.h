#pragma once
// The window's live figures for a LoRA configuration: ΔW's scale and a memory estimate. The parameter plan itself
// (what is added and what trains) is core/lora/ParameterPlan.h.
#include "core/lora/LoraConfig.h"
#include "core/lora/ParameterCount.h"
#include "core/model/ModelConfig.h"

#include <cstdint>
#include <vector>

namespace ui {

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
