// lorawb data preview FILE [--model DIR] [--index I] [--json] and lorawb data stats FILE --model DIR [--json]: what
// training sees of a dataset, built by the same code as the training examples.
#include "cli/ArgParser.h"
#include "cli/Commands.h"
#include "cli/JsonOutput.h"
#include "core/data/DatasetReader.h"
#include "core/data/DatasetStats.h"
#include "core/data/PreparedData.h"
#include "core/data/RecordPreview.h"
#include "core/data/TaskDataFacts.h"
#include "core/task/TaskConfig.h"
#include "core/tokenizer/TokenizerLoader.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <iostream>

namespace core::cli {
namespace {

const char* const kHelp =
    "usage: lorawb data preview FILE [--model DIR] [--index I] [--json]\n"
    "       lorawb data stats FILE --model DIR [--json]\n"
    "\n"
    "preview: record I (default 0) formatted with the Alpaca template (or, --format messages, the chat template);\n"
    "         with --model also every token with its id, piece and whether it carries loss (*), after\n"
    "         data.max_length. Without --model only the text (chat records need --model).\n"
    "stats:   record count, token lengths (min, median, p95, max, histogram), share of trained tokens, truncated\n"
    "         and dropped records.\n"
    "\n"
    "  --model DIR          model directory whose tokenizer tokenizes (weights are not loaded)\n"
    "  --index I            preview: the record to show, 0-based, counted as in the file (default 0)\n"
    "  --skip-invalid       stats: skip bad records (counted, first reasons shown) instead of stopping\n"
    "  --max-length N       data.max_length: tokens per sequence, BOS and EOS included (default 512)\n"
    "  --overlong P         data.overlong: truncate (default) or drop records longer than --max-length\n"
    "  --train-on-prompt    data.train_on_prompt: the prompt carries loss too (messages: every turn trains)\n"
    "  --format F           alpaca (default), messages (chat records: messages or ShareGPT conversations),\n"
    "                       seq_cls (text [, text_pair], label: the token the SEQ_CLS head reads marked >, and the\n"
    "                       classes with their counts), token_cls (tokens + tags lists or CoNLL columns: each\n"
    "                       word's tag on its first sub-token, and the words per tag), squad (SQuAD JSON or its\n"
    "                       JSONL export: a question's context in windows, the answer's first and last token\n"
    "                       marked S and E; stats counts windows), pairs (query, positive [, negative]: each\n"
    "                       text's tokens as embedding reads them; stats counts the hard negatives) or, for stats,\n"
    "                       text\n"
    "  --doc-stride N       squad: context tokens consecutive windows share (task.doc_stride, default 128)\n"
    "  --chat-template T    messages: model (the model's own, default) or alpaca, chatml, llama3, mistral, phi3\n"
    "  --json               one JSON object on stdout\n";

std::unique_ptr<Tokenizer> tokenizerOf(const std::string& modelDir)
{
    LORAWB_CHECK(std::filesystem::is_directory(modelDir), modelDir,
                 ": model directory not found. --model names a Hugging Face model directory holding tokenizer.json or "
                 "tokenizer.model.");
    return loadTokenizer(modelDir);
}

int preview(const ArgParser& parser, const DataConfig& cfg)
{
    if (cfg.format == DataFormat::Text)
        parser.fail("preview shows Alpaca, chat, seq_cls, token_cls, squad or pairs records; --format text is for "
                    "stats");
    // --index counts records as they stand in the file (bad ones included), so a preview works beside a broken record.
    const int64_t index = parser.integer("--index", 0, 0);
    std::unique_ptr<Tokenizer> tok;
    if (parser.has("--model"))
        tok = tokenizerOf(parser.value("--model"));
    const RecordPreview view =
        previewFileRecord(cfg, index, tok.get(), parser.integer("--doc-stride", TaskConfig().docStride, 0));
    if (parser.has("--json")) {
        nlohmann::json out = toJson(view);
        out["file"] = cfg.path;
        printJson(out);
    } else {
        std::cout << formatPreview(view);
    }
    return 0;
}

int stats(const ArgParser& parser, DataConfig cfg)
{
    if (!parser.has("--model"))
        parser.fail("stats needs --model DIR (its tokenizer counts the tokens)");
    if (parser.has("--index"))
        parser.fail("--index is for preview");
    const auto tok = tokenizerOf(parser.value("--model"));
    TaskConfig task;
    task.docStride = parser.integer("--doc-stride", task.docStride, 0);
    const PreparedData data = prepareData(cfg, *tok, task);
    const DatasetStats result = computeStats(data.train, data.validation, data.report);
    const TaskDataFacts facts = taskDataFacts(data);
    const char* unit = facts.perWord ? "words" : "records";
    if (parser.has("--json")) {
        nlohmann::json out = toJson(result);
        out["file"] = cfg.path;
        if (facts.pairs > 0) {
            out["pairs"] = facts.pairs;
            out["with_negative"] = facts.withNegative;
        }
        if (facts.questions) {
            out["questions"] = facts.questionCount;
            out["windows_with_answer"] = facts.windowsWithAnswer;
        } else if (!data.classes.empty()) {
            if (facts.hasProblemType)
                out["problem_type"] = toString(facts.problemType);
            out["classes"] = nlohmann::json::array();
            for (const auto& [name, count] : facts.classes)
                out["classes"].push_back({{"label", name}, {unit, count}});
        }
        printJson(out);
    } else {
        std::cout << cfg.path << "\n" << formatStats(result);
        if (facts.questions)
            std::cout << facts.questionCount << " questions; " << facts.windowsWithAnswer << " of " << facts.windows
                      << " windows hold their question's answer\n";
        else if (facts.pairs > 0)
            std::cout << facts.pairs << " pairs (token counts above are the queries'), " << facts.withNegative
                      << " with a hard negative\n";
        else if (facts.hasProblemType)
            std::cout << "problem type: " << toString(facts.problemType) << "\n";
        for (const auto& [name, count] : facts.classes)
            std::cout << (facts.perWord ? "tag " : "class ") << name << ": " << count << " " << unit << "\n";
        for (const auto& warning : data.report.warnings)
            std::cout << "warning: " << warning << "\n";
        for (const auto& reason : data.report.firstSkipReasons)
            std::cout << "skipped: " << reason << "\n";
    }
    return 0;
}

} // namespace

int runData(const std::vector<std::string>& args)
{
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        (args.empty() ? std::cerr : std::cout) << kHelp;
        if (args.empty())
            throw UsageError("lorawb data: give a subcommand, preview or stats (see above)");
        return 0;
    }
    const std::string sub = args[0];
    if (sub != "preview" && sub != "stats")
        throw UsageError("lorawb data: unknown subcommand '" + sub + "'; use preview or stats. Run 'lorawb data "
                         "--help' for the options.");
    ArgParser parser("data " + sub, kHelp);
    parser.addPositional("FILE");
    parser.addOption("--model", "DIR");
    parser.addOption("--index", "I");
    parser.addOption("--max-length", "N");
    parser.addOption("--overlong", "P");
    parser.addOption("--format", "F");
    parser.addOption("--doc-stride", "N");
    parser.addOption("--chat-template", "T");
    parser.addFlag("--train-on-prompt");
    parser.addFlag("--skip-invalid");
    parser.addFlag("--json");
    if (!parser.parse(std::vector<std::string>(args.begin() + 1, args.end())))
        return 0;
    DataConfig cfg;
    cfg.path = parser.value("FILE");
    const int64_t maxLength = parser.integer("--max-length", cfg.maxLength, 2);
    if (maxLength > 1'000'000'000)
        parser.fail("--max-length " + std::to_string(maxLength) + " is too large");
    cfg.maxLength = static_cast<int>(maxLength);
    cfg.overlong = parseOverlongPolicy(parser.value("--overlong", "truncate"), "--overlong");
    cfg.trainOnPrompt = parser.has("--train-on-prompt");
    cfg.skipInvalid = parser.has("--skip-invalid");
    cfg.format = parseDataFormat(parser.value("--format", "alpaca"), "--format");
    if (parser.has("--chat-template")) {
        if (cfg.format != DataFormat::Messages)
            parser.fail("--chat-template is for --format messages");
        cfg.chatTemplate = parser.value("--chat-template");
    }
    cfg.validate();
    return sub == "preview" ? preview(parser, cfg) : stats(parser, cfg);
}

} // namespace core::cli
