#include "core/run/ForgettingComparison.h"

#include "core/common/Error.h"

#include <cmath>
#include <filesystem>

namespace core {

namespace fs = std::filesystem;

namespace {

double finalOr(const std::map<std::string, double>& finals, const std::string& name, double fallback)
{
    const auto it = finals.find(name);
    return it == finals.end() ? fallback : it->second;
}

} // namespace

std::string trainedTaskName(const ExperimentConfig& cfg)
{
    const auto& tasks = cfg.forgetting.taskPaths;
    if (tasks.empty())
        return "";
    const std::string dataStem = fs::path(cfg.data.path).stem().string();
    for (const auto& path : tasks) {
        const std::string stem = fs::path(path).stem().string();
        if (!dataStem.empty() && stem.compare(0, dataStem.size(), dataStem) == 0)
            return stem;
    }
    return fs::path(tasks.back()).stem().string();
}

std::vector<ExperimentConfig> comparisonRuns(const ExperimentConfig& base, bool full, const std::vector<int>& ranks)
{
    std::vector<ExperimentConfig> runs{base};
    runs.front().train.finetune = FinetuneMode::Lora;
    if (full) {
        ExperimentConfig cfg = base;
        cfg.train.finetune = FinetuneMode::Full;
        cfg.name = base.name + "-full";
        cfg.outputDir = base.outputDir + "-full";
        runs.push_back(cfg);
    }
    for (int r : ranks) {
        LORAWB_CHECK(r > 0, "--ranks: every rank must be > 0, got ", r);
        if (r == base.lora.r)
            continue; // the first run is that point already
        ExperimentConfig cfg = base;
        cfg.train.finetune = FinetuneMode::Lora;
        cfg.lora.loraAlpha = base.lora.loraAlpha / base.lora.r * r; // same alpha/r: only the rank changes
        cfg.lora.r = r;
        cfg.name = base.name + "-r" + std::to_string(r);
        cfg.outputDir = base.outputDir + "-r" + std::to_string(r);
        runs.push_back(cfg);
    }
    return runs;
}

ComparisonPoint comparisonPoint(const RunRecord& run, const std::string& trainedTask)
{
    ComparisonPoint p;
    p.finetune = run.finetune;
    p.r = run.r;
    p.label = run.finetune == "full" ? "full fine-tuning" : "LoRA r=" + std::to_string(run.r);
    p.trainableParams = run.trainableParams;
    p.runId = run.id;
    p.trainedTask = trainedTask;
    const auto& f = run.finals;
    p.retainPerplexityBefore = finalOr(f, "base_retain_perplexity", 0);
    p.retainPerplexityAfter = finalOr(f, "retain_perplexity", 0);
    if (p.retainPerplexityBefore > 0 && p.retainPerplexityAfter > 0)
        p.retainIncreasePercent = 100.0 * (p.retainPerplexityAfter / p.retainPerplexityBefore - 1.0);
    p.retainKl = finalOr(f, "retain_kl", 0);
    const std::string prefix = "accuracy/";
    for (const auto& [name, value] : f) {
        if (name.compare(0, prefix.size(), prefix) != 0)
            continue;
        const std::string task = name.substr(prefix.size());
        const double before = finalOr(f, "base_accuracy/" + task, -1);
        if (task == trainedTask) {
            p.taskBefore = before;
            p.taskAfter = value;
            p.taskGain = before >= 0 ? value - before : value;
        } else {
            p.otherTasks[task] = {before, value};
        }
    }
    return p;
}

} // namespace core
