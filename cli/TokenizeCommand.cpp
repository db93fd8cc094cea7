// lorawb tokenize --model DIR (--text TEXT | --file FILE) [--no-special-tokens] [--json]: the ids and pieces a model's
// own tokenizer makes of a text, for users debugging a template or a dataset, and for checks from outside against
// HF tokenizers.
#include "cli/ArgParser.h"
#include "cli/Cli.h"
#include "cli/Commands.h"
#include "cli/JsonOutput.h"
#include "core/common/Error.h"
#include "core/tokenizer/DefaultEncoding.h"
#include "core/tokenizer/TokenizerLoader.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>

namespace core::cli {
namespace {

const char* const kHelp =
    "usage: lorawb tokenize --model DIR (--text TEXT | --file FILE) [--no-special-tokens] [--json]\n"
    "\n"
    "Tokenizes text with the model's own tokenizer (tokenizer.json when the directory has one, as transformers\n"
    "chooses, else tokenizer.model) and prints the ids and pieces. Special tokens are added as HF's encode does by\n"
    "default (the post-processor's BOS/EOS, or BOS for a sentencepiece model); special-token text such as\n"
    "<|eot_id|> in the input becomes its one id.\n"
    "\n"
    "  --model DIR            a Hugging Face model directory (only its tokenizer files are read)\n"
    "  --text TEXT            the text to tokenize\n"
    "  --file FILE            tokenize every line of FILE (without its line break), one result per line\n"
    "  --no-special-tokens    HF's add_special_tokens=False: the text's own tokens only\n"
    "  --json                 {\"ids\": [...], \"pieces\": [...]} on one line (with --file: one object per line)\n";

std::vector<int> idsOf(const Tokenizer& tok, const std::string& text, bool specialTokens)
{
    return specialTokens ? encodeWithDefaultSpecialTokens(tok, text) : tok.encode(text);
}

void print(const Tokenizer& tok, const std::string& text, bool specialTokens, bool asJson)
{
    const std::vector<int> ids = idsOf(tok, text, specialTokens);
    std::vector<std::string> pieces;
    pieces.reserve(ids.size());
    for (int id : ids)
        pieces.push_back(tok.idToPiece(id));
    if (asJson) {
        printJson({{"ids", ids}, {"pieces", pieces}});
        return;
    }
    std::cout << ids.size() << (ids.size() == 1 ? " token\n" : " tokens\n");
    for (std::size_t i = 0; i < ids.size(); ++i)
        std::cout << ids[i] << "\t" << nlohmann::json(pieces[i]).dump(-1, ' ', false,
                                                                     nlohmann::json::error_handler_t::replace)
                  << "\n";
}

} // namespace

int runTokenize(const std::vector<std::string>& args)
{
    ArgParser parser("tokenize", kHelp);
    parser.addOption("--model", "DIR");
    parser.addOption("--text", "TEXT");
    parser.addOption("--file", "FILE");
    parser.addFlag("--no-special-tokens");
    parser.addFlag("--json");
    if (!parser.parse(args))
        return kExitOk;
    parser.require("--model");
    parser.requireOneOf({"--text", "--file"});
    const std::string modelDir = parser.value("--model");
    LORAWB_CHECK(std::filesystem::is_directory(modelDir), modelDir,
                 ": model directory not found. --model names a Hugging Face model directory holding tokenizer.json "
                 "or tokenizer.model.");
    const auto tok = loadTokenizer(modelDir);
    const bool specialTokens = !parser.has("--no-special-tokens");
    const bool asJson = parser.has("--json");
    if (parser.has("--text")) {
        print(*tok, parser.value("--text"), specialTokens, asJson);
        return kExitOk;
    }
    const std::string path = parser.value("--file");
    LORAWB_CHECK(std::filesystem::is_regular_file(path), path, ": --file not found.");
    std::ifstream in(path, std::ios::binary);
    LORAWB_CHECK(in, path, ": cannot be read (check its permissions).");
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        print(*tok, line, specialTokens, asJson);
    }
    return kExitOk;
}

} // namespace core::cli
