#pragma once
#include "core/train/TrainConfig.h"

#include <cstdint>

namespace core {

// The multiplier of the base learning rate at optimizer step `step` (0-based), as transformers' schedules compute it:
// constant (no warmup, like get_constant_schedule); otherwise linear warmup from 0 over warmupSteps, then constant,
// linear decay to 0 at totalSteps, or half-cosine to 0.
double lrMultiplier(LrScheduler scheduler, int64_t step, int64_t warmupSteps, int64_t totalSteps);
// warmup_steps, or ceil(warmup_ratio * totalSteps) when warmup_steps is 0 (transformers' get_warmup_steps).
int64_t warmupStepsFor(const TrainConfig& cfg, int64_t totalSteps);

} // namespace core
