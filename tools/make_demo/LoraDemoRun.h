#pragma once
// A measured training run of an experiment file (the demo's numbers until `lorawb train` + `lorawb eval --data` can
// give them): exact-match accuracy on held-out test files and retain-text perplexity before and after, the loss
// curve's start and its value at 30 s, wall time. The run writes its adapter (or model) to the experiment's output_dir.
#include <cstdint>
#include <string>
#include <vector>

namespace demo {

struct LoraRunOptions {
    std::string experiment;
    std::vector<std::string> overrides; ///< --set key=value
    std::vector<std::string> testFiles; ///< Alpaca files scored by exact match before and after
    std::string retainPath;             ///< perplexity before/after (forgetting); empty = skip
    int64_t limit = 0;                  ///< records per test file; 0 = all
};

void runLoraDemo(const LoraRunOptions& options);

} // namespace demo
