#pragma once
// What a run asked for, as the history's record holds it: the experiment YAML and the settings people sort, filter
// and plot by (r, alpha, targets, learning rate…), plus the versions that ran it. Counts, hashes and the outcome are
// filled in by the runner.
#include "core/experiment/ExperimentConfig.h"
#include "core/history/RunRecord.h"

namespace core {

// Sets record's status to running (startedAt kept when already set, finishedAt cleared) and every settings field.
void describeRun(RunRecord& record, const ExperimentConfig& cfg);

// target_modules as one text: "q_proj,v_proj", "all-linear" or the regex.
std::string targetsText(const TargetModules& targets);

} // namespace core
