// lorawb export (merged | gguf | gguf-lora | modelfile): the trained adapter turned into what users run — a merged
// Hugging Face folder, GGUF files for llama.cpp and Ollama, an Ollama Modelfile. Ctrl-C cancels between tensors and
// removes the partial output.
#include "cli/ArgParser.h"
#include "cli/Commands.h"
#include "cli/JsonOutput.h"
#include "cli/SignalStop.h"
#include "core/export/GgufModelExport.h"
#include "core/export/MergedModelExport.h"
#include "core/export/OllamaModelfile.h"
#include "core/export/ShardPlan.h"

#include <nlohmann/json.hpp>

#include <iomanip>
#include <iostream>

namespace core::cli {
namespace {

const char* const kHelp =
    "usage: lorawb export merged --model DIR --adapter DIR --output DIR [--dtype bf16|f16|f32|auto]\n"
    "                            [--max-shard-size 5GB] [--overwrite] [--json]\n"
    "       lorawb export gguf --model DIR [--adapter DIR] --output FILE [--type f32|f16|bf16|q8_0|q4_0]\n"
    "                          [--overwrite] [--json]\n"
    "       lorawb export gguf-lora --model DIR --adapter DIR --output FILE [--overwrite] [--json]\n"
    "       lorawb export modelfile --gguf FILE [--adapter-gguf FILE] --output FILE [--model DIR] [--overwrite]\n"
    "                               [--json]\n"
    "\n"
    "merged:    base + adapter merged (as PEFT's merge_and_unload) into a Hugging Face model folder: config.json,\n"
    "           generation_config.json, safetensors shards (+ model.safetensors.index.json), the tokenizer files\n"
    "           and a model card. --dtype auto keeps the base's dtype. Loads in transformers, vLLM and TGI.\n"
    "gguf:      the (merged) model as one GGUF v3 file for llama.cpp and Ollama; --type f16 by default.\n"
    "gguf-lora: the adapter alone as a GGUF LoRA file (llama.cpp --lora, Ollama ADAPTER) for the base's GGUF.\n"
    "modelfile: an Ollama Modelfile: FROM the GGUF, ADAPTER the GGUF-LoRA, TEMPLATE from the chat template of\n"
    "           --model's tokenizer_config.json (or the Alpaca prompt the training used), PARAMETER stop.\n"
    "\n"
    "An existing output is refused unless --overwrite; --overwrite replaces only what an earlier export wrote.\n"
    "A failed or cancelled export (Ctrl-C) removes its partial output.\n"
    "  --json   one JSON object on stdout: {\"kind\", \"output\", \"files\": [{\"path\", \"bytes\"}], \"total_bytes\"}\n";

nlohmann::json reportJson(const ExportReport& report)
{
    nlohmann::json files = nlohmann::json::array();
    for (const auto& f : report.files)
        files.push_back({{"path", f.path}, {"bytes", f.bytes}});
    return {{"kind", report.kind},       {"output", report.output},      {"files", files},
            {"total_bytes", report.totalBytes()}, {"warnings", report.warnings}};
}

// Progress on stderr, a line per tenth, so scripts that read stdout see only the result.
ExportControl progressOnStderr(RunControl& run)
{
    ExportControl control;
    auto lastTenth = std::make_shared<int>(-1);
    control.onProgress = [lastTenth](const ExportProgressReport& p) {
        const int tenth = int(p.fraction * 10);
        if (tenth != *lastTenth) {
            *lastTenth = tenth;
            std::cerr << "export: " << tenth * 10 << "% " << p.what << "\n";
        }
    };
    control.isCancelled = [&run] { return run.stopRequested(); };
    return control;
}

int finish(const ArgParser& parser, const ExportReport& report)
{
    for (const auto& warning : report.warnings)
        std::cerr << "warning: " << warning << "\n";
    if (parser.has("--json")) {
        printJson(reportJson(report));
        return 0;
    }
    std::cout << report.kind << " export written to: " << report.output << "\n";
    for (const auto& f : report.files)
        std::cout << "  " << std::setw(14) << f.bytes << "  " << f.path << "\n";
    return 0;
}

ArgParser parserFor(const std::string& kind)
{
    ArgParser parser("export " + kind, kHelp);
    parser.addOption("--output", "PATH");
    parser.addFlag("--overwrite");
    parser.addFlag("--json");
    return parser;
}

int runMerged(const std::vector<std::string>& args)
{
    ArgParser parser = parserFor("merged");
    parser.addOption("--model", "DIR");
    parser.addOption("--adapter", "DIR");
    parser.addOption("--dtype", "TYPE");
    parser.addOption("--max-shard-size", "SIZE");
    if (!parser.parse(args))
        return 0;
    for (const char* name : {"--model", "--adapter", "--output"})
        parser.require(name);
    MergedExportOptions options;
    options.dtype = parser.value("--dtype", "auto");
    options.overwrite = parser.has("--overwrite");
    if (parser.has("--max-shard-size"))
        options.maxShardBytes = parseShardSize(parser.value("--max-shard-size"), "--max-shard-size");
    RunControl run;
    SignalStop signals(run);
    return finish(parser, exportMergedModel(parser.value("--model"), parser.value("--adapter"),
                                            parser.value("--output"), options, progressOnStderr(run)));
}

int runGguf(const std::vector<std::string>& args)
{
    ArgParser parser = parserFor("gguf");
    parser.addOption("--model", "DIR");
    parser.addOption("--adapter", "DIR");
    parser.addOption("--type", "TYPE");
    if (!parser.parse(args))
        return 0;
    parser.require("--model");
    parser.require("--output");
    GgufExportOptions options;
    options.type = parseGgufFileType(parser.value("--type", "f16"), "--type");
    options.overwrite = parser.has("--overwrite");
    RunControl run;
    SignalStop signals(run);
    return finish(parser, exportGgufModel(parser.value("--model"), parser.value("--adapter"),
                                          parser.value("--output"), options, progressOnStderr(run)));
}

int runGgufLora(const std::vector<std::string>& args)
{
    ArgParser parser = parserFor("gguf-lora");
    parser.addOption("--model", "DIR");
    parser.addOption("--adapter", "DIR");
    if (!parser.parse(args))
        return 0;
    for (const char* name : {"--model", "--adapter", "--output"})
        parser.require(name);
    RunControl run;
    SignalStop signals(run);
    return finish(parser, exportGgufLora(parser.value("--model"), parser.value("--adapter"), parser.value("--output"),
                                         parser.has("--overwrite"), progressOnStderr(run)));
}

int runModelfile(const std::vector<std::string>& args)
{
    ArgParser parser = parserFor("modelfile");
    parser.addOption("--gguf", "FILE");
    parser.addOption("--adapter-gguf", "FILE");
    parser.addOption("--model", "DIR");
    if (!parser.parse(args))
        return 0;
    parser.require("--gguf");
    parser.require("--output");
    ModelfileOptions options;
    options.ggufPath = parser.value("--gguf");
    options.adapterGgufPath = parser.value("--adapter-gguf");
    options.modelDir = parser.value("--model");
    options.overwrite = parser.has("--overwrite");
    return finish(parser, writeOllamaModelfile(parser.value("--output"), options));
}

} // namespace

int runExport(const std::vector<std::string>& args)
{
    const std::string kind = args.empty() ? "" : args[0];
    const std::vector<std::string> rest(args.begin() + (args.empty() ? 0 : 1), args.end());
    if (kind == "merged")
        return runMerged(rest);
    if (kind == "gguf")
        return runGguf(rest);
    if (kind == "gguf-lora")
        return runGgufLora(rest);
    if (kind == "modelfile")
        return runModelfile(rest);
    if (kind == "--help" || kind == "-h") {
        std::cout << kHelp;
        return 0;
    }
    throw UsageError("lorawb export: " + (kind.empty() ? std::string("say what to export") : "unknown kind '" + kind + "'") +
                     ": merged, gguf, gguf-lora or modelfile. Run 'lorawb export --help'.");
}

} // namespace core::cli
