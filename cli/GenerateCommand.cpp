// lorawb generate --model DIR [--adapter DIR] --prompt TEXT [--alpaca] [--max-new-tokens N] [--temperature T]
// [--seed S]: text generation with a KV cache, greedy by default.
#include "cli/ArgParser.h"
#include "cli/Commands.h"
#include "cli/JsonOutput.h"
#include "cli/ModelOptions.h"
#include "core/data/PromptTemplate.h"
#include "core/eval/Generation.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace core::cli {
namespace {

const std::string kHelp = std::string(
    "usage: lorawb generate --model DIR [--adapter DIR] --prompt TEXT [--alpaca [--input TEXT]]\n"
    "                       [--max-new-tokens N] [--temperature T] [--top-k K] [--top-p P] [--seed S] [--json]\n"
    "\n"
    "Continues the prompt (after BOS) until EOS or --max-new-tokens and prints the new text.\n"
    "\n") + kModelOptionsHelp +
    "  --prompt TEXT      the prompt, or with --alpaca the instruction\n"
    "  --alpaca           wrap the prompt in the Alpaca template (the prompt part, as training formats records)\n"
    "  --input TEXT       with --alpaca: the record's input (context)\n"
    "  --max-new-tokens N at most N new tokens (default 128)\n"
    "  --temperature T    0 = greedy (default); > 0 samples from softmax(logits / T)\n"
    "  --top-k K          sampling: only the K most likely tokens (default 0: all)\n"
    "  --top-p P          sampling: only the most likely tokens that together reach P (default 1: all)\n"
    "  --seed S           sampling seed (default 42): the same seed gives the same text\n"
    "  --json             one JSON object: {\"prompt\", \"text\", \"tokens\", \"stop_reason\"}\n";

} // namespace

int runGenerate(const std::vector<std::string>& args)
{
    ArgParser parser("generate", kHelp);
    addModelOptions(parser);
    parser.addOption("--prompt", "TEXT");
    parser.addFlag("--alpaca");
    parser.addOption("--input", "TEXT");
    parser.addOption("--max-new-tokens", "N");
    parser.addOption("--temperature", "T");
    parser.addOption("--top-k", "K");
    parser.addOption("--top-p", "P");
    parser.addOption("--seed", "S");
    parser.addFlag("--json");
    if (!parser.parse(args))
        return 0;
    parser.require("--model");
    parser.require("--prompt");
    if (parser.has("--input") && !parser.has("--alpaca"))
        parser.fail("--input needs --alpaca (it is the Alpaca record's input)");
    GenerationOptions options;
    options.maxNewTokens = parser.integer("--max-new-tokens", 128, 1);
    options.temperature = parser.number("--temperature", 0.0);
    options.topK = parser.integer("--top-k", 0, 0);
    options.topP = parser.number("--top-p", 1.0);
    options.seed = parser.unsignedInteger("--seed", 42);
    options.validate(); // before the model loads: a typo should not cost a load

    const std::string prompt = parser.has("--alpaca")
                                   ? PromptTemplate::alpaca().prompt(parser.value("--prompt"), parser.value("--input"))
                                   : parser.value("--prompt");
    LoadedModel loaded = loadModelFromOptions(parser);
    const Generation result = generate(*loaded.model, *loaded.tokenizer, prompt, options);
    if (parser.has("--json")) {
        printJson({{"prompt", prompt},
                   {"text", result.text},
                   {"tokens", result.newIds.size()},
                   {"prompt_tokens", result.promptIds.size()},
                   {"stop_reason", toString(result.stopReason)}});
        return 0;
    }
    std::cout << result.text << std::endl;
    return 0;
}

} // namespace core::cli
