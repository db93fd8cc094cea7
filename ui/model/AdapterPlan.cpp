#include "ui/model/AdapterPlan.h"

#include "core/lora/LoraLinear.h"

#include <algorithm>
#include <cmath>

namespace ui {

double loraScaling(const core::LoraConfig& cfg)
{
    return cfg.r > 0 ? core::loraScaling(cfg.loraAlpha, cfg.r, cfg.useRslora) : 0.0;
}

MemoryEstimate estimateMemory(const core::ModelConfig& model, const core::ParameterCount& planned, int batch,
                              int sequenceLength, bool cuda)
{
    MemoryEstimate e;
    const double weightBytes = cuda ? 2.0 : 4.0; // CUDA keeps the frozen base in bfloat16, CPU in float32
    const double actBytes = weightBytes;
    const double frozen = static_cast<double>(planned.all - planned.trainable);
    e.weights = frozen * weightBytes;
    e.adapters = static_cast<double>(planned.trainable) * 4.0;
    e.optimizer = static_cast<double>(planned.trainable) * 4.0 * 3.0; // gradient + exp_avg + exp_avg_sq
    const double tokens = static_cast<double>(batch) * sequenceLength;
    // Per layer: the inputs of the norms, projections and SwiGLU kept for backward (~10 hidden-sized and 3
    // intermediate-sized vectors per token), plus the attention probabilities (heads × T × T) where no fused attention
    // is used. Then the logits in float32 and their gradient.
    const double perLayer = tokens * (10.0 * model.hiddenSize + 3.0 * model.intermediateSize) * actBytes +
                            (cuda ? 0.0 : 2.0 * batch * model.numAttentionHeads * double(sequenceLength) * sequenceLength * actBytes);
    e.activations = perLayer * model.numHiddenLayers + 2.0 * tokens * model.vocabSize * 4.0;
    return e;
}

} // namespace ui
