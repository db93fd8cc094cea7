// lorawb train EXPERIMENT.yaml [--set key=value]... [--output DIR] [--resume]: runs an experiment file with progress
// lines on stdout. Ctrl-C (SIGINT) or SIGTERM stops after the current step, keeps the checkpoint and the adapter.
#include "cli/ArgParser.h"
#include "cli/Commands.h"
#include "cli/SignalStop.h"
#include "cli/ProgressLines.h"
#include "core/experiment/ExperimentConfig.h"
#include "core/history/RunDatabase.h"
#include "core/run/ExperimentRunner.h"
#include "core/run/ProbeText.h"

#include <filesystem>
#include <iostream>

namespace core::cli {
namespace {

const char* const kHelp =
    "usage: lorawb train EXPERIMENT.yaml [--set key=value]... [--output DIR] [--resume]\n"
    "\n"
    "Trains as the experiment file says (model, lora, data, train, output_dir; see README). Prints the trainable\n"
    "parameters, one line per logged step (step, loss, learning rate, tokens/s, ETA) and the validation results, and\n"
    "writes checkpoints to OUTPUT/checkpoints and the PEFT adapter to OUTPUT/adapter.\n"
    "Ctrl-C stops after the current step; the checkpoint and the adapter are kept, and --resume continues.\n"
    "\n"
    "  --set key=value   override one setting, e.g. --set lora.r=4 --set train.max_steps=50 (repeatable)\n"
    "  --output DIR      write to DIR instead of the file's output_dir\n"
    "  --resume          continue from the newest checkpoint in the output directory\n"
    "  --db FILE         the run history to record into (default: $LORAWB_DB, else\n"
    "                    ~/.local/share/lora-workbench/runs.sqlite); 'lorawb runs list' shows it\n"
    "  --no-history      record nothing\n"
    "\n"
    "With a forgetting: section (retain_path, task_paths) the retain-set perplexity, the KL divergence from the base\n"
    "and the task accuracies are measured before training, at every eval and at the end, and the adapter is switched\n"
    "off once at the end to show whether the base model comes back exactly.\n";

} // namespace

int runTrain(const std::vector<std::string>& args)
{
    ArgParser parser("train", kHelp);
    parser.addPositional("EXPERIMENT.yaml");
    parser.addRepeated("--set", "KEY=VALUE");
    parser.addOption("--output", "DIR");
    parser.addFlag("--resume");
    parser.addOption("--db", "FILE");
    parser.addFlag("--no-history");
    if (!parser.parse(args))
        return 0;
    const std::string experimentPath = parser.value("EXPERIMENT.yaml");
    ExperimentConfig cfg = loadExperiment(experimentPath, parser.values("--set"));
    if (parser.has("--output"))
        cfg.outputDir = parser.value("--output");
    LORAWB_CHECK(!cfg.outputDir.empty(), experimentPath, ": output_dir is empty; set it or give --output DIR.");

    std::cout << "experiment: " << experimentPath << " (" << cfg.name << ")" << std::endl;
    RunOptions options;
    options.resume = parser.has("--resume");
    options.databasePath = parser.has("--no-history") ? "" : parser.value("--db", RunDatabase::defaultPath());
    RunControl control; // set by Ctrl-C / SIGTERM through SignalStop
    ExperimentRunner runner(cfg, options, &control);
    RunObserver observer;
    observer.trainer.onStep = printStep;
    observer.trainer.onEval = printEval;
    observer.trainer.onLog = [](const std::string& text) { std::cout << text << std::endl; };
    observer.trainer.onCheckpoint = [](const std::string& dir) { std::cout << "checkpoint: " << dir << std::endl; };
    observer.onProbe = printProbe;
    observer.onRecorded = [&](int64_t id) {
        std::cout << "run history: run " << id << " in " << options.databasePath << std::endl;
    };
    runner.setObserver(observer);
    std::cout << "output: " << cfg.outputDir << std::endl;

    ExperimentOutcome outcome;
    {
        SignalStop signals(control);
        outcome = runner.run();
    }
    const RunSummary& summary = outcome.summary;
    if (outcome.adapterOff)
        std::cout << adapterOffVerdict(*outcome.before, *outcome.adapterOff, cfg.lora) << std::endl;
    if (summary.stopped)
        std::cout << "stopped at step " << summary.steps << " of " << summary.totalSteps << " ("
                  << stopReasonName(summary.stopReason) << "); checkpoint kept in "
                  << summary.checkpointDir << ". Continue with: lorawb train " << experimentPath << " --output "
                  << cfg.outputDir << " --resume" << std::endl;
    std::cout << (summary.exportKind == RunSummary::Export::Model ? "model written to: " : "adapter written to: ")
              << summary.exportDir << std::endl;
    return 0;
}

} // namespace core::cli
