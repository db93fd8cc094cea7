// lorawb forgetting: catastrophic forgetting, measured. Two forms share the command:
//   lorawb forgetting --model DIR [--adapter DIR] --retain FILE [--task FILE]...   measures a trained adapter against
//       its base: retain-set perplexity, KL from the base, max |Δlogit|, task accuracy, with the adapter on and off.
//   lorawb forgetting EXPERIMENT.yaml …   trains with the probe watching (ForgettingExperimentCommand.cpp).
#include "cli/ArgParser.h"
#include "cli/Commands.h"
#include "cli/JsonOutput.h"
#include "cli/ModelOptions.h"
#include "cli/ProbeJson.h"
#include "core/common/Text.h"
#include "core/eval/ForgettingProbe.h"
#include "core/lora/AdapterIO.h"
#include "core/model/DeviceSelection.h"
#include "core/run/ProbeText.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <set>
#include <unistd.h>

namespace core::cli {

// The experiment form, in ForgettingExperimentCommand.cpp: gets every argument after "forgetting".
int runForgettingExperiment(const std::vector<std::string>& args);

namespace {

const std::string kHelp = std::string(
    "usage: lorawb forgetting --model DIR [--adapter DIR] --retain FILE [--task FILE]... [--max-retain-tokens N]\n"
    "                         [--accuracy-limit N] [--device D] [--json]\n"
    "       lorawb forgetting EXPERIMENT.yaml [--compare-full] [--set key=value]... [--json]\n"
    "\n"
    "How much a fine-tuned model forgot. The base model is measured first: its next-token distributions on the\n"
    "retain text (text it knows) and its exact-match accuracy on each --task (tasks it could do). With --adapter the\n"
    "same is measured with the adapter on and with it switched off, each compared with the base:\n"
    "  retain loss / ppl   mean next-token cross-entropy on the retain text and its perplexity\n"
    "  KL from base        mean over the retain tokens of KL(p_base || p_model), nats (0: same predictions)\n"
    "  max |dlogit|        the largest logit difference from the base (0: exactly the base)\n"
    "With bias \"none\" the adapter switched off gives back the base exactly; with bias \"all\" or \"lora_only\" the\n"
    "biases it trained stay, and it does not.\n"
    "\n") + kModelOptionsHelp +
    "  --retain FILE          UTF-8 text the base model knows (the demo: resources/demo/retain.txt)\n"
    "  --task FILE            Alpaca records (JSON array, JSONL or CSV) of a task to track; repeatable\n"
    "  --max-retain-tokens N  score the first N tokens of the retain text (default 2048; fewer for a large\n"
    "                         vocabulary, to bound the memory the base's logits take)\n"
    "  --accuracy-limit N     the first N records of each task (default 50; 0: all)\n"
    "  --json                 one JSON object: {\"base\", \"adapter\", \"adapter_off\", \"off_equals_base\",\n"
    "                         \"bias\"}, each measurement {\"retain_loss\", \"retain_perplexity\", \"kl_from_base\",\n"
    "                         \"max_abs_logit_diff\", \"retain_tokens\", \"tasks\": [{\"name\", \"path\",\n"
    "                         \"records\", \"correct\", \"accuracy\"}]}\n";

// The experiment form is told by its first positional argument: an experiment file. The values of options are
// skipped, so that "--retain notes.yaml" stays the measuring form.
bool isExperimentForm(const std::vector<std::string>& args)
{
    static const std::set<std::string> takesValue{"--model", "--adapter", "--retain", "--task",
                                                  "--max-retain-tokens", "--accuracy-limit", "--device", "--dtype",
                                                  "--set", "--output", "--db", "--ranks"};
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "--")
            return i + 1 < args.size() && (endsWith(args[i + 1], ".yaml") || endsWith(args[i + 1], ".yml"));
        if (arg.size() >= 2 && arg[0] == '-') {
            if (takesValue.count(arg)) // "--model=DIR" carries its value itself
                ++i;
            continue;
        }
        return endsWith(arg, ".yaml") || endsWith(arg, ".yml");
    }
    return false;
}

std::string number(const char* format, double value)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, format, value);
    return buffer;
}

// Pads to `width` characters (UTF-8 code points, so that "Δ" counts once).
std::string padded(const std::string& text, size_t width, bool right)
{
    size_t chars = 0;
    for (const unsigned char c : text)
        chars += (c & 0xC0) != 0x80 ? 1 : 0;
    const std::string fill(width > chars ? width - chars : 0, ' ');
    return right ? fill + text : text + fill;
}

