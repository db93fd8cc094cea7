#include "cli/ProgressLines.h"

#include "core/lora/ParameterCount.h"
#include "core/run/ProbeText.h"

#include <cstdio>
#include <iostream>

namespace core::cli {

std::string durationText(double seconds)
{
    if (!(seconds >= 0) || seconds > 1e8)
        return "?";
    const auto s = static_cast<int64_t>(seconds + 0.5);
    char text[32];
    if (s >= 3600)
        std::snprintf(text, sizeof text, "%lldh%02lldm", static_cast<long long>(s / 3600),
                      static_cast<long long>(s % 3600 / 60));
    else if (s >= 60)
        std::snprintf(text, sizeof text, "%lldm%02llds", static_cast<long long>(s / 60), static_cast<long long>(s % 60));
    else
        std::snprintf(text, sizeof text, "%llds", static_cast<long long>(s));
    return text;
}

void printStep(const StepMetrics& m)
{
    char line[256];
    std::snprintf(line, sizeof line, "step %lld/%lld  epoch %.2f  loss %.4f  lr %.3e  grad_norm %.3f  %s tokens/s  ETA %s",
                  static_cast<long long>(m.step), static_cast<long long>(m.totalSteps), m.epoch, m.loggedLoss,
                  m.learningRate, m.gradNorm, withThousandsSeparators(static_cast<int64_t>(m.tokensPerSecond)).c_str(),
                  durationText(m.etaSeconds).c_str());
    std::cout << line << std::endl;
}

void printProbe(int64_t step, const ProbeResult& p, bool adapterOff)
{
    std::cout << (step == 0 ? std::string("base model") : "forgetting at step " + std::to_string(step))
              << (adapterOff ? " (adapter off)" : "") << ": " << probeSummary(p) << std::endl;
}

void printEval(const EvalMetrics& m)
{
    char line[224];
    if (!m.taskScores.empty()) { // SEQ_CLS: the head's loss and scores
        std::string text = "eval at step " + std::to_string(m.step) + ": eval_loss " + std::to_string(m.loss);
        for (const auto& [name, value] : m.taskScores) {
            std::snprintf(line, sizeof line, "  %s %.4f", name.c_str(), value);
            text += line;
        }
        std::cout << text << std::endl;
        return;
    }
    // eval_loss as transformers reports it; the token mean (what `lorawb eval` and the perplexity use) beside it.
    std::snprintf(line, sizeof line,
                  "eval at step %lld: eval_loss %.4f (mean of batch means)  token mean %.4f  perplexity %.3f  "
                  "(%lld tokens)",
                  static_cast<long long>(m.step), m.loss, m.tokenLoss, m.perplexity, static_cast<long long>(m.tokens));
    std::cout << line << std::endl;
}

} // namespace core::cli
