#include "core/train/TrainConfig.h"

#include "core/common/Error.h"
#include "core/common/Text.h"

#include <cmath>
#include <utility>

namespace core {

namespace {

const std::pair<LrScheduler, const char*> kSchedulerNames[] = {
    {LrScheduler::Constant, "constant"},
    {LrScheduler::Linear, "linear"},
    {LrScheduler::Cosine, "cosine"},
    {LrScheduler::ConstantWithWarmup, "constant_with_warmup"},
};

// "cuda:N" with N a plain non-negative decimal; the device list is checked later, when the device is opened.
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

} // namespace

void TrainConfig::validate() const
{
    LORAWB_CHECK(batchSize >= 1, "train.batch_size must be at least 1, got ", batchSize,
                 "; lower it if memory runs out, and raise gradient_accumulation_steps to keep the effective batch");
    LORAWB_CHECK(gradientAccumulationSteps >= 1, "train.gradient_accumulation_steps must be at least 1, got ",
                 gradientAccumulationSteps, " (1 = an optimizer step after every micro-batch)");
    LORAWB_CHECK(std::isfinite(learningRate) && learningRate > 0, "train.learning_rate must be a positive number, got ",
                 learningRate, "; LoRA typically uses 1e-4 to 3e-4");
    LORAWB_CHECK(maxSteps >= 0, "train.max_steps must be >= 0, got ", maxSteps, " (0 = train for train.epochs)");
    LORAWB_CHECK(maxSteps > 0 || (std::isfinite(epochs) && epochs > 0),
                 "train.epochs must be a positive number when train.max_steps is 0, got ", epochs,
                 "; set epochs (e.g. 1 or 0.5) or max_steps (e.g. 200)");
    LORAWB_CHECK(warmupSteps >= 0, "train.warmup_steps must be >= 0, got ", warmupSteps);
    LORAWB_CHECK(std::isfinite(warmupRatio) && warmupRatio >= 0 && warmupRatio <= 1,
                 "train.warmup_ratio must be in [0, 1], got ", warmupRatio, " (a share of the total steps)");
    LORAWB_CHECK(std::isfinite(weightDecay) && weightDecay >= 0, "train.weight_decay must be >= 0, got ", weightDecay,
                 "; 0 (the default) or 0.01 are usual");
    LORAWB_CHECK(std::isfinite(adamBeta1) && adamBeta1 >= 0 && adamBeta1 < 1, "train.adam_beta1 must be in [0, 1), got ",
                 adamBeta1, "; the default is 0.9");
    LORAWB_CHECK(std::isfinite(adamBeta2) && adamBeta2 >= 0 && adamBeta2 < 1, "train.adam_beta2 must be in [0, 1), got ",
                 adamBeta2, "; the default is 0.999");
    LORAWB_CHECK(std::isfinite(adamEpsilon) && adamEpsilon > 0, "train.adam_epsilon must be a positive number, got ",
                 adamEpsilon, "; the default is 1e-8");
    LORAWB_CHECK(std::isfinite(maxGradNorm) && maxGradNorm >= 0, "train.max_grad_norm must be >= 0, got ", maxGradNorm,
                 " (0 disables clipping; the default is 1.0)");
    LORAWB_CHECK(evalEvery >= 0, "train.eval_every must be >= 0, got ", evalEvery, " (0 = evaluate only at the end)");
    LORAWB_CHECK(saveEvery >= 0, "train.save_every must be >= 0, got ", saveEvery, " (0 = save only at the end)");
    LORAWB_CHECK(logEvery >= 1, "train.log_every must be at least 1, got ", logEvery);
    LORAWB_CHECK(threads >= 0, "train.threads must be >= 0, got ", threads, " (0 = use every core)");
    LORAWB_CHECK(device == "auto" || device == "cpu" || device == "cuda" || isCudaOrdinal(device),
                 "train.device must be one of auto, cpu, cuda, cuda:N (N = GPU index, e.g. cuda:0); got '", device,
                 "'");
    LORAWB_CHECK(dtype == "auto" || dtype == "float32" || dtype == "bfloat16" || dtype == "float16",
                 "train.dtype must be one of auto, float32, bfloat16, float16; got '", dtype,
                 "' (auto = float32 on CPU, bfloat16 on CUDA)");
}

std::string toString(LrScheduler scheduler)
{
    for (const auto& [value, name] : kSchedulerNames)
        if (value == scheduler)
            return name;
    LORAWB_ASSERT(false, "unknown LrScheduler ", static_cast<int>(scheduler));
    return {};
}

std::vector<std::string> lrSchedulerNames()
{
    std::vector<std::string> names;
    for (const auto& entry : kSchedulerNames)
        names.push_back(entry.second);
    return names;
}

LrScheduler parseLrScheduler(const std::string& text, const std::string& field)
{
    for (const auto& [value, name] : kSchedulerNames)
        if (text == name)
            return value;
    LORAWB_FAIL(field, " must be one of ", joinedWithCommas(lrSchedulerNames()), "; got '", text,
                "' (constant ignores warmup, as in transformers; constant_with_warmup ramps up first)");
}

} // namespace core
