#pragma once
// One experiment, start to end, the same way for `lorawb train`, `lorawb sweep`, `lorawb forgetting` and the GUI:
// cheap checks first (device, config, tokenizer, data), then the weights; an optional base adapter merged in (the model
// that already learned an earlier task); the forgetting probe on the base; training with the probe at every eval point;
// the adapter on/off check; every step, evaluation and probe recorded in the run history.
#include "core/eval/ProbeResult.h"
#include "core/experiment/ExperimentConfig.h"
#include "core/model/ModelConfig.h"
#include "core/tokenizer/Tokenizer.h"
#include "core/train/Metrics.h"
#include "core/train/RunControl.h"
#include "core/train/TrainerCallbacks.h"

#include <c10/core/Device.h>
#include <c10/core/ScalarType.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace core {

struct RunOptions {
    bool resume = false;          ///< continue from the newest checkpoint in the output directory
    std::string databasePath;     ///< the run history; "" records nothing
    int64_t continueRunId = 0;    ///< the history row to continue (a resumed run, or a sweep run restarted after it
                                  ///< was interrupted before its first checkpoint); 0: resume finds the newest row
                                  ///< of this output dir, a fresh run adds one
    int64_t sweepId = 0;          ///< sweep membership recorded with the run
    int sweepIndex = -1;
};

struct RunObserver {
    std::function<void(const std::string&)> onPhase;                   ///< "Loading the model…"
    TrainerCallbacks trainer;                                          ///< steps, evals, log lines, checkpoints
    // step 0 = the base model; adapterOff: measured with the LoRA adapter switched off (LoRA runs only)
    std::function<void(int64_t step, const ProbeResult&, bool adapterOff)> onProbe;
    std::function<void(int64_t runId)> onRecorded;                     ///< the history row, once it exists
};

struct ExperimentOutcome {
    RunSummary summary;
    int64_t runId = 0;                    ///< 0 when not recorded
    int64_t trainableParams = 0;
    int64_t allParams = 0;
    std::optional<ProbeResult> before;    ///< the base (with base_adapter merged)
    std::optional<ProbeResult> after;     ///< the trained model
    std::optional<ProbeResult> adapterOff; ///< the trained model with its adapter switched off (LoRA only)
    std::map<std::string, double> finals; ///< as recorded in the history
    std::map<std::string, double> lastTaskScores; ///< SEQ_CLS: the last evaluation's eval_accuracy, eval_macro_f1, …
};

// The first phase of every run, testable alone: everything that can be checked before a weight is read — the
// settings, train.device and dtype, config.json, the tokenizer, the task type, the LoRA targets and layers against
// the modules config.json implies, and that --resume has a checkpoint. Throws core::Error naming the field or file.
struct CheckedInputs {
    c10::Device device = c10::kCPU;
    c10::ScalarType dtype = c10::kFloat;
    ModelConfig modelConfig;
    std::shared_ptr<const Tokenizer> tokenizer;
};
CheckedInputs checkInputs(const ExperimentConfig& cfg, bool resume);

class ExperimentRunner {
public:
    // control: the run's stop/pause flags, owned by the caller (a worker, the CLI's signal handler, a sweep) and
    // outliving run(); none: the runner's own (requestStop() / setPaused() below set it).
    ExperimentRunner(ExperimentConfig cfg, RunOptions options, RunControl* control = nullptr);
    ~ExperimentRunner();
    void setObserver(RunObserver observer) { m_observer = std::move(observer); }

    // Thread-safe, before or during run(): a stop takes effect within one step and keeps a checkpoint.
    RunControl& control() { return *m_control; }
    void requestStop() { m_control->requestStop(); }
    void setPaused(bool paused) { m_control->setPaused(paused); }

    // Runs on the calling thread. Throws core::Error for bad input (and records the run as failed when it got far
    // enough to have a history row).
    ExperimentOutcome run();

private:
    void phase(const std::string& text) const;
    void log(const std::string& text) const;

    ExperimentConfig m_cfg;
    RunOptions m_options;
    RunObserver m_observer;
    RunControl m_ownControl;
    RunControl* m_control;
};

// The names the history and the plots use for probe numbers: retain_perplexity, retain_loss, retain_kl,
// retain_max_abs_logit_diff, accuracy/<task>; prefix "base_" / "adapter_off_" for the before / off measurements.
std::map<std::string, double> probeMetrics(const ProbeResult& result, const std::string& prefix = "");

} // namespace core
