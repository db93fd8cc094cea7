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
    const std::string bias = toString(lora.bias);
    const std::string retain = " (retain ppl " + formatted("%.3f", adapterOff.retainPerplexity) + ", base " +
                               formatted("%.3f", base.retainPerplexity) + ")";
    if (adapterOff.maxAbsLogitDiff == 0) {
        const std::string text = "adapter off gives back the base exactly (max |Δlogit| = 0)" + retain;
        if (lora.bias == LoraBias::None)
            return text + ": bias 'none' trains nothing outside the adapter";
        return text + ": bias '" + bias + "', but it changed no bias of this model (a model without biases, or "
                      "biases that did not move)";
    }
    const std::string text =
        "adapter off differs from the base (max |Δlogit| = " + formatted("%.6g", adapterOff.maxAbsLogitDiff) + ")" +
        retain + ": ";
    if (lora.bias == LoraBias::All)
        return text + "bias 'all' trained biases outside the adapter";
    if (lora.bias == LoraBias::LoraOnly)
        return text + "bias 'lora_only' trained the biases of the adapted layers, which stay when the adapter is off";
    if (!lora.modulesToSave.empty())
        return text + "modules_to_save replaced whole modules, which stay when the adapter is off";
    return text + "bias 'none' trains nothing outside the adapter, so the difference comes from the arithmetic "
                  "(e.g. an adapter merged and unmerged in bfloat16); measure in float32 to tell";
}

} // namespace core
