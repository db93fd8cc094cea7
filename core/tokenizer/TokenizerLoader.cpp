#include "core/tokenizer/TokenizerLoader.h"

#include "core/common/Error.h"
#include "core/tokenizer/HfTokenizer.h"
#include "core/io/JsonFile.h"
#include "core/tokenizer/SentencePieceTokenizer.h"
#include "core/tokenizer/TokenizerConfigFile.h"

#include <filesystem>

namespace core {

namespace fs = std::filesystem;

std::string tokenizerFileName(const std::string& modelDirectory)
{
    for (const char* name : {"tokenizer.json", "tokenizer.model"})
        if (fs::is_regular_file(fs::path(modelDirectory) / name))
            return name;
    return {};
}

std::unique_ptr<Tokenizer> loadTokenizer(const std::string& modelDirectory)
{
    const std::string name = tokenizerFileName(modelDirectory);
    LORAWB_CHECK(!name.empty(), modelDirectory,
                 ": has no tokenizer.json and no tokenizer.model. Copy the tokenizer files (tokenizer.json, "
                 "tokenizer_config.json, or sentencepiece's tokenizer.model) from the original model.");
    if (name == "tokenizer.json")
        return HfTokenizer::fromDirectory(modelDirectory);
    std::unique_ptr<Tokenizer> tok = SentencePieceTokenizer::fromFile((fs::path(modelDirectory) / name).string());
    // A sentencepiece model's chat template lives in tokenizer_config.json beside it, as for tokenizer.json.
    const fs::path config = fs::path(modelDirectory) / "tokenizer_config.json";
    if (fs::is_regular_file(config))
        tok->setChatTemplate(chatTemplateOf(readJsonFile(config.string(), "tokenizer config"), config.string()));
    return tok;
}

} // namespace core
