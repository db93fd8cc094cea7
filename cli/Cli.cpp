#include "cli/Cli.h"

#include "cli/ArgParser.h"
#include "cli/Commands.h"
#include "core/common/Error.h"
#include "core/common/Version.h"

#include <c10/util/Exception.h>

#include <iostream>
#include <new>

namespace core::cli {
namespace {

const char* const kHelp =
    "lorawb — LoRA Workbench on the command line: LoRA fine-tuning of LLaMA-family models.\n"
    "\n"
    "usage: lorawb <command> [options]\n"
    "\n"
    "commands:\n"
    "  info MODEL_DIR [--json]                  architecture, parameters, dtype, every linear module\n"
    "  train EXPERIMENT.yaml [--set key=value]... [--output DIR] [--resume]\n"
    "                                           train; writes checkpoints and the PEFT adapter\n"
    "  eval --model DIR [--adapter DIR] (--text FILE | --data FILE) [--json]\n"
    "                                           loss and perplexity; with --data also exact-match accuracy\n"
    "  embed --model DIR [--adapter DIR] --input FILE --output FILE.npy|.jsonl [--pooling mean|last]\n"
    "                                           sentence embeddings of every text of a file\n"
    "  generate --model DIR [--adapter DIR] --prompt TEXT [--alpaca] [--max-new-tokens N] [--temperature T]\n"
    "                                           text generation\n"
    "  data preview FILE [--model DIR] [--index I] [--json]\n"
    "  data stats FILE --model DIR [--json]     what training sees: formatted records, tokens, statistics\n"
    "  bench (--model DIR | --config NAME) --batch B --seq T --steps N [--device cpu|cuda] [--json]\n"
    "                                           LoRA training throughput and peak memory on random tokens\n"
    "  rank (--matrix TEXT | --model DIR --adapter DIR [--truncate-eval FILE]) [--json]\n"
    "                                           rank, basis and dependencies of a matrix; ΔW spectra of an adapter;\n"
    "                                           loss and accuracy with the adapter cut to rank k\n"
    "  forgetting --model DIR [--adapter DIR] --retain FILE [--task FILE]... [--json]\n"
    "  forgetting EXPERIMENT.yaml [--compare-full] [--ranks R,R,...] [--set key=value]... [--json]\n"
    "                                           retain perplexity, KL from the base, task accuracy; adapter on/off\n"
    "  sweep SWEEP.yaml [--db FILE] [--json]    run (or resume) a grid of experiments, recorded in the run history\n"
    "  runs (list | show ID | diff ID ID | export-csv [FILE]) [--db FILE] [--json]\n"
    "                                           the run history\n"
    "  export merged --model DIR --adapter DIR --output DIR [--dtype bf16|f16|f32] [--max-shard-size 5GB]\n"
    "  export gguf --model DIR [--adapter DIR] --output FILE [--type f32|f16|bf16|q8_0|q4_0]\n"
    "  export gguf-lora --model DIR --adapter DIR --output FILE\n"
    "  export modelfile --gguf FILE [--adapter-gguf FILE] --output FILE\n"
    "                                           merged Hugging Face model, GGUF, GGUF-LoRA, Ollama Modelfile\n"
    "  tokenize --model DIR (--text TEXT | --file FILE) [--no-special-tokens] [--json]\n"
    "                                           the ids and pieces of a text under the model's own tokenizer\n"
    "  settings [KEY] [--json | --markdown]     every experiment-file key: type, default, what it does\n"
    "  --version                                version, libtorch version, CUDA availability\n"
    "\n"
    "Run 'lorawb <command> --help' for a command's options.\n"
    "Exit status: 0 success, 2 bad input or usage (the message says what to fix), 1 any other failure.\n";

std::string versionText()
{
    return "lorawb " + versionString() + " (libtorch " + torchVersionString() + ", CUDA " +
           (cudaAvailable() ? "available: " + cudaDeviceSummary() : std::string("not available")) + ")\n";
}

int dispatch(const std::vector<std::string>& args)
{
    if (args.empty()) {
        std::cerr << kHelp;
        return kExitBadInput;
    }
    const std::string& command = args[0];
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (command == "--version" || command == "version") {
        std::cout << versionText();
        return kExitOk;
    }
    if (command == "--help" || command == "-h" || command == "help") {
        std::cout << kHelp;
        return kExitOk;
    }
    if (command == "info")
        return runInfo(rest);
    if (command == "train")
        return runTrain(rest);
    if (command == "eval")
        return runEval(rest);
    if (command == "embed")
        return runEmbed(rest);
    if (command == "generate")
        return runGenerate(rest);
    if (command == "data")
        return runData(rest);
    if (command == "bench")
        return runBench(rest);
    if (command == "rank")
        return runRank(rest);
    if (command == "forgetting")
        return runForgetting(rest);
    if (command == "sweep")
        return runSweep(rest);
    if (command == "runs")
        return runRuns(rest);
    if (command == "export")
        return runExport(rest);
    if (command == "tokenize")
        return runTokenize(rest);
    if (command == "settings")
        return runSettings(rest);
    throw UsageError("lorawb: unknown " + std::string(command.rfind("-", 0) == 0 ? "option" : "command") + " '" +
                     command + "'. Commands: info, train, eval, embed, generate, data, bench, rank, forgetting, sweep, runs, export, tokenize, settings; run 'lorawb --help'.");
}

// What to do about an out-of-memory condition, per command.
std::string memoryHint(const std::string& command)
{
    if (command == "bench")
        return "lower --batch or --seq";
    if (command == "eval" || command == "generate" || command == "embed")
        return "use a smaller model, or --device cpu";
    return "lower train.batch_size or data.max_length";
}

bool mentionsOutOfMemory(const std::string& text)
{
    return text.find("out of memory") != std::string::npos || text.find("can't allocate memory") != std::string::npos;
}

} // namespace

int run(const std::vector<std::string>& args)
{
    const std::string command = args.empty() ? "" : args[0];
    try {
        return dispatch(args);
    } catch (const core::Error& e) {
        std::cerr << "error: " << e.what() << "\n";
        return kExitBadInput;
    } catch (const c10::Error& e) {
        const std::string text = e.what_without_backtrace();
        if (mentionsOutOfMemory(text)) {
            const bool gpu = text.find("CUDA") != std::string::npos || text.find("GPU") != std::string::npos;
            std::cerr << "error: out of " << (gpu ? "GPU memory" : "memory") << ": " << memoryHint(command) << " ("
                      << text.substr(0, text.find('\n')) << ")\n";
            return kExitBadInput;
        }
        std::cerr << "error: " << text << "\n";
        return kExitFailure;
    } catch (const core::InternalError& e) {
        std::cerr << "error: " << e.what() << "\nThis is a bug in LoRA Workbench; please report it.\n";
        return kExitFailure;
    } catch (const std::bad_alloc&) {
        std::cerr << "error: out of memory: " << memoryHint(command) << ".\n";
        return kExitFailure;
    } catch (const std::exception& e) {
        std::cerr << "error: " << e.what() << "\n";
        return kExitFailure;
    } catch (...) {
        std::cerr << "error: an unknown exception ended lorawb " << command << ".\n";
        return kExitFailure;
    }
}

} // namespace core::cli
