// lorawb forgetting EXPERIMENT.yaml [--compare-full] [--ranks 1,4,16] [--retain FILE] [--task FILE]...: trains the
// experiment with the forgetting probe on (before, at every eval, after, adapter off), optionally also with full
// fine-tuning and other ranks on the same data, and prints each run's task gain against its forgetting.
#include "cli/ArgParser.h"
#include "cli/SignalStop.h"
#include "cli/JsonOutput.h"
#include "cli/ProbeJson.h"
#include "cli/ProgressLines.h"
#include "core/common/Error.h"
#include "core/history/RunDatabase.h"
#include "core/run/ExperimentRunner.h"
#include "core/run/ForgettingComparison.h"
#include "core/run/ProbeText.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <sstream>

namespace core::cli {
namespace {

const char* const kHelp =
    "usage: lorawb forgetting EXPERIMENT.yaml [--compare-full] [--ranks R,R,...] [--retain FILE] [--task FILE]...\n"
    "                         [--set key=value]... [--db FILE] [--quiet] [--json]\n"
    "\n"
    "Trains the experiment with the forgetting probe: retain-set perplexity, KL divergence from the base and the\n"
    "accuracy of each task are measured before training, at every eval and at the end, then once with the adapter\n"
    "switched off. --compare-full trains the same data with full fine-tuning too; --ranks adds LoRA runs at other\n"
    "ranks (alpha scaled to keep alpha/r). The summary puts each run's task gain beside its forgetting.\n"
    "The bundled demo: lorawb forgetting resources/experiments/demo_forgetting.yaml --compare-full\n"
    "\n"
    "  --retain FILE    text the base model knows (else the file's forgetting.retain_path)\n"
    "  --task FILE      an Alpaca test set whose accuracy to follow (repeatable; else forgetting.task_paths)\n"
    "  --compare-full   also train with finetune: full (output <output_dir>-full)\n"
    "  --ranks LIST     also train LoRA at these ranks (output <output_dir>-r<R>)\n"
    "  --set key=value  override an experiment key (repeatable)\n"
    "  --db FILE        the run history (default: $LORAWB_DB, else ~/.local/share/lora-workbench/runs.sqlite)\n"
    "  --quiet          no per-step lines\n"
    "  --json           one JSON object: every run's before/after/adapter-off numbers and its comparison point\n";

std::vector<int> parseRanks(const std::string& text)
{
    std::vector<int> ranks;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        char* end = nullptr;
        const long r = std::strtol(item.c_str(), &end, 10);
        if (item.empty() || !end || *end != '\0' || r <= 0 || r > 4096)
            throw UsageError("--ranks: '" + item + "' is not a rank; give positive integers, e.g. --ranks 1,4,16");
        ranks.push_back(static_cast<int>(r));
    }
    return ranks;
}

std::string percent(double accuracy)
{
    if (accuracy < 0)
        return "-";
    char text[16];
    std::snprintf(text, sizeof text, "%.1f%%", 100 * accuracy);
    return text;
}

void printComparison(std::ostream& out, const std::vector<ComparisonPoint>& points)
{
    out << "\nTask gain against forgetting (" << (points.empty() ? "" : points.front().trainedTask) << "):\n";
    char line[256];
    std::snprintf(line, sizeof line, "  %-18s %14s %18s %22s %12s", "run", "trainable", "task before→after",
                  "retain ppl before→after", "KL nats/tok");
    out << line << "\n";
    for (const auto& p : points) {
        char task[40], retain[48];
        std::snprintf(task, sizeof task, "%s→%s", percent(p.taskBefore).c_str(), percent(p.taskAfter).c_str());
        std::snprintf(retain, sizeof retain, "%.2f→%.2f (%+.1f%%)", p.retainPerplexityBefore, p.retainPerplexityAfter,
                      p.retainIncreasePercent);
        std::snprintf(line, sizeof line, "  %-18s %14lld %18s %22s %12.4f", p.label.c_str(),
                      static_cast<long long>(p.trainableParams), task, retain, p.retainKl);
        out << line;
        for (const auto& [name, values] : p.otherTasks)
            out << "   " << name << " " << percent(values.first) << "→" << percent(values.second);
        out << "\n";
    }
}

} // namespace

