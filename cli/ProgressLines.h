#pragma once
// The progress lines long commands print (train, sweep, forgetting): one per logged step, per evaluation and per
// forgetting measurement, worded and formatted the same everywhere.
#include "core/eval/ForgettingProbe.h"
#include "core/train/Metrics.h"

#include <string>

namespace core::cli {

std::string durationText(double seconds); ///< "42s", "3m05s", "1h02m"; "?" when unknown
void printStep(const StepMetrics& m);
void printEval(const EvalMetrics& m);
void printProbe(int64_t step, const ProbeResult& result, bool adapterOff); ///< step 0: the base model

} // namespace core::cli
