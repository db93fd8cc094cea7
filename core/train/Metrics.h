#pragma once
// Small copyable structs the trainer reports through callbacks (the GUI's worker turns them into queued signals).
#include <cstdint>
#include <functional>
#include <string>

namespace core {

struct StepMetrics {
    int64_t step = 0;          ///< optimizer steps done (1-based after the first step)
    int64_t totalSteps = 0;
    double epoch = 0;          ///< fractional epochs seen
    double loss = 0;           ///< mean token loss of this step's batch(es)
    double learningRate = 0;   ///< the rate used for this step
    double gradNorm = 0;       ///< total gradient norm before clipping
    int64_t tokens = 0;        ///< tokens processed in this step (padding excluded)
    double tokensPerSecond = 0;
    double elapsedSeconds = 0;
    double etaSeconds = 0;
};

struct EvalMetrics {
    int64_t step = 0;
    double loss = 0;           ///< mean next-token loss over the validation split
    double perplexity = 0;
    int64_t tokens = 0;
};

struct RunSummary {
    int64_t steps = 0;
    int64_t totalSteps = 0;
    bool stopped = false;      ///< stopped on request before totalSteps
    double finalTrainLoss = 0;
    double finalEvalLoss = -1; ///< -1 when there was no validation data
    std::string outputDir;
    std::string adapterDir;    ///< the exported PEFT adapter (LoRA) or model folder (full fine-tuning)
    std::string checkpointDir; ///< the last checkpoint written
};

struct TrainerCallbacks {
    std::function<void(const StepMetrics&)> onStep;
    std::function<void(const EvalMetrics&)> onEval;
    std::function<void(const std::string&)> onLog;       ///< human-readable progress and notices
    std::function<void(const std::string&)> onCheckpoint; ///< path of a checkpoint just written
    // At every evaluation point (every eval_every steps and once at the end), with validation data or without, on the
    // training thread between steps: the forgetting probe measures the model here.
    std::function<void(int64_t step)> onEvalPoint;
};

} // namespace core
