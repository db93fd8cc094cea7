#pragma once
// A training checkpoint: everything needed to continue a run exactly — the trainable weights, AdamW's state, the
// RNG state and the data position — in one folder written atomically (a failed save keeps the previous checkpoint).
//   <output>/checkpoints/step-000050/{trainable.safetensors, optimizer.safetensors, rng.safetensors,
//                                      trainer_state.json, adapter/ (a PEFT adapter folder, LoRA runs)}
#include <ATen/core/Tensor.h>

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace core {

using NamedTensors = std::vector<std::pair<std::string, at::Tensor>>;

struct TrainerPosition {
    int64_t step = 0;         ///< optimizer steps done
    int64_t epoch = 0;        ///< current epoch (0-based)
    int64_t batchInEpoch = 0; ///< next micro-batch of that epoch
    double lastLoss = 0;
    double lossSum = 0;   ///< sum of every step's loss so far: the run's mean train loss survives a resume
};

struct CheckpointData {
    TrainerPosition position;
    NamedTensors trainable;   ///< model parameter name → value
    NamedTensors optimizer;
    at::Tensor rngState;      ///< the CPU generator's state
    std::vector<at::Tensor> cudaRngStates; ///< each CUDA device's generator state (dropout on the GPU draws there)
    std::string fingerprint;  ///< describes the run's settings; resume refuses a checkpoint of other settings
};

std::string checkpointDirName(int64_t step); // "step-000050"
// Writes <checkpointsDir>/step-N atomically. writeExtra(stagingDir) may add files (the PEFT adapter) before the swap.
std::string saveCheckpoint(const std::string& checkpointsDir, const CheckpointData& data,
                           const std::function<void(const std::string&)>& writeExtra = {});
CheckpointData loadCheckpoint(const std::string& dir);
// The newest complete checkpoint folder under checkpointsDir, or "" when there is none.
std::string latestCheckpoint(const std::string& checkpointsDir);
// The step of the newest checkpoint in checkpointsDir ("step-000050" → 50); 0 when there is none.
int64_t latestCheckpointStep(const std::string& checkpointsDir);
// Removes all but the newest `keep` checkpoints.
void pruneCheckpoints(const std::string& checkpointsDir, int keep);

} // namespace core
