// lorawb sweep SWEEP.yaml [--db FILE] [--set key=value]... [--retry-failed] [--dry-run] [--json]: runs a grid of
// experiments one after another, each recorded in the run history; the same command resumes an interrupted sweep.
#include "cli/ArgParser.h"
#include "cli/Commands.h"
#include "cli/SignalStop.h"
#include "cli/JsonOutput.h"
#include "cli/ProgressLines.h"
#include "core/history/RunDatabase.h"
#include "core/run/SweepRunner.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace core::cli {
namespace {

const char* const kHelp =
    "usage: lorawb sweep SWEEP.yaml [--db FILE] [--set key=value]... [--retry-failed] [--dry-run] [--json]\n"
    "\n"
    "Runs every combination of the sweep file's grid (see resources/sweeps/demo_rank_sweep.yaml) one after another,\n"
    "each run recorded in the run history with the sweep. Ctrl-C stops the current run with a checkpoint; the same\n"
    "command later skips the finished runs, resumes the interrupted one and runs the rest.\n"
    "\n"
    "  --db FILE        the run history (default: $LORAWB_DB, else ~/.local/share/lora-workbench/runs.sqlite)\n"
    "  --set key=value  override an experiment key in every run (repeatable)\n"
    "  --retry-failed   run again the runs that failed before (default: leave them)\n"
    "  --dry-run        list the runs and stop\n"
    "  --json           one JSON object at the end: the sweep id and every run's status and final metrics\n"
    "  --quiet          no per-step lines (one line per run)\n";

} // namespace

int runSweep(const std::vector<std::string>& args)
{
    ArgParser parser("sweep", kHelp);
    parser.addPositional("SWEEP.yaml");
    parser.addOption("--db", "FILE");
    parser.addRepeated("--set", "KEY=VALUE");
    parser.addFlag("--retry-failed");
    parser.addFlag("--dry-run");
    parser.addFlag("--json");
    parser.addFlag("--quiet");
    if (!parser.parse(args))
        return 0;
    const SweepSpec spec = loadSweep(parser.value("SWEEP.yaml"), parser.values("--set"));
    const bool json = parser.has("--json");
    const bool quiet = parser.has("--quiet") || json;
    std::ostream& out = json ? std::cerr : std::cout; // --json keeps stdout for the one object
    out << "sweep " << spec.name << ": " << spec.items.size() << " runs from " << spec.experimentPath << std::endl;
    for (const auto& item : spec.items)
        out << "  " << item.index + 1 << ". " << item.label << "  → " << item.config.outputDir << std::endl;
    if (parser.has("--dry-run"))
        return 0;

    SweepOptions options;
    options.databasePath = parser.value("--db", RunDatabase::defaultPath());
    options.retryFailed = parser.has("--retry-failed");
    SweepRunner runner(spec, options);
    SweepObserver observer;
    observer.onSweep = [&](int64_t id) { out << "run history: sweep " << id << " in " << options.databasePath << std::endl; };
    observer.onItem = [&](const SweepItemState& s) {
        out << "[" << s.index + 1 << "/" << s.total << "] " << s.label << ": " << s.state
            << (s.message.empty() ? "" : " — " + s.message) << (s.runId ? " (run " + std::to_string(s.runId) + ")" : "")
            << std::endl;
    };
    if (!quiet) {
        observer.run.trainer.onStep = printStep;
        observer.run.trainer.onEval = printEval;
        observer.run.onProbe = printProbe;
    }
    runner.setObserver(observer);
    SweepOutcome outcome;
    {
        SignalStop signals(runner.control());
        outcome = runner.run();
    }
    out << "sweep " << spec.name << ": " << outcome.finished << " finished now, " << outcome.skipped
        << " finished before, " << outcome.failed << " failed"
        << (outcome.stopped ? "; stopped — run the same command to resume" : "") << std::endl;

    if (json) {
        RunDatabase db(options.databasePath);
        nlohmann::json runs = nlohmann::json::array();
        for (const auto& item : outcome.items) {
            nlohmann::json entry = {{"index", item.index}, {"label", item.label}, {"state", item.state},
                                    {"run_id", item.runId}, {"message", item.message}};
            if (item.runId != 0)
                if (auto record = db.run(item.runId)) {
                    entry["trainable_params"] = record->trainableParams;
                    entry["output_dir"] = record->outputDir;
                    entry["adapter_path"] = record->adapterPath;
                    entry["finals"] = record->finals;
                }
            runs.push_back(entry);
        }
        printJson({{"sweep_id", outcome.sweepId}, {"name", spec.name}, {"database", options.databasePath},
                   {"stopped", outcome.stopped}, {"finished", outcome.finished}, {"skipped", outcome.skipped},
                   {"failed", outcome.failed}, {"runs", runs}});
    }
    return outcome.failed > 0 ? 1 : 0;
}

} // namespace core::cli
