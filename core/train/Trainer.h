#pragma once
// The training loop: AdamW on the trainable parameters (LoRA adapters, or every weight with finetune: full),
// LR schedule with warmup, gradient accumulation, clipping, periodic evaluation and checkpoints, exact resume on CPU.
// Runs on the calling thread; stop and pause come from a RunControl that any thread (or a signal handler) may set.
#include "core/data/BatchOrder.h"
#include "core/data/PreparedData.h"
#include "core/lora/LoraConfig.h"
#include "core/model/CausalLm.h"
#include "core/train/Metrics.h"
#include "core/train/TrainerCallbacks.h"
#include "core/train/RunControl.h"
#include "core/train/TrainConfig.h"
#include "core/train/TrainingPlan.h"

#include <map>
#include <memory>
#include <string>

namespace core {

struct TrainerSetup {
    std::shared_ptr<CausalLm> model;   ///< loaded base model, prepared: adapters injected (or all weights unfrozen)
    TrainingPlan plan;                 ///< what trains (prepareTraining)
    LoraConfig lora;
    TrainConfig train;
    std::shared_ptr<const PreparedData> data;
    int64_t padId = 0;                 ///< batches are padded with it; SEQ_CLS: lora.classes.padTokenId
    ContrastiveObjective contrastive;  ///< FEATURE_EXTRACTION: pooling and temperature (task.pooling, temperature)
    std::string outputDir;             ///< checkpoints/ and adapter/ (or model/) go here
    std::string modelDir;              ///< base model directory, recorded in the adapter config
    BatchOrderOptions order;           ///< data.shuffle, data.group_by_length
    int keepCheckpoints = 2;           ///< older checkpoints are removed
    std::map<std::string, std::string> cardFacts; ///< more rows for the adapter card (the training data's hash)
};

class Trainer {
public:
    // control: the run's stop/pause flags, owned by the caller and outliving run(); none: the trainer's own.
    explicit Trainer(TrainerSetup setup, RunControl* control = nullptr);
    ~Trainer();
    void setCallbacks(TrainerCallbacks callbacks);

    // Trains to the end (or until stop). resume: continue from the newest checkpoint in outputDir/checkpoints.
    // Throws core::Error for bad input, a diverged loss (NaN/Inf, naming the step) or an out-of-memory condition.
    RunSummary run(bool resume = false);

    // Evaluates the validation split with the current weights (no grad). loss -1 when there is none.
    EvalMetrics evaluate();

    RunControl& control() { return *m_control; }
    void requestStop() { m_control->requestStop(); }
    void setPaused(bool paused) { m_control->setPaused(paused); }
    bool stopRequested() const { return m_control->stopRequested(); }

    std::shared_ptr<CausalLm> model() const;

private:
    struct State;
    std::unique_ptr<State> m_state;
    RunControl m_ownControl;
    RunControl* m_control;
};

// libtorch's intra-op threads as train.threads says (0: every core). The trainer and the forgetting probe apply it.
void applyThreadCount(const TrainConfig& train);

// Total optimizer steps for a config and a number of training examples.
int64_t plannedSteps(const TrainConfig& train, int64_t trainExamples);

} // namespace core
