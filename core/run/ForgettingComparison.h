#pragma once
// "LoRA forgets less than full fine-tuning, but not nothing", as numbers: the same data trained with LoRA, with full
// fine-tuning and (optionally) with LoRA at other ranks, each run reduced to one point of task gain against forgetting.
// The CLI (`lorawb forgetting EXPERIMENT.yaml --compare-full --ranks …`) and the forgetting lab plot the same points,
// from a fresh run or from the history's finals.
#include "core/experiment/ExperimentConfig.h"
#include "core/history/RunRecord.h"

#include <map>
#include <string>
#include <vector>

namespace core {

struct ComparisonPoint {
    std::string label;                ///< "LoRA r=8", "full fine-tuning"
    std::string finetune;             ///< "lora" | "full"
    int r = 0;
    int64_t trainableParams = 0;
    int64_t runId = 0;
    std::string trainedTask;          ///< the task whose accuracy is the gain ("" when no task is probed)
    double taskBefore = -1, taskAfter = -1; ///< its accuracy before and after training (-1: not measured)
    double taskGain = 0;              ///< taskAfter − taskBefore, in accuracy points (0..1)
    double retainPerplexityBefore = 0, retainPerplexityAfter = 0;
    double retainIncreasePercent = 0; ///< 100·(after/before − 1): forgetting of what the base knew
    double retainKl = 0;              ///< KL from the base on the retain text, nats/token
    // Every other probed task (earlier tasks): name → (before, after).
    std::map<std::string, std::pair<double, double>> otherTasks;
};

// The probed task that matches the training data: the task file whose name starts with the data file's stem
// (task_b.jsonl → task_b_test.jsonl); else the last task path; "" when no task is probed.
std::string trainedTaskName(const ExperimentConfig& cfg);

// The runs of a comparison: `base` as it is (LoRA), then full fine-tuning of the same data (full), then LoRA at each
// rank in `ranks` with alpha scaled to keep alpha/r. Each gets its own output_dir (<output_dir>-full, -r4…) and name.
std::vector<ExperimentConfig> comparisonRuns(const ExperimentConfig& base, bool full, const std::vector<int>& ranks);

// One point from a run's finals (RunRecord::finals or ExperimentOutcome::finals): needs base_retain_perplexity and
// retain_perplexity (probe on), else the point has zeros there.
ComparisonPoint comparisonPoint(const RunRecord& run, const std::string& trainedTask);

} // namespace core
