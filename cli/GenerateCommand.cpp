// lorawb generate --model DIR [--adapter DIR] --prompt TEXT [--alpaca | --chat] [--max-new-tokens N] [--temperature T]
// [--seed S]: text generation with a KV cache, greedy by default.
#include "cli/ArgParser.h"
#include "cli/Commands.h"
#include "cli/JsonOutput.h"
#include "cli/ModelOptions.h"
#include "core/data/ChatFormatter.h"
#include "core/data/PromptTemplate.h"
#include "core/eval/Generation.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace core::cli {
namespace {

const std::string kHelp = std::string(
    "usage: lorawb generate --model DIR [--adapter DIR] --prompt TEXT\n"
    "                       [--alpaca [--input TEXT] | --chat [--system TEXT] [--chat-template T]]\n"
    "                       [--max-new-tokens N] [--temperature T] [--top-k K] [--top-p P] [--seed S] [--json]\n"
    "\n"
    "Continues the prompt (after BOS) until EOS or --max-new-tokens and prints the new text.\n"
    "\n") + kModelOptionsHelp +
    "  --prompt TEXT      the prompt, or with --alpaca the instruction\n"
    "  --alpaca           wrap the prompt in the Alpaca template (the prompt part, as training formats records)\n"
    "  --input TEXT       with --alpaca: the record's input (context)\n"
    "  --chat             the prompt as a user message through the model's chat template, with its generation\n"
    "                     prompt (as data.format: messages trains); BOS only where the template writes it\n"
    "  --system TEXT      with --chat: a system message first\n"
    "  --chat-template T  with --chat: model (default: tokenizer_config.json's) or alpaca, chatml, llama3,\n"
    "                     mistral, phi3\n"
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
    parser.addFlag("--chat");
    parser.addOption("--system", "TEXT");
    parser.addOption("--chat-template", "T");
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
    if (parser.has("--chat") && parser.has("--alpaca"))
        parser.fail("--chat and --alpaca are two ways to wrap the prompt; give one");
    if ((parser.has("--system") || parser.has("--chat-template")) && !parser.has("--chat"))
        parser.fail("--system and --chat-template need --chat");
    GenerationOptions options;
    options.maxNewTokens = parser.integer("--max-new-tokens", 128, 1);
    options.temperature = parser.number("--temperature", 0.0);
    options.topK = parser.integer("--top-k", 0, 0);
    options.topP = parser.number("--top-p", 1.0);
    options.seed = parser.unsignedInteger("--seed", 42);
    options.validate(); // before the model loads: a typo should not cost a load

    std::string prompt = parser.has("--alpaca")
                             ? PromptTemplate::alpaca().prompt(parser.value("--prompt"), parser.value("--input"))
                             : parser.value("--prompt");
    LoadedModel loaded = loadModelFromOptions(parser);
    Generation result;
    if (parser.has("--chat")) {
        // The conversation through the chat template, ending in its generation prompt, as a chat model is trained.
        const ChatFormatter formatter = ChatFormatter::forTokenizer(parser.value("--chat-template", "model"),
                                                                    *loaded.tokenizer);
        nlohmann::ordered_json messages = nlohmann::ordered_json::array();
        if (parser.has("--system"))
            messages.push_back({{"role", "system"}, {"content", parser.value("--system")}});
        messages.push_back({{"role", "user"}, {"content", prompt}});
        prompt = formatter.generationPrompt(messages);
        const std::vector<int> ids = encodeChatText(prompt, *loaded.tokenizer);
        result = generateFromIds(*loaded.model, *loaded.tokenizer, std::vector<int64_t>(ids.begin(), ids.end()),
                                 options);
    } else {
        result = generate(*loaded.model, *loaded.tokenizer, prompt, options);
    }
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
