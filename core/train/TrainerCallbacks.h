#pragma once
// What the training loop calls while it runs, all on the training thread, between steps.
#include "core/train/Metrics.h"

#include <cstdint>
#include <functional>
#include <string>

namespace core {

struct TrainerCallbacks {
    std::function<void(const StepMetrics&)> onStep;
    std::function<void(const EvalMetrics&)> onEval;
    std::function<void(const std::string&)> onLog;       ///< human-readable progress and notices
    std::function<void(const std::string&)> onCheckpoint; ///< path of a checkpoint just written
    // Just before a checkpoint is written. A checkpoint claims every step up to it, and a resume continues after it:
    // whatever records those steps (the run history's metrics) must be durable by then, or a kill -9 between the
    // two leaves a gap that no resume fills.
    std::function<void()> beforeCheckpoint;
    // At every evaluation point (every eval_every steps and once at the end), with validation data or without, on the
    // training thread between steps: the forgetting probe measures the model here.
    std::function<void(int64_t step)> onEvalPoint;
};

} // namespace core
