#include "core/train/LrSchedule.h"

#include <algorithm>
#include <cmath>

namespace core {

double lrMultiplier(LrScheduler scheduler, int64_t step, int64_t warmupSteps, int64_t totalSteps)
{
    if (scheduler == LrScheduler::Constant) // transformers' get_constant_schedule has no warmup
        return 1.0;
    if (step < warmupSteps)
        return static_cast<double>(step) / std::max<int64_t>(1, warmupSteps);
    const double progress = static_cast<double>(step - warmupSteps) / std::max<int64_t>(1, totalSteps - warmupSteps);
    switch (scheduler) {
    case LrScheduler::Constant:
    case LrScheduler::ConstantWithWarmup: return 1.0;
    case LrScheduler::Linear:
        return std::max(0.0, static_cast<double>(totalSteps - step) / std::max<int64_t>(1, totalSteps - warmupSteps));
    case LrScheduler::Cosine: return std::max(0.0, 0.5 * (1.0 + std::cos(M_PI * progress)));
    }
    return 1.0;
}

int64_t warmupStepsFor(const TrainConfig& cfg, int64_t totalSteps)
{
    if (cfg.warmupSteps > 0)
        return cfg.warmupSteps;
    return static_cast<int64_t>(std::ceil(cfg.warmupRatio * totalSteps));
}

} // namespace core
