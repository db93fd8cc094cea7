#pragma once
// What one forgetting-probe measurement found (core/eval/ForgettingProbe.h measures it). Plain numbers, no tensors:
// these travel through the GUI's queued signals, the run history and the CLI's JSON.
#include <cstdint>
#include <string>
#include <vector>

namespace core {

struct TaskScore {
    std::string name;     ///< the dataset file's stem, "task_a_test"
    std::string path;
    int64_t records = 0;
    int64_t correct = 0;
    double accuracy = 0;  ///< correct / records
};

struct ProbeResult {
    double retainLoss = 0;        ///< mean next-token cross-entropy on the retain tokens (nats)
    double retainPerplexity = 0;
    double klFromBase = 0;        ///< mean over retain tokens of KL(p_base ‖ p_model), nats; 0 for the base itself
    double maxAbsLogitDiff = 0;   ///< max |logits − base logits| over the retain tokens; 0 means identical outputs
    int64_t retainTokens = 0;     ///< predicted tokens the retain numbers are over
    std::vector<TaskScore> tasks; ///< in options.taskPaths order
};

} // namespace core
