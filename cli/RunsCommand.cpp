// lorawb runs (list | show ID | diff ID ID | export-csv [FILE]): the run history from the command line — the same
// database the GUI's history view shows, so that scripts and a GPU server without a display can read it.
#include "cli/ArgParser.h"
#include "cli/Commands.h"
#include "cli/JsonOutput.h"
#include "core/common/Error.h"
#include "core/experiment/ConfigDiff.h"
#include "core/experiment/NumberText.h"
#include "core/history/RunCsv.h"
#include "core/history/RunDatabase.h"
#include "core/history/RunJson.h"
#include "core/io/AtomicFile.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>

namespace core::cli {
namespace {

const char* const kHelp =
    "usage: lorawb runs list [--db FILE] [--sweep ID] [--status S] [--filter TEXT] [--sort COLUMN] [--desc]\n"
    "                        [--limit N] [--json]\n"
    "       lorawb runs show ID [--db FILE] [--metrics] [--json]\n"
    "       lorawb runs diff ID OTHER_ID [--db FILE] [--json]\n"
    "       lorawb runs export-csv [FILE] [--db FILE] [list's filters]\n"
    "\n"
    "The run history: every run of lorawb train, lorawb sweep and the GUI, with its settings, curves and final\n"
    "evaluation.\n"
    "  list        one line per run (id, name, status, r, alpha, targets, learning rate, parameters, finals)\n"
    "  show        one run: settings, provenance, the experiment file, finals and the last value of every curve\n"
    "  diff        what differs between two runs' experiment files, and their final metrics side by side\n"
    "  export-csv  the list as CSV (one column per final metric), on stdout or into FILE\n"
    "\n"
    "  --db FILE       the run history (default: $LORAWB_DB, else ~/.local/share/lora-workbench/runs.sqlite)\n"
    "  --sweep ID      only the runs of that sweep\n"
    "  --status S      only running, finished, stopped or failed runs\n"
    "  --filter TEXT   only runs whose name, model, targets, bias or finetune contain TEXT (any case)\n"
    "  --sort COLUMN   id (default), name, r, lora_alpha, learning_rate, trainable_params, started_at, status, …\n"
    "                  or final:<metric>, e.g. final:eval_loss (runs without it come last)\n"
    "  --desc          largest first\n"
    "  --limit N       at most N runs\n"
    "  --metrics       show: every point of every curve\n"
    "  --json          one JSON object\n";

// The history of a read-only command: none yet is an empty history, not a reason to create a file.
std::unique_ptr<RunDatabase> openHistory(const std::string& path)
{
    if (!path.empty() && !std::filesystem::exists(path))
        return nullptr;
    return std::make_unique<RunDatabase>(path);
}

void addFilterOptions(ArgParser& parser)
{
    parser.addOption("--sweep", "ID");
    parser.addOption("--status", "S");
    parser.addOption("--filter", "TEXT");
    parser.addOption("--sort", "COLUMN");
    parser.addFlag("--desc");
    parser.addOption("--limit", "N");
}

std::vector<RunRecord> filteredRuns(const RunDatabase* db, const ArgParser& parser)
{
    RunFilter filter;
    filter.sweepId = parser.integer("--sweep", 0, 1);
    filter.status = parser.value("--status");
    filter.text = parser.value("--filter");
    filter.sortBy = parser.value("--sort", "id");
    filter.descending = parser.has("--desc");
    filter.limit = parser.integer("--limit", 0, 0);
    if (db)
        return db->runs(filter);
    // Still check --sort and --status, so that a typo is caught on an empty history too.
    RunDatabase scratch(":memory:");
    return scratch.runs(filter);
}

RunRecord runById(const RunDatabase* db, const std::string& path, const std::string& text)
{
    int64_t id = 0;
    if (!parseInt64(text, id) || id < 1)
        throw UsageError("lorawb runs: a run ID is a number such as 3, got '" + text +
                         "'; `lorawb runs list` shows the IDs");
    std::optional<RunRecord> run = db ? db->run(id) : std::nullopt;
    LORAWB_CHECK(run.has_value(), "run ", id, " is not in ", path, "; `lorawb runs list --db ", path,
                 "` lists them");
    return *run;
}

// Settings exactly as given (0.0002, not 2e-04); measurements to 6 significant digits, enough to compare runs by eye
// (--json has every digit).
std::string number(double value) { return std::isnan(value) ? "nan" : formatDouble(value); }
std::string measured(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.6g", value);
    return text;
}

// At most `width` bytes, cut at a UTF-8 character boundary, "~" marking a cut (one byte: the columns stay aligned).
std::string fitted(const std::string& text, size_t width)
{
    if (text.size() <= width)
        return text;
    size_t end = width - 1;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
        --end;
    return text.substr(0, end) + "~";
}

// The final metrics worth a column: eval_loss and retain_perplexity first when present, then the others by name.
std::vector<std::string> keyFinals(const std::vector<RunRecord>& runs, size_t count)
{
    const std::vector<std::string> names = finalMetricNames(runs);
    const std::vector<std::string> preferred = {"eval_loss", "retain_perplexity"};
    std::vector<std::string> chosen;
    for (const auto& name : preferred)
        if (std::find(names.begin(), names.end(), name) != names.end())
            chosen.push_back(name);
    for (const auto& name : names)
        if (std::find(preferred.begin(), preferred.end(), name) == preferred.end())
            chosen.push_back(name);
    if (chosen.size() > count)
        chosen.resize(count);
    return chosen;
}

int list(const ArgParser& parser, const std::string& path)
{
    const auto db = openHistory(path);
    const std::vector<RunRecord> runs = filteredRuns(db.get(), parser);
    if (parser.has("--json")) {
        nlohmann::json array = nlohmann::json::array();
        for (const auto& run : runs)
            array.push_back(runToJson(run));
        printJson({{"database", path}, {"runs", array}});
        return 0;
    }
    if (runs.empty()) {
        std::cout << "no runs" << (db ? "" : " (no run history yet)") << " in " << path
                  << (parser.has("--filter") || parser.has("--status") || parser.has("--sweep") ? " that match" : "")
                  << "\n";
        return 0;
    }
    const auto finals = keyFinals(runs, 3);
    std::printf("%5s  %-28s %-8s %-4s %4s %6s  %-20s %9s %12s %11s", "id", "name", "status", "tune", "r", "alpha",
                "targets", "lr", "trainable", "steps");
    for (const auto& name : finals)
        std::printf(" %12s", fitted(name, 12).c_str());
    std::printf("\n");
    for (const auto& run : runs) {
        const std::string steps = std::to_string(run.steps) + "/" + std::to_string(run.totalSteps);
        std::printf("%5lld  %-28s %-8s %-4s %4d %6s  %-20s %9s %12lld %11s", static_cast<long long>(run.id),
                    fitted(run.name, 28).c_str(), toString(run.status).c_str(), fitted(run.finetune, 4).c_str(),
                    run.r, number(run.loraAlpha).c_str(), fitted(run.targets, 20).c_str(),
                    number(run.learningRate).c_str(), static_cast<long long>(run.trainableParams), steps.c_str());
        for (const auto& name : finals) {
            const auto found = run.finals.find(name);
            std::printf(" %12s", found == run.finals.end() ? "-" : measured(found->second).c_str());
        }
        std::printf("\n");
    }
    return 0;
}

int exportCsv(const ArgParser& parser, const std::string& path)
{
    const auto db = openHistory(path);
    const std::vector<RunRecord> runs = filteredRuns(db.get(), parser);
    const std::string csv = runsCsv(runs);
    if (!parser.has("FILE")) {
        std::cout << csv;
        return 0;
    }
    writeFileAtomically(parser.value("FILE"), csv);
    std::cout << "wrote " << runs.size() << " run" << (runs.size() == 1 ? "" : "s") << " to " << parser.value("FILE")
              << "\n";
    return 0;
}

int show(const ArgParser& parser, const std::string& path)
{
    const auto db = openHistory(path);
    const RunRecord run = runById(db.get(), path, parser.value("ID"));
    const bool allPoints = parser.has("--metrics");
    // One read of every point: the last value per curve, and all of them for --metrics.
    const std::vector<MetricPoint> points = db->metrics(run.id);
    std::map<std::string, std::vector<const MetricPoint*>> curves;
    for (const auto& point : points)
        curves[point.name].push_back(&point);

    if (parser.has("--json")) {
        nlohmann::json metrics = nlohmann::json::array();
        nlohmann::json all = nlohmann::json::object();
        for (const auto& [name, curve] : curves) {
            metrics.push_back({{"name", name}, {"points", curve.size()}, {"last_step", curve.back()->step},
                               {"last_value", curve.back()->value}});
            if (allPoints) {
                nlohmann::json steps = nlohmann::json::array(), values = nlohmann::json::array();
                for (const MetricPoint* p : curve) {
                    steps.push_back(p->step);
                    values.push_back(p->value);
                }
                all[name] = {{"steps", steps}, {"values", values}};
            }
        }
        nlohmann::json result = {{"database", path}, {"run", runToJson(run)}, {"metrics", metrics}};
        if (allPoints)
            result["curves"] = all;
        printJson(result);
        return 0;
    }
    std::cout << "run " << run.id << ": " << run.name << "\n"
              << "  status      " << toString(run.status) << (run.message.empty() ? "" : " — " + run.message) << "\n"
              << "  started     " << run.startedAt << (run.finishedAt.empty() ? "" : ", finished " + run.finishedAt)
              << "\n  finetune    " << run.finetune << "  r " << run.r << "  lora_alpha " << number(run.loraAlpha)
              << "  lora_dropout " << number(run.loraDropout) << "  bias " << run.bias << "\n"
              << "  targets     " << run.targets << "\n"
              << "  training    learning_rate " << number(run.learningRate) << "  seed " << run.seed << "  steps " << run.steps
              << "/" << run.totalSteps << "\n"
              << "  parameters  trainable " << run.trainableParams << " of " << run.allParams << "\n"
              << "  model       " << run.model << "\n"
              << "  output      " << run.outputDir << (run.adapterPath.empty() ? "" : "  adapter " + run.adapterPath)
              << "\n  hashes      model " << run.modelHash << "\n              data " << run.dataHash
              << "\n              template " << run.templateHash << "\n"
              << "  versions    lorawb " << run.lorawbVersion << ", libtorch " << run.torchVersion << ", device "
              << run.device << "\n";
    if (run.sweepId > 0)
        std::cout << "  sweep       " << run.sweepId << " item " << run.sweepIndex + 1 << "\n";
    std::cout << "final metrics:" << (run.finals.empty() ? " none" : "") << "\n";
    for (const auto& [name, value] : run.finals)
        std::cout << "  " << name << " = " << measured(value) << "\n";
    std::cout << "curves (last value):" << (curves.empty() ? " none" : "") << "\n";
    for (const auto& [name, curve] : curves) {
        std::cout << "  " << name << " = " << measured(curve.back()->value) << " at step " << curve.back()->step << " ("
                  << curve.size() << " points)\n";
        if (allPoints)
            for (const MetricPoint* p : curve)
                std::cout << "    " << p->step << "\t" << measured(p->value) << "\n";
    }
    std::cout << "experiment file:\n" << run.configYaml << (run.configYaml.empty() || run.configYaml.back() == '\n' ? "" : "\n");
    return 0;
}

int diff(const ArgParser& parser, const std::string& path)
{
    const auto db = openHistory(path);
    const RunRecord left = runById(db.get(), path, parser.value("ID"));
    const RunRecord right = runById(db.get(), path, parser.value("OTHER_ID"));
    const auto config = configDiff(left.configYaml, right.configYaml, "run " + std::to_string(left.id),
                                   "run " + std::to_string(right.id));
    const std::vector<std::string> finalNames = finalMetricNames(std::vector<const RunRecord*>{&left, &right});
    auto finalOf = [](const RunRecord& run, const std::string& name) -> std::optional<double> {
        const auto found = run.finals.find(name);
        return found == run.finals.end() ? std::nullopt : std::optional<double>(found->second);
    };

    if (parser.has("--json")) {
        auto orNull = [](const std::string& text) { return text.empty() ? nlohmann::json() : nlohmann::json(text); };
        nlohmann::json changes = nlohmann::json::array();
        for (const auto& d : config)
            changes.push_back({{"key", d.key},
                               {"left", orNull(d.left)},
                               {"right", orNull(d.right)},
                               {"default", orNull(d.defaultValue)}});
        nlohmann::json finals = nlohmann::json::array();
        for (const auto& name : finalNames) {
            const auto l = finalOf(left, name), r = finalOf(right, name);
            finals.push_back({{"name", name}, {"left", l ? nlohmann::json(*l) : nlohmann::json()},
                              {"right", r ? nlohmann::json(*r) : nlohmann::json()}});
        }
        printJson({{"database", path}, {"left", {{"id", left.id}, {"name", left.name}}},
                   {"right", {{"id", right.id}, {"name", right.name}}}, {"config", changes}, {"finals", finals}});
        return 0;
    }
    std::cout << "run " << left.id << " (" << left.name << ") vs run " << right.id << " (" << right.name << ")\n"
              << "experiment file:" << (config.empty() ? " the same" : "") << "\n";
    // An absent key means the setting's default: say which.
    const auto shown = [](const std::string& value, const ConfigDifference& d) {
        if (!value.empty())
            return value;
        return d.defaultValue.empty() ? std::string("(absent)") : "(absent: default " + d.defaultValue + ")";
    };
    for (const auto& d : config)
        std::printf("  %-32s %-24s %s\n", d.key.c_str(), shown(d.left, d).c_str(), shown(d.right, d).c_str());
    std::cout << "final metrics:" << (finalNames.empty() ? " none" : "") << "\n";
    for (const auto& name : finalNames) {
        const auto l = finalOf(left, name), r = finalOf(right, name);
        std::printf("  %-32s %-24s %s\n", name.c_str(), l ? measured(*l).c_str() : "-", r ? measured(*r).c_str() : "-");
    }
    return 0;
}

} // namespace

int runRuns(const std::vector<std::string>& args)
{
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        (args.empty() ? std::cerr : std::cout) << kHelp;
        if (args.empty())
            throw UsageError("lorawb runs: give a subcommand, list, show, diff or export-csv (see above)");
        return 0;
    }
    const std::string sub = args[0];
    ArgParser parser("runs " + sub, kHelp);
    parser.addOption("--db", "FILE");
    if (sub != "export-csv")
        parser.addFlag("--json");
    if (sub == "list") {
        addFilterOptions(parser);
    } else if (sub == "export-csv") {
        addFilterOptions(parser);
        parser.addPositional("FILE", /*required=*/false);
    } else if (sub == "show") {
        parser.addPositional("ID");
        parser.addFlag("--metrics");
    } else if (sub == "diff") {
        parser.addPositional("ID");
        parser.addPositional("OTHER_ID");
    } else {
        throw UsageError("lorawb runs: unknown subcommand '" + sub +
                         "'; use list, show, diff or export-csv. Run 'lorawb runs --help' for the options.");
    }
    if (!parser.parse(std::vector<std::string>(args.begin() + 1, args.end())))
        return 0;
    const std::string path = parser.value("--db", RunDatabase::defaultPath());
    if (sub == "list")
        return list(parser, path);
    if (sub == "export-csv")
        return exportCsv(parser, path);
    if (sub == "show")
        return show(parser, path);
    return diff(parser, path);
}

} // namespace core::cli