void printTable(const std::vector<std::pair<std::string, const ProbeResult*>>& rows)
{
    const ProbeResult& first = *rows.front().second;
    std::vector<size_t> taskWidths;
    std::string header = padded("", 12, false) + padded("retain loss", 13, true) + padded("retain ppl", 13, true) +
                         padded("KL from base", 14, true) + padded("max |Δlogit|", 14, true);
    for (const TaskScore& t : first.tasks) {
        taskWidths.push_back(std::max<size_t>(t.name.size(), 16) + 2);
        header += padded(t.name, taskWidths.back(), true);
    }
    std::cout << header << "\n";
    for (const auto& [label, r] : rows) {
        std::string line = padded(label, 12, false) + padded(number("%.6f", r->retainLoss), 13, true) +
                           padded(number("%.4f", r->retainPerplexity), 13, true) +
                           padded(number("%.6g", r->klFromBase), 14, true) +
                           padded(number("%.6g", r->maxAbsLogitDiff), 14, true);
        for (size_t i = 0; i < r->tasks.size(); ++i) {
            const TaskScore& t = r->tasks[i];
            line += padded(number("%.3f", t.accuracy) + " (" + std::to_string(t.correct) + "/" +
                               std::to_string(t.records) + ")",
                           taskWidths[i], true);
        }
        std::cout << line << "\n";
    }
}

// The base model without the adapter: the probe must see it first (loadModelFromOptions would apply --adapter).
LoadedModel loadBase(const ArgParser& parser)
{
    LoadOptions options;
    options.device = parser.value("--device", "auto");
    options.dtype = parser.value("--dtype", "auto");
    // Resolved here first so that a message names the option the user typed.
    const c10::Device device = resolveDevice(options.device, "--device");
    (void)resolveDtype(options.dtype, device, "--dtype");
    return loadModel(parser.value("--model"), options);
}

int runMeasure(const std::vector<std::string>& args)
{
    ArgParser parser("forgetting", kHelp);
    addModelOptions(parser);
    parser.addOption("--retain", "FILE");
    parser.addRepeated("--task", "FILE");
    parser.addOption("--max-retain-tokens", "N");
    parser.addOption("--accuracy-limit", "N");
    parser.addFlag("--json");
    if (!parser.parse(args))
        return 0;
    parser.require("--model");
    parser.require("--retain");
    ForgettingProbeOptions options;
    options.retainPath = parser.value("--retain");
    options.taskPaths = parser.values("--task");
    options.maxRetainTokens = parser.integer("--max-retain-tokens", options.maxRetainTokens, 1);
    options.accuracyLimit = parser.integer("--accuracy-limit", options.accuracyLimit, 0);
    const bool json = parser.has("--json");
    const bool showProgress = !json && isatty(STDERR_FILENO);
    const auto progress = [&](const char* what) {
        if (showProgress)
            std::cerr << "measuring " << what << "…\n" << std::flush;
    };

    LoadedModel loaded = loadBase(parser);
    progress("the base model");
    const ForgettingProbe probe(*loaded.model, *loaded.tokenizer, options);
    nlohmann::json out = {{"model", parser.value("--model")}, {"retain", options.retainPath},
                          {"base", probeJson(probe.base())}, {"adapter", nullptr}, {"adapter_off", nullptr},
                          {"off_equals_base", nullptr}, {"bias", nullptr}, {"adapter_dir", nullptr}};
    std::vector<std::pair<std::string, const ProbeResult*>> rows{{"base", &probe.base()}};
    ProbeResult on, off;
    std::string verdict;
    if (parser.has("--adapter")) {
        const LoraConfig cfg = loadAdapterTellingWhy(*loaded.model, parser.value("--adapter"));
        progress("with the adapter on");
        on = probe.measure(*loaded.model);
        progress("with the adapter off");
        off = probe.measureAdapterOff(*loaded.model);
        verdict = adapterOffVerdict(probe.base(), off, cfg);
        rows.emplace_back("adapter on", &on);
        rows.emplace_back("adapter off", &off);
        out["adapter_dir"] = parser.value("--adapter");
        out["adapter"] = probeJson(on);
        out["adapter_off"] = probeJson(off);
        out["off_equals_base"] = off.maxAbsLogitDiff == 0;
        out["bias"] = toString(cfg.bias);
        out["verdict"] = verdict;
    }

    if (json) {
        printJson(out);
        return 0;
    }
    std::cout << "retain: " << options.retainPath << " (" << probe.base().retainTokens << " predicted tokens)\n";
    printTable(rows);
    if (!verdict.empty())
        std::cout << verdict << "\n";
    return 0;
}

} // namespace

int runForgetting(const std::vector<std::string>& args)
{
    if (isExperimentForm(args))
        return runForgettingExperiment(args);
    return runMeasure(args);
}

} // namespace core::cli
