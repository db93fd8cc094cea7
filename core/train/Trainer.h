#pragma once
// The training loop: AdamW on the trainable parameters (LoRA adapters, or every weight with finetune: full),
// LR schedule with warmup, gradient accumulation, clipping, periodic evaluation and checkpoints, exact resume on CPU.
// Runs on the calling thread; stop/pause are atomic flags any thread may set.
#include "core/data/PreparedData.h"
#include "core/lora/LoraConfig.h"
#include "core/model/CausalLm.h"
#include "core/train/Metrics.h"
#include "core/train/TrainConfig.h"

#include <atomic>
#include <memory>
#include <string>

namespace core {

struct TrainerSetup {
    std::shared_ptr<CausalLm> model;   ///< loaded base model (LoRA is injected by the trainer unless finetune: full)
    LoraConfig lora;
    TrainConfig train;
    std::shared_ptr<const PreparedData> data;
    int64_t padId = 0;
    std::string outputDir;             ///< checkpoints/ and adapter/ (or model/) go here
    std::string modelDir;              ///< base model directory, recorded in the adapter config
    bool groupByLength = false;        ///< batch similar lengths together (data.group_by_length)
    int keepCheckpoints = 2;           ///< older checkpoints are removed
};

class Trainer {
public:
    explicit Trainer(TrainerSetup setup);
    ~Trainer();
    void setCallbacks(TrainerCallbacks callbacks);

    // Trains to the end (or until stop). resume: continue from the newest checkpoint in outputDir/checkpoints.
    // Throws core::Error for bad input, a diverged loss (NaN/Inf, naming the step) or an out-of-memory condition.
    RunSummary run(bool resume = false);

    // Evaluates the validation split with the current weights (no grad). loss -1 when there is none.
    EvalMetrics evaluate();

    void requestStop() { m_stop.store(true); }
    void setPaused(bool paused) { m_paused.store(paused); }
    bool stopRequested() const { return m_stop.load(); }

    std::shared_ptr<CausalLm> model() const;

private:
    struct State;
    std::unique_ptr<State> m_state;
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_paused{false};
};

// libtorch's intra-op threads as train.threads says (0: every core). The trainer and the forgetting probe apply it.
void applyThreadCount(const TrainConfig& train);

// Total optimizer steps for a config and a number of training examples.
int64_t plannedSteps(const TrainConfig& train, int64_t trainExamples);

} // namespace core
