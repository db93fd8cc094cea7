#include "core/run/ProbeText.h"

#include <cstdio>

namespace core {

namespace {

std::string formatted(const char* format, double value)
{
    char text[64];
    std::snprintf(text, sizeof text, format, value);
    return text;
}

} // namespace

std::string probeSummary(const ProbeResult& result)
{
    std::string line = "retain ppl " + formatted("%.3f", result.retainPerplexity) + " · KL from base " +
                       formatted("%.5f", result.klFromBase) + " nats/token · max |Δlogit| " +
                       formatted("%.3g", result.maxAbsLogitDiff);
    for (const auto& task : result.tasks)
        line += " · " + task.name + " " + formatted("%.1f", 100.0 * task.accuracy) + "% (" +
                std::to_string(task.correct) + "/" + std::to_string(task.records) + ")";
    return line;
}

std::string adapterOffVerdict(const ProbeResult& base, const ProbeResult& adapterOff, const LoraConfig& lora)
{
    const bool exact = adapterOff.maxAbsLogitDiff == 0 && adapterOff.retainLoss == base.retainLoss;
    const std::string bias = toString(lora.bias);
    if (exact)
        return "adapter off: the base model exactly (max |Δlogit| = 0, retain ppl " +
               formatted("%.3f", adapterOff.retainPerplexity) + " = base) — bias " + bias +
               " keeps every base weight frozen";
    std::string why = lora.bias == LoraBias::None
                          ? " — unexpected with bias none: modules_to_save or a merged adapter changed base weights"
                          : " — bias " + bias + " trained biases outside the adapter, so switching it off cannot undo them";
    return "adapter off: NOT the base model (max |Δlogit| = " + formatted("%.3g", adapterOff.maxAbsLogitDiff) +
           ", retain ppl " + formatted("%.3f", adapterOff.retainPerplexity) + " vs base " +
           formatted("%.3f", base.retainPerplexity) + ")" + why;
}

} // namespace core
