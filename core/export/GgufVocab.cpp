#include "core/export/GgufVocab.h"

#include "core/common/Error.h"
#include "core/export/GgufBpeVocab.h"
#include "core/export/GgufTokenTypes.h"
#include "core/io/AtomicFile.h"
#include "core/io/JsonFile.h"
#include "core/tokenizer/SentencePieceTokenizer.h"

#include <nlohmann/json.hpp>

#include <filesystem>

namespace fs = std::filesystem;

namespace core {

nlohmann::json optionalJsonFile(const std::string& path, const std::string& what)
{
    return fs::is_regular_file(path) ? readJsonFile(path, what) : nlohmann::json::object();
}

std::string chatTemplateOf(const std::string& modelDir)
{
    const auto config = optionalJsonFile((fs::path(modelDir) / "tokenizer_config.json").string(), "tokenizer config");
    if (config.contains("chat_template") && config["chat_template"].is_string())
        return config["chat_template"].get<std::string>();
    const fs::path jinja = fs::path(modelDir) / "chat_template.jinja";
    return fs::is_regular_file(jinja) ? readWholeFile(jinja.string(), "chat template") : std::string();
}

void appendGgufVocab(GgufMetadata& metadata, const std::string& modelDir, const ModelConfig& cfg)
{
    const fs::path spmPath = fs::path(modelDir) / "tokenizer.model";
    if (!fs::is_regular_file(spmPath)) { // Llama 3, Qwen2/2.5/3: a byte-level BPE tokenizer.json
        appendGgufBpeVocab(metadata, modelDir, cfg);
        return;
    }
    const auto spm = SentencePieceTokenizer::fromFile(spmPath.string());
    const int64_t size = cfg.vocabSize;
    LORAWB_CHECK(spm->vocabSize() <= size, spmPath.string(), ": the tokenizer has ", spm->vocabSize(),
                 " pieces but config.json's vocab_size is ", size, "; the tokenizer does not belong to this model.");

    std::vector<std::string> tokens(size);
    std::vector<float> scores(size, -10000.0f);
    std::vector<int32_t> types(size, kUnused);
    for (int64_t id = 0; id < size; ++id)
        tokens[id] = "[PAD" + std::to_string(id) + "]";
    for (int id = 0; id < spm->vocabSize(); ++id) {
        tokens[id] = spm->idToPiece(id);
        scores[id] = spm->pieceScore(id);
        types[id] = spm->pieceType(id);
    }
    const auto added = optionalJsonFile((fs::path(modelDir) / "added_tokens.json").string(), "added tokens");
    for (const auto& [text, id] : added.items())
        if (id.is_number_integer() && id.get<int64_t>() >= 0 && id.get<int64_t>() < size) {
            tokens[id.get<int64_t>()] = text;
            scores[id.get<int64_t>()] = -1000.0f;
            types[id.get<int64_t>()] = kUserDefined;
        }
    // Phi-3's converter takes added tokens as marked (special: control, else user-defined, text unchanged), also from
    // tokenizer.json; the others also treat tokens that look special as control, with real spaces in user pieces.
    const bool phi3 = cfg.modelType == "phi3";
    const auto addToken = [&](int64_t id, const nlohmann::json& token) {
        if (id < 0 || id >= size || !token.is_object() || !token.contains("content") || !token["content"].is_string())
            return;
        std::string content = token["content"].get<std::string>();
        const bool special = token.value("special", false) || (!phi3 && looksSpecial(content));
        if (!special && !phi3)
            content = withRealSpaces(content);
        tokens[id] = content;
        scores[id] = -1000.0f;
        types[id] = special ? kControl : kUserDefined;
    };
    const auto tokenizerConfig = optionalJsonFile((fs::path(modelDir) / "tokenizer_config.json").string(), "tokenizer config");
    if (tokenizerConfig.contains("added_tokens_decoder") && tokenizerConfig["added_tokens_decoder"].is_object())
        for (const auto& [key, token] : tokenizerConfig["added_tokens_decoder"].items()) {
            int64_t id = -1;
            try {
                id = std::stoll(key);
            } catch (const std::exception&) {
                continue;
            }
            addToken(id, token);
        }
    if (phi3) {
        const auto tokenizerJson = optionalJsonFile((fs::path(modelDir) / "tokenizer.json").string(), "tokenizer");
        if (tokenizerJson.contains("added_tokens") && tokenizerJson["added_tokens"].is_array())
            for (const auto& token : tokenizerJson["added_tokens"])
                if (token.is_object() && token.contains("id") && token["id"].is_number_integer())
                    addToken(token["id"].get<int64_t>(), token);
    }

    metadata.emplace_back("tokenizer.ggml.model", std::string("llama"));
    metadata.emplace_back("tokenizer.ggml.pre", std::string("default"));
    metadata.emplace_back("tokenizer.ggml.tokens", tokens);
    metadata.emplace_back("tokenizer.ggml.scores", scores);
    metadata.emplace_back("tokenizer.ggml.token_type", types);
    auto addId = [&](const char* key, int64_t id) {
        if (id >= 0 && id < size)
            metadata.emplace_back(key, uint32_t(id));
    };
    addId("tokenizer.ggml.bos_token_id", cfg.bosTokenId >= 0 ? cfg.bosTokenId : spm->bosId());
    addId("tokenizer.ggml.eos_token_id", cfg.eosTokenId >= 0 ? cfg.eosTokenId : spm->eosId());
    addId("tokenizer.ggml.unknown_token_id", spm->unkId());
    addId("tokenizer.ggml.padding_token_id", cfg.padTokenId >= 0 ? cfg.padTokenId : spm->padId());
    for (const char* flag : {"add_bos_token", "add_eos_token"})
        if (tokenizerConfig.contains(flag) && tokenizerConfig[flag].is_boolean())
            metadata.emplace_back(std::string("tokenizer.ggml.") + flag, tokenizerConfig[flag].get<bool>());
    if (const std::string chat = chatTemplateOf(modelDir); !chat.empty())
        metadata.emplace_back("tokenizer.chat_template", chat);
}

} // namespace core
