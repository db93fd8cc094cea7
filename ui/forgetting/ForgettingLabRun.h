#pragma once
// One run of a forgetting-lab comparison as the lab follows it: its experiment, the probe results it reported (base,
// adapter on, adapter off), how it ended and, once ended, its ComparisonPoint — read from the run history (finals and
// parameter counts), or from the probes seen when the history has no row for it.
#include "core/eval/ProbeResult.h"
#include "core/experiment/ExperimentConfig.h"
#include "core/run/ForgettingComparison.h"
#include "core/train/Metrics.h"
#include "ui/forgetting/ForgettingExplanation.h"

#include <QString>

#include <optional>
#include <vector>

namespace ui {

struct ForgettingLabRun {
    core::ExperimentConfig cfg;
    QString label;                 ///< "LoRA r=8", "full fine-tuning" (as ComparisonPoint names them; runDisplayName)
    bool lora = true;
    qint64 runId = 0;              ///< its history row (0 until recorded)
    std::optional<core::ProbeResult> base, on, off; ///< the latest of each
    core::RunSummary summary;
    bool ended = false, failed = false;
    std::optional<core::ComparisonPoint> point; ///< set by completeLabRun
    int64_t allParams = 0;
};

// The runs of a comparison of `cfg`, labelled, in order (core::comparisonRuns): its own LoRA run when `lora` (or when
// `ranks` lists its r), full fine-tuning when `full`, LoRA at each of `ranks`. Outputs go to
// <runsFolder>/<name>-<time>[-full|-rN]. Throws core::Error when nothing is ticked or a rank is bad.
std::vector<ForgettingLabRun> labRuns(core::ExperimentConfig cfg, bool lora, bool full, const std::vector<int>& ranks,
                                      const QString& runsFolder);

// Its point, once it ended: from the history at databasePath ("" = none), else from the probes it reported.
void completeLabRun(ForgettingLabRun& run, const QString& databasePath, const std::string& trainedTask);

// What the explanation needs from the ended runs (failed ones are left out).
std::vector<ExplainedRun> explainedRuns(const std::vector<ForgettingLabRun>& runs);

} // namespace ui
