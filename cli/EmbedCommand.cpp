// lorawb embed --model DIR [--adapter DIR] --input FILE --output FILE: sentence embeddings of every text in a file,
// from the base model or with an adapter (PEFT's FEATURE_EXTRACTION adapters included), pooled and L2-normalised as
// core/model/SentenceEmbedding says, written as .npy (numpy.load gives an [N, hidden] float32 array) or JSON Lines.
#include "cli/ArgParser.h"
#include "cli/Commands.h"
#include "cli/EvalDataOptions.h"
#include "cli/JsonOutput.h"
#include "cli/ModelOptions.h"
#include "core/common/Error.h"
#include "core/data/DatasetReader.h"
#include "core/eval/TextEmbeddings.h"
#include "core/io/AtomicFile.h"
#include "core/io/NpyFile.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <optional>

namespace core::cli {
namespace {

const std::string kHelp = std::string(
    "usage: lorawb embed --model DIR [--adapter DIR] --input FILE --output FILE [--pooling mean|last]\n"
    "                    [--no-normalize] [--max-length N] [--batch-size N] [--text-field NAME] [--json]\n"
    "\n"
    "Sentence embeddings of every text of --input: the model's final hidden states (after its last norm, as\n"
    "transformers' AutoModel returns them) pooled over each text's tokens and L2-normalised. Each text is tokenized\n"
    "as tokenizer(text) does by default (BOS first for a sentencepiece model). An adapter applies as trained; a PEFT\n"
    "FEATURE_EXTRACTION adapter (saved from AutoModel) loads too.\n"
    "\n") + kModelOptionsHelp +
    "  --input FILE       text, one per line (blank lines skipped), or JSON Lines (.jsonl) with a text field\n"
    "  --output FILE      .npy (float32 [texts, hidden], for numpy.load) or .jsonl (one {\"line\", \"input_ids\",\n"
    "                     \"embedding\"} per text: its line in --input, the ids the model read, the vector)\n"
    "  --pooling P        mean (the average over the text's tokens) or last (the last token's state); default: the\n"
    "                     pooling a FEATURE_EXTRACTION adapter was trained with by lorawb train, else mean\n"
    "  --no-normalize     keep the pooled vectors as they are (default: divided by their L2 norm)\n"
    "  --max-length N     tokens per text, special tokens included (default 512); longer texts are cut\n"
    "  --batch-size N     texts per forward pass (default 8)\n"
    "  --text-field NAME  .jsonl input: the field holding the text (default text)\n"
    "  --json             a summary on stdout: {\"texts\", \"dimensions\", \"pooling\", \"normalized\", \"truncated\", …}\n";

struct Text {
    int64_t line = 0; ///< 1-based line of the input
    std::string text;
};

std::vector<Text> readTexts(const std::string& path, const std::string& field, int64_t& blank)
{
    const std::string content = readTextFile(path); // names the file when missing, unreadable or not UTF-8
    const bool jsonLines = std::filesystem::path(path).extension() == ".jsonl";
    std::vector<Text> out;
    int64_t line = 0;
    size_t pos = 0;
    while (pos <= content.size()) {
        const size_t end = std::min(content.find('\n', pos), content.size());
        std::string text = content.substr(pos, end - pos);
        ++line;
        pos = end + 1;
        if (text.find_first_not_of(" \t\r") == std::string::npos) {
            blank += end < content.size(); // the empty piece after a final newline is no line
            continue;
        }
        if (jsonLines) {
            nlohmann::json record;
            try {
                record = nlohmann::json::parse(text);
            } catch (const std::exception& e) {
                LORAWB_FAIL(path, ": line ", line, " is not a JSON object (", e.what(), "). Write one {\"", field,
                            "\": …} object per line, or give a plain text file (one text per line)");
            }
            LORAWB_CHECK(record.is_object() && record.contains(field) && record.at(field).is_string(), path, ": line ",
                         line, " has no string field '", field, "'; name the field holding the text with --text-field");
            text = record.at(field).get<std::string>();
            LORAWB_CHECK(!text.empty(), path, ": line ", line, ": the text is empty; remove the line");
        }
        out.push_back({line, std::move(text)});
    }
    LORAWB_CHECK(!out.empty(), path, ": no text to embed (the file holds only blank lines)");
    return out;
}

} // namespace

int runEmbed(const std::vector<std::string>& args)
{
    ArgParser parser("embed", kHelp);
    addModelOptions(parser);
    parser.addOption("--input", "FILE");
    parser.addOption("--output", "FILE");
    parser.addOption("--pooling", "P");
    parser.addFlag("--no-normalize");
    parser.addOption("--max-length", "N");
    parser.addOption("--batch-size", "N");
    parser.addOption("--text-field", "NAME");
    parser.addFlag("--json");
    if (!parser.parse(args))
        return 0;
    parser.require("--model");
    parser.require("--input");
    parser.require("--output");
    const std::string output = parser.value("--output");
    const std::string extension = std::filesystem::path(output).extension().string();
    if (extension != ".npy" && extension != ".jsonl")
        parser.fail("--output must end in .npy (a numpy array) or .jsonl (one JSON object per text); got '" + output +
                    "'");
    // Checked before the model loads (seconds to minutes); the default comes from the adapter.
    std::optional<Pooling> asked;
    if (parser.has("--pooling"))
        asked = parsePooling(parser.value("--pooling"), "--pooling");
    const bool normalize = !parser.has("--no-normalize");
    const int64_t maxLength = parser.integer("--max-length", 512, 1);
    const int64_t batchSize = parser.integer("--batch-size", 8, 1);
    int64_t blank = 0;
    const std::vector<Text> texts = readTexts(parser.value("--input"), parser.value("--text-field", "text"), blank);

    LoraConfig adapter;
    LoadedModel loaded = loadModelFromOptions(parser, &adapter);
    const Pooling pooling = asked ? *asked : adapter.contrastive ? adapter.contrastive->pooling : Pooling::Mean;
    std::vector<std::string> strings;
    for (const Text& text : texts)
        strings.push_back(text.text);
    EmbeddingOptions options;
    options.pooling = pooling;
    options.normalize = normalize;
    options.maxLength = maxLength;
    options.batchSize = batchSize;
    const TextEmbeddings embedded = embedTexts(
        *loaded.model, *loaded.tokenizer, strings, options,
        [&](size_t i) { return parser.value("--input") + ": line " + std::to_string(texts[i].line); },
        scoringProgress("texts"));
    const int64_t n = static_cast<int64_t>(texts.size());
    const int64_t dimensions = n > 0 ? embedded.vectors.size(1) : 0;
    const int64_t truncated = embedded.truncated;
    const float* values = embedded.vectors.data_ptr<float>();
    const std::vector<std::vector<int>>& allIds = embedded.ids;
    if (extension == ".npy") {
        writeFileAtomically(output, npyFloat32Matrix(std::vector<float>(values, values + n * dimensions), n, dimensions));
    } else {
        std::string lines;
        for (int64_t i = 0; i < n; ++i) {
            const float* row = values + i * dimensions;
            lines += nlohmann::json{{"line", texts[static_cast<size_t>(i)].line},
                                    {"input_ids", allIds[static_cast<size_t>(i)]},
                                    {"embedding", std::vector<float>(row, row + dimensions)}}
                         .dump() +
                     "\n";
        }
        writeFileAtomically(output, lines);
    }
    const nlohmann::json summary = {{"texts", n},           {"dimensions", dimensions},     {"pooling", toString(pooling)},
                                    {"normalized", normalize}, {"truncated", truncated},    {"blank_lines", blank},
                                    {"output", output},     {"model", parser.value("--model")},
                                    {"adapter", parser.value("--adapter")}};
    if (parser.has("--json"))
        printJson(summary);
    else
        std::cout << n << " texts → " << output << " (" << dimensions << " dimensions, " << toString(pooling)
                  << " pooling" << (normalize ? ", L2-normalised" : "") << "; " << truncated << " cut to "
                  << maxLength << " tokens, " << blank << " blank lines skipped)\n";
    return 0;
}

} // namespace core::cli
