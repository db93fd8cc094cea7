#pragma once
// The experiment file's forgetting: section — what the forgetting probe (core/eval/ForgettingProbe.h) measures. Plain
// settings, no tensors, so that the experiment file and every panel that shows it stay free of libtorch's headers.
#include <cstdint>
#include <string>
#include <vector>

namespace core {

struct ForgettingProbeOptions {
    std::string retainPath;              ///< UTF-8 text the base model knows (the demo: resources/demo/retain.txt)
    std::vector<std::string> taskPaths;  ///< Alpaca datasets (JSON/JSONL/CSV) whose exact-match accuracy is tracked
    int64_t maxRetainTokens = 2048;      ///< the retain text is cut to BOS + this many tokens
    int64_t maxBaseElements = int64_t(1) << 26; ///< cap on stored base log-probs (tokens × vocab floats, 256 MiB):
                                         ///< fewer retain tokens are used for a large vocabulary
    int64_t accuracyLimit = 50;          ///< records per task (the first N); 0 = all
    bool adapterOffEveryEval = true;     ///< (used by ExperimentRunner) also measure with the adapter off at every
                                         ///< eval point, not only at the end: the lab's on/off toggle per measurement
};

} // namespace core
