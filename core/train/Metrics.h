#pragma once
// Small copyable structs the trainer reports through its callbacks (core/train/TrainerCallbacks.h); the GUI's worker
// turns them into queued signals.
#include "core/train/RunControl.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace core {

struct StepMetrics {
    int64_t step = 0;          ///< optimizer steps done (1-based after the first step)
    int64_t totalSteps = 0;
    double epoch = 0;          ///< fractional epochs seen
    double loss = 0;           ///< mean token loss of this step's batch(es)
    double loggedLoss = 0;     ///< transformers' logged "loss": the mean of the step losses since the last report
    double learningRate = 0;   ///< the rate used for this step
    double gradNorm = 0;       ///< total gradient norm before clipping
    int64_t tokens = 0;        ///< tokens processed in this step (padding excluded)
    double tokensPerSecond = 0;
    double elapsedSeconds = 0;
    double etaSeconds = 0;
};

struct EvalMetrics {
    int64_t step = 0;
    double loss = 0;           ///< transformers' eval_loss: the mean of the per-batch token means (batchMeanLoss)
    double tokenLoss = 0;      ///< every validation token weighed the same (what `lorawb eval` reports)
    double perplexity = 0;     ///< exp(tokenLoss); -1 for SEQ_CLS (no next-token loss)
    int64_t tokens = 0;
    // SEQ_CLS: the head's scores on the validation set by their history names (eval_accuracy, eval_macro_f1,
    // eval_micro_f1, eval_mse); empty for a language model. loss and tokenLoss are then the head's mean loss.
    std::map<std::string, double> taskScores;
    // SEQ_CLS single-label: the validation set's confusion matrix ([actual][predicted] counts) and the class names
    // in id order, for the window's heat map; empty otherwise.
    std::vector<std::vector<int64_t>> confusion;
    std::vector<std::string> classNames;
};

struct RunSummary {
    int64_t steps = 0;
    int64_t totalSteps = 0;
    bool stopped = false;      ///< stopped on request before totalSteps
    RunStopReason stopReason = RunStopReason::None; ///< who stopped it (a button, Ctrl-C) when stopped
    double finalTrainLoss = 0; ///< the last step's loss
    double meanTrainLoss = 0;  ///< mean of every step's loss, resumed runs included (transformers' train_loss)
    double finalEvalLoss = -1; ///< transformers' eval_loss at the end; -1 when there was no validation data
    double finalEvalTokenLoss = -1; ///< the same validation, every token weighed the same
    std::string outputDir;
    // What the run exported: a PEFT adapter folder (LoRA) or a whole model folder (finetune: full), and where.
    enum class Export { Adapter, Model };
    Export exportKind = Export::Adapter;
    std::string exportDir;
    std::string checkpointDir; ///< the last checkpoint written
};

} // namespace core