int runForgettingExperiment(const std::vector<std::string>& args)
{
    ArgParser parser("forgetting", kHelp);
    parser.addPositional("EXPERIMENT.yaml");
    parser.addFlag("--compare-full");
    parser.addOption("--ranks", "R,R,...");
    parser.addOption("--retain", "FILE");
    parser.addRepeated("--task", "FILE");
    parser.addRepeated("--set", "KEY=VALUE");
    parser.addOption("--db", "FILE");
    parser.addFlag("--quiet");
    parser.addFlag("--json");
    if (!parser.parse(args))
        return 0;
    const std::string path = parser.value("EXPERIMENT.yaml");
    ExperimentConfig cfg = loadExperiment(path, parser.values("--set"));
    if (parser.has("--retain"))
        cfg.forgetting.retainPath = parser.value("--retain");
    if (parser.has("--task"))
        cfg.forgetting.taskPaths = parser.values("--task");
    LORAWB_CHECK(!cfg.forgetting.retainPath.empty(), path, ": no retain text to measure forgetting on; add ",
                 "'forgetting: {retain_path: FILE, task_paths: [TEST.jsonl]}' or pass --retain FILE (text the base ",
                 "model knows, e.g. resources/demo/retain.txt)");
    const std::vector<int> ranks = parser.has("--ranks") ? parseRanks(parser.value("--ranks")) : std::vector<int>{};
    const bool json = parser.has("--json");
    std::ostream& out = json ? std::cerr : std::cout;
    const std::string db = parser.value("--db", RunDatabase::defaultPath());
    const std::string trainedTask = trainedTaskName(cfg);

    nlohmann::json runsJson = nlohmann::json::array();
    std::vector<ComparisonPoint> points;
    for (const ExperimentConfig& run : comparisonRuns(cfg, parser.has("--compare-full"), ranks)) {
        out << "\n== " << run.name << " (" << toString(run.train.finetune)
            << (run.train.finetune == FinetuneMode::Lora ? ", r=" + std::to_string(run.lora.r) : "") << ") ==" << std::endl;
        RunOptions options;
        options.databasePath = db;
        ExperimentRunner runner(run, options);
        RunObserver observer;
        if (!parser.has("--quiet") && !json) {
            observer.trainer.onStep = printStep;
            observer.trainer.onEval = printEval;
        }
        observer.onProbe = [&](int64_t step, const ProbeResult& p, bool adapterOff) {
            out << (step == 0 ? std::string("base model") : "step " + std::to_string(step))
                << (adapterOff ? " (adapter off)" : "") << ": " << probeSummary(p) << std::endl;
        };
        runner.setObserver(observer);
        ExperimentOutcome outcome;
        bool stopped = false;
        {
            SignalStop signals(runner.control());
            outcome = runner.run();
            stopped = outcome.summary.stopped;
        }
        if (outcome.adapterOff)
            out << adapterOffVerdict(*outcome.before, *outcome.adapterOff, run.lora) << std::endl;
        RunRecord record;
        record.id = outcome.runId;
        record.finetune = toString(run.train.finetune);
        record.r = run.train.finetune == FinetuneMode::Lora ? run.lora.r : 0;
        record.trainableParams = outcome.trainableParams;
        record.finals = outcome.finals;
        const ComparisonPoint point = comparisonPoint(record, trainedTask);
        points.push_back(point);
        nlohmann::json entry = {{"name", run.name},
                                {"finetune", point.finetune},
                                {"r", point.r},
                                {"run_id", outcome.runId},
                                {"trainable_params", point.trainableParams},
                                {"adapter_path", outcome.summary.exportDir},
                                {"trained_task", trainedTask},
                                {"task_before", point.taskBefore},
                                {"task_after", point.taskAfter},
                                {"task_gain", point.taskGain},
                                {"retain_perplexity_before", point.retainPerplexityBefore},
                                {"retain_perplexity_after", point.retainPerplexityAfter},
                                {"retain_increase_percent", point.retainIncreasePercent},
                                {"retain_kl", point.retainKl}};
        if (outcome.before)
            entry["before"] = probeJson(*outcome.before);
        if (outcome.after)
            entry["after"] = probeJson(*outcome.after);
        if (outcome.adapterOff) {
            entry["adapter_off"] = probeJson(*outcome.adapterOff);
            entry["off_equals_base"] = outcome.adapterOff->maxAbsLogitDiff == 0;
        }
        runsJson.push_back(entry);
        if (stopped) {
            out << "stopped; the runs not done yet were skipped" << std::endl;
            break;
        }
    }
    printComparison(out, points);
    if (json)
        printJson({{"trained_task", trainedTask}, {"database", db}, {"runs", runsJson}});
    return 0;
}

} // namespace core::cli
