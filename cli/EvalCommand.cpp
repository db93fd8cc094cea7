// lorawb eval --model DIR [--adapter DIR] (--text FILE | --data FILE) [--json] [--limit N]: mean next-token loss and
// perplexity; with --data also the exact-match accuracy of greedy answers.
#include "cli/ArgParser.h"
#include "cli/ClassificationEval.h"
#include "cli/Commands.h"
#include "cli/EvalDataOptions.h"
#include "cli/FeatureExtractionEval.h"
#include "cli/JsonOutput.h"
#include "cli/ModelOptions.h"
#include "cli/QuestionAnsweringEval.h"
#include "cli/TokenClassificationEval.h"
#include "core/data/DatasetReader.h"
#include "core/data/PromptTemplate.h"
#include "core/eval/Perplexity.h"
#include "core/eval/TaskAccuracy.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iomanip>
#include <iostream>
#include <unistd.h>

namespace core::cli {
namespace {

const std::string kHelp = std::string(
    "usage: lorawb eval --model DIR [--adapter DIR] (--text FILE | --data FILE) [--json] [--limit N]\n"
    "\n"
    "--text FILE: BOS + the tokens of the whole file, in consecutive windows of max_position_embeddings tokens; the\n"
    "             mean cross-entropy over every predicted token and its perplexity.\n"
    "--data FILE: Alpaca records (JSON array, JSONL or CSV) in the standard template; the loss over the response\n"
    "             tokens and EOS, and the share of records whose greedy answer equals the output exactly (surrounding\n"
    "             whitespace ignored).\n"
    "             With a SEQ_CLS adapter: seq_cls records (text [, text_pair], label; --columns maps other names)\n"
    "             scored by its head: loss, accuracy, macro-F1 and the confusion matrix (multi-label: subset\n"
    "             accuracy and micro-F1; regression: mean squared error).\n"
    "             With a TOKEN_CLS adapter: token_cls records (tokens + tags lists, or CoNLL columns) tagged by its\n"
    "             head: loss, tag accuracy and seqeval's entity precision / recall / F1, overall and per type.\n"
    "             With a QUESTION_ANS adapter: a SQuAD v1.1 / v2.0 file (or its JSONL export), each question cut\n"
    "             into windows of --max-length tokens: loss, and the official SQuAD exact match and F1 (percent).\n"
    "             With a FEATURE_EXTRACTION adapter (or --pooling, for the base model): pairs records (query,\n"
    "             positive [, negative]); every query searches all the file's positives and negatives by cosine\n"
    "             similarity: the in-batch contrastive loss, recall@1, recall@10 and MRR of its own positive.\n"
    "\n") + kModelOptionsHelp +
    "  --text FILE        plain UTF-8 text\n"
    "  --data FILE        Alpaca records\n"
    "  --limit N          only the first N records of --data (0: all)\n"
    "  --loss-only        --data without the accuracy (no generation)\n"
    "  --batch-size N     sequences per forward pass (default 8)\n"
    "  --columns MAP      SEQ_CLS / TOKEN_CLS / pairs: file column=field pairs, e.g. sentence=text,category=label\n"
    "  --max-length N     SEQ_CLS / TOKEN_CLS: tokens per record (default 512); QUESTION_ANS: per window (384);\n"
    "                     FEATURE_EXTRACTION: per text (512)\n"
    "  --doc-stride N     QUESTION_ANS: context tokens shared by consecutive windows (default 128)\n"
    "  --max-answer-length N  QUESTION_ANS: the longest answer in tokens (default 30)\n"
    "  --pooling P        FEATURE_EXTRACTION: mean or last (default: the adapter's, as trained; else mean)\n"
    "  --temperature T    FEATURE_EXTRACTION: the loss's temperature (default: the adapter's, else 0.05)\n"
    "  --predictions FILE SEQ_CLS: one JSON line per record: record, input_ids, logits, predicted, label;\n"
    "                     TOKEN_CLS: record, input_ids, predicted and label (a tag per scored word);\n"
    "                     QUESTION_ANS: one JSON object {question id: answer}, the SQuAD script's input\n"
    "  --json             one JSON object on stdout: {\"loss\", \"perplexity\", \"tokens\"} (+ \"accuracy\", \"correct\",\n"
    "                     \"records\" with --data)\n";

} // namespace

int runEval(const std::vector<std::string>& args)
{
    ArgParser parser("eval", kHelp);
    addModelOptions(parser);
    parser.addOption("--text", "FILE");
    parser.addOption("--data", "FILE");
    parser.addOption("--limit", "N");
    parser.addOption("--batch-size", "N");
    parser.addFlag("--loss-only");
    parser.addOption("--columns", "MAP");
    parser.addOption("--max-length", "N");
    parser.addOption("--predictions", "FILE");
    parser.addOption("--doc-stride", "N");
    parser.addOption("--max-answer-length", "N");
    parser.addOption("--pooling", "P");
    parser.addOption("--temperature", "T");
    parser.addFlag("--json");
    if (!parser.parse(args))
        return 0;
    parser.require("--model");
    parser.requireOneOf({"--text", "--data"});
    const int64_t limit = parser.integer("--limit", 0, 0);
    PerplexityOptions options;
    options.batchSize = parser.integer("--batch-size", 8, 1);
    if (parser.has("--limit") && parser.has("--text"))
        parser.fail("--limit applies to --data records only");

    LoraConfig adapter;
    LoadedModel loaded = loadModelFromOptions(parser, &adapter);
    if (parser.has("--adapter") && adapter.taskType == TaskType::SeqCls)
        return runClassificationEval(parser, loaded, adapter, limit, options.batchSize);
    if (parser.has("--adapter") && adapter.taskType == TaskType::TokenCls)
        return runTokenClassificationEval(parser, loaded, adapter, limit, options.batchSize);
    if (parser.has("--adapter") && adapter.taskType == TaskType::QuestionAns)
        return runQuestionAnsweringEval(parser, loaded, limit, options.batchSize);
    if (parser.has("--adapter") && adapter.taskType == TaskType::FeatureExtraction)
        return runFeatureExtractionEval(parser, loaded, &adapter, limit, options.batchSize);
    if (parser.has("--pooling"))
        return runFeatureExtractionEval(parser, loaded, nullptr, limit, options.batchSize);
    if (parser.has("--temperature"))
        parser.fail("--temperature applies to FEATURE_EXTRACTION adapters (or --pooling) only");
    if (parser.has("--doc-stride") || parser.has("--max-answer-length"))
        parser.fail("--doc-stride and --max-answer-length apply to QUESTION_ANS adapters only");
    if (parser.has("--columns") || parser.has("--max-length") || parser.has("--predictions"))
        parser.fail("--columns, --max-length and --predictions apply to SEQ_CLS, TOKEN_CLS, QUESTION_ANS and "
                    "FEATURE_EXTRACTION adapters only");
    // Progress on a terminal only (stderr): a long text or dataset takes minutes on a CPU; scripts see nothing extra.
    const bool showProgress = isatty(STDERR_FILENO);
    if (showProgress)
        options.onProgress = [](int64_t done, int64_t total) {
            std::cerr << "\rloss: " << done << "/" << total << " sequences" << (done == total ? "\n" : "")
                      << std::flush;
        };
    nlohmann::json out;
    if (parser.has("--text")) {
        if (showProgress) // tokenizing comes first and takes a while for a long text (~1 min for 45 MB here)
            std::cerr << "tokenizing " << parser.value("--text") << "…" << std::endl;
        const PerplexityResult result = textFilePerplexity(*loaded.model, *loaded.tokenizer, parser.value("--text"),
                                                           /*windowLength=*/0, options);
        out = {{"loss", result.loss}, {"perplexity", result.perplexity}, {"tokens", result.tokens},
               {"windows", result.sequences}};
    } else {
        const std::string path = parser.value("--data");
        const PerplexityResult result = datasetPerplexity(*loaded.model, *loaded.tokenizer, path, limit, options);
        out = {{"loss", result.loss}, {"perplexity", result.perplexity}, {"tokens", result.tokens}};
        if (!parser.has("--loss-only")) {
            const RecordSet records = readAlpacaRecords(path, DataConfig{});
            AccuracyOptions accuracyOptions;
            accuracyOptions.limit = limit;
            const AccuracyResult accuracy = exactMatchAccuracy(
                *loaded.model, *loaded.tokenizer, records.records, PromptTemplate::alpaca(), accuracyOptions,
                [&](int64_t done, int64_t total) {
                    if (showProgress)
                        std::cerr << "\raccuracy: " << done << "/" << total << (done == total ? "\n" : "")
                                  << std::flush;
                });
            out["accuracy"] = accuracy.accuracy;
            out["correct"] = accuracy.correct;
            out["records"] = accuracy.records;
        } else {
            out["records"] = result.sequences;
        }
    }
    out["model"] = parser.value("--model");
    out["adapter"] = parser.has("--adapter") ? nlohmann::json(parser.value("--adapter")) : nlohmann::json();

    if (parser.has("--json")) {
        printJson(out);
        return 0;
    }
    printScoreLine("loss", out["loss"].get<double>());
    printScoreLine("perplexity", out["perplexity"].get<double>());
    std::cout << std::left << std::setw(12) << "tokens" << out["tokens"].get<int64_t>() << "\n";
    if (out.contains("accuracy"))
        std::cout << std::setw(12) << "accuracy" << std::fixed << std::setprecision(4) << out["accuracy"].get<double>()
                  << std::defaultfloat << " (" << out["correct"].get<int64_t>() << " of "
                  << out["records"].get<int64_t>() << " records answered exactly)\n";
    return 0;
}

} // namespace core::cli
