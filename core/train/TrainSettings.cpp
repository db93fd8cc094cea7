#include "core/train/TrainSettings.h"

#include "core/common/Error.h"

#include <cmath>

namespace core {

bool isCudaOrdinal(const std::string& device)
{
    const std::string prefix = "cuda:";
    if (device.size() <= prefix.size() || device.compare(0, prefix.size(), prefix) != 0)
        return false;
    const std::string digits = device.substr(prefix.size());
    if (digits.size() > 4)
        return false;
    for (char c : digits)
        if (c < '0' || c > '9')
            return false;
    return true;
}

const SettingTable<TrainConfig>& trainSettingTable()
{
    using C = TrainConfig;
    static const SettingTable<C> table = {
        {"max_steps", "optimizer steps to train; 0 = train for train.epochs", &C::maxSteps,
         [](const C& c) {
             LORAWB_CHECK(c.maxSteps >= 0, "train.max_steps must be >= 0, got ", c.maxSteps,
                          " (0 = train for train.epochs)");
         }},
        {"epochs", "passes over the training set, used when max_steps is 0 (fractions allowed)", &C::epochs,
         [](const C& c) {
             LORAWB_CHECK(c.maxSteps > 0 || (std::isfinite(c.epochs) && c.epochs > 0),
                          "train.epochs must be a positive number when train.max_steps is 0, got ", c.epochs,
                          "; set epochs (e.g. 1 or 0.5) or max_steps (e.g. 200)");
             // The step count is epochs × batches as a whole number: 1e300 epochs would not fit one (and no run
             // lasts a million epochs).
             LORAWB_CHECK(c.maxSteps > 0 || c.epochs <= 1e6, "train.epochs must be at most 1000000, got ", c.epochs,
                          "; use max_steps for a run of a fixed length");
         }},
        {"batch_size", "sequences per micro-batch; memory grows with it", &C::batchSize,
         [](const C& c) {
             LORAWB_CHECK(
                 c.batchSize >= 1, "train.batch_size must be at least 1, got ", c.batchSize,
                 "; lower it if memory runs out, and raise gradient_accumulation_steps to keep the effective batch");
         }},
        {"gradient_accumulation_steps", "micro-batches per optimizer step (effective batch = batch_size × this)",
         &C::gradientAccumulationSteps,
         [](const C& c) {
             LORAWB_CHECK(c.gradientAccumulationSteps >= 1,
                          "train.gradient_accumulation_steps must be at least 1, got ", c.gradientAccumulationSteps,
                          " (1 = an optimizer step after every micro-batch)");
         }},
        {"learning_rate", "AdamW's peak step size; LoRA typically uses 1e-4 to 3e-4", &C::learningRate,
         [](const C& c) {
             LORAWB_CHECK(std::isfinite(c.learningRate) && c.learningRate > 0,
                          "train.learning_rate must be a positive number, got ", c.learningRate,
                          "; LoRA typically uses 1e-4 to 3e-4");
         }},
        {"weight_decay", "AdamW's decoupled weight decay on the trained weights (HF Trainer's default 0)",
         &C::weightDecay,
         [](const C& c) {
             LORAWB_CHECK(std::isfinite(c.weightDecay) && c.weightDecay >= 0, "train.weight_decay must be >= 0, got ",
                          c.weightDecay, "; 0 (the default) or 0.01 are usual");
         }},
        {"adam_beta1", "AdamW's first-moment decay, in [0, 1)", &C::adamBeta1,
         [](const C& c) {
             LORAWB_CHECK(std::isfinite(c.adamBeta1) && c.adamBeta1 >= 0 && c.adamBeta1 < 1,
                          "train.adam_beta1 must be in [0, 1), got ", c.adamBeta1, "; the default is 0.9");
         }},
        {"adam_beta2", "AdamW's second-moment decay, in [0, 1)", &C::adamBeta2,
         [](const C& c) {
             LORAWB_CHECK(std::isfinite(c.adamBeta2) && c.adamBeta2 >= 0 && c.adamBeta2 < 1,
                          "train.adam_beta2 must be in [0, 1), got ", c.adamBeta2, "; the default is 0.999");
         }},
        {"adam_epsilon", "AdamW's denominator term, a small positive number", &C::adamEpsilon,
         [](const C& c) {
             LORAWB_CHECK(std::isfinite(c.adamEpsilon) && c.adamEpsilon > 0,
                          "train.adam_epsilon must be a positive number, got ", c.adamEpsilon, "; the default is 1e-8");
         }},
        {"max_grad_norm", "clip the gradient's global L2 norm to this; 0 disables clipping", &C::maxGradNorm,
         [](const C& c) {
             LORAWB_CHECK(std::isfinite(c.maxGradNorm) && c.maxGradNorm >= 0, "train.max_grad_norm must be >= 0, got ",
                          c.maxGradNorm, " (0 disables clipping; the default is 1.0)");
         }},
        {"lr_scheduler", "how the learning rate moves after warmup, with transformers' names and meanings",
         ChoiceAccess<C>{
             [](const C& c) { return toString(c.lrScheduler); },
             [](C& c, const std::string& text, const std::string& key) { c.lrScheduler = parseLrScheduler(text, key); },
             lrSchedulerNames()}},
        {"warmup_steps", "steps over which the learning rate ramps up from 0", &C::warmupSteps,
         [](const C& c) { LORAWB_CHECK(c.warmupSteps >= 0, "train.warmup_steps must be >= 0, got ", c.warmupSteps); }},
        {"warmup_ratio", "warmup as a share of all steps, in [0, 1], used when warmup_steps is 0", &C::warmupRatio,
         [](const C& c) {
             LORAWB_CHECK(std::isfinite(c.warmupRatio) && c.warmupRatio >= 0 && c.warmupRatio <= 1,
                          "train.warmup_ratio must be in [0, 1], got ", c.warmupRatio, " (a share of the total steps)");
         }},
        {"eval_batch_size", "validation records per batch; eval_loss is the mean of the batches' means, as in HF",
         &C::evalBatchSize,
         [](const C& c) {
             LORAWB_CHECK(c.evalBatchSize >= 1, "train.eval_batch_size must be at least 1, got ", c.evalBatchSize,
                          " (transformers' per_device_eval_batch_size; its default is 8)");
         }},
        {"eval_every", "measure the validation loss every N steps; 0 = only at the end", &C::evalEvery,
         [](const C& c) {
             LORAWB_CHECK(c.evalEvery >= 0, "train.eval_every must be >= 0, got ", c.evalEvery,
                          " (0 = evaluate only at the end)");
         }},
        {"save_every", "write a resumable checkpoint every N steps; 0 = only at the end and on stop", &C::saveEvery,
         [](const C& c) {
             LORAWB_CHECK(c.saveEvery >= 0, "train.save_every must be >= 0, got ", c.saveEvery,
                          " (0 = save only at the end)");
         }},
        {"log_every", "report loss, learning rate and speed every N steps", &C::logEvery,
         [](const C& c) { LORAWB_CHECK(c.logEvery >= 1, "train.log_every must be at least 1, got ", c.logEvery); }},
        {"seed", "seeds the adapter's initialisation, dropout and the data order: same seed, same run", &C::seed},
        {"device", "where training runs: auto, cpu, cuda or cuda:N", &C::device,
         [](const C& c) {
             LORAWB_CHECK(c.device == "auto" || c.device == "cpu" || c.device == "cuda" || isCudaOrdinal(c.device),
                          "train.device must be one of auto, cpu, cuda, cuda:N (N = GPU index, e.g. cuda:0); got '",
                          c.device, "'");
         }},
        {"dtype", "the frozen weights' type: auto (float32 on CPU, bfloat16 on CUDA), float32, bfloat16 or float16",
         &C::dtype,
         [](const C& c) {
             LORAWB_CHECK(c.dtype == "auto" || c.dtype == "float32" || c.dtype == "bfloat16" || c.dtype == "float16",
                          "train.dtype must be one of auto, float32, bfloat16, float16; got '", c.dtype,
                          "' (auto = float32 on CPU, bfloat16 on CUDA)");
         }},
        {"threads", "CPU threads for training; 0 = every core", &C::threads,
         [](const C& c) {
             LORAWB_CHECK(c.threads >= 0, "train.threads must be >= 0, got ", c.threads, " (0 = use every core)");
         }},
    };
    return table;
}

} // namespace core
