#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace core {

// transformers' names and meanings: "constant" ignores warmup (get_constant_schedule); "constant_with_warmup" ramps.
enum class LrScheduler { Constant, Linear, Cosine, ConstantWithWarmup };
enum class FinetuneMode { Lora, Full };

struct TrainConfig {
    int64_t maxSteps = 0;              ///< optimizer steps; 0 = use epochs
    double epochs = 1.0;               ///< used when maxSteps == 0
    int batchSize = 8;                 ///< sequences per micro-batch
    int gradientAccumulationSteps = 1; ///< micro-batches per optimizer step
    double learningRate = 2e-4;
    double weightDecay = 0.0;          ///< AdamW decoupled weight decay (HF Trainer's default 0)
    double adamBeta1 = 0.9;
    double adamBeta2 = 0.999;
    double adamEpsilon = 1e-8;
    double maxGradNorm = 1.0;          ///< 0 disables clipping
    LrScheduler lrScheduler = LrScheduler::Linear;
    int64_t warmupSteps = 0;
    double warmupRatio = 0.0;          ///< used when warmupSteps == 0
    int evalBatchSize = 8;             ///< validation sequences per batch (transformers' per_device_eval_batch_size)
    int64_t evalEvery = 0;             ///< evaluate on the validation split every N steps; 0 = only at the end
    int64_t saveEvery = 0;             ///< checkpoint every N steps; 0 = only at the end (and on stop)
    int64_t logEvery = 1;              ///< report StepMetrics every N steps
    uint64_t seed = 42;
    std::string device = "auto";       ///< auto | cpu | cuda | cuda:N
    std::string dtype = "auto";        ///< auto (cpu: float32, cuda: bfloat16) | float32 | bfloat16 | float16
    int threads = 0;                   ///< CPU threads; 0 = all cores
    FinetuneMode finetune = FinetuneMode::Lora;

    void validate() const;
};

std::string toString(LrScheduler scheduler);
// Every train.lr_scheduler spelling, in the order the GUI lists them.
std::vector<std::string> lrSchedulerNames();
LrScheduler parseLrScheduler(const std::string& text, const std::string& field = "train.lr_scheduler");

} // namespace core
