#include "core/tokenizer/HfTokenizer.h"

#include "core/common/Error.h"
#include "core/io/JsonFile.h"
#include "core/tokenizer/BpeModel.h"
#include "core/tokenizer/ByteLevelAlphabet.h"
#include "core/tokenizer/HfAddedTokens.h"
#include "core/tokenizer/HfDecoder.h"
#include "core/tokenizer/HfNormalizer.h"
#include "core/tokenizer/HfPostProcessor.h"
#include "core/tokenizer/HfPreTokenizer.h"
#include "core/tokenizer/TokenizerConfigFile.h"
#include "core/tokenizer/Utf8.h"

#include <filesystem>

namespace core {

namespace fs = std::filesystem;
using nlohmann::json;

HfTokenizer::HfTokenizer() = default;
HfTokenizer::~HfTokenizer() = default;

std::unique_ptr<HfTokenizer> HfTokenizer::fromDirectory(const std::string& directory)
{
    const fs::path dir(directory);
    const fs::path config = dir / "tokenizer_config.json";
    return fromFiles((dir / "tokenizer.json").string(), fs::is_regular_file(config) ? config.string() : std::string());
}

std::unique_ptr<HfTokenizer> HfTokenizer::fromFiles(const std::string& tokenizerPath, const std::string& configPath)
{
    std::unique_ptr<HfTokenizer> tok(new HfTokenizer());
    tok->loadTokenizerJson(tokenizerPath);
    tok->loadConfig(configPath);
    return tok;
}

void HfTokenizer::loadTokenizerJson(const std::string& path)
{
    const json spec = readJsonFile(path, "tokenizer");
    LORAWB_CHECK(spec.is_object() && spec.contains("model") && spec.at("model").is_object(), path,
                 ": not a Hugging Face tokenizer.json (no \"model\" object). Take tokenizer.json from the model.");
    const json& model = spec.at("model");
    // Files written before tokenizers 0.10 may omit the model's "type"; a "merges" list then means BPE, as HF reads it.
    const std::string type = model.contains("type") && model.at("type").is_string()
        ? model.at("type").get<std::string>()
        : (model.contains("merges") ? "BPE" : "?");
    LORAWB_CHECK(type == "BPE", path, ": model type \"", type,
                 "\" is not supported; LoRA Workbench reads BPE tokenizers (Llama, Mistral, Qwen, GPT-2 families). "
                 "WordPiece, WordLevel and Unigram models (BERT, T5) are not LLaMA-family tokenizers.");
    m_model = std::make_unique<BpeModel>(model, path);
    m_normalizer = parseHfNormalizer(spec.value("normalizer", json()), path);
    m_preTokenizer = parseHfPreTokenizer(spec.value("pre_tokenizer", json()), path);
    m_decoder = parseHfDecoder(spec.value("decoder", json()), path);
    const json decoder = spec.value("decoder", json());
    m_byteLevel = decoder.is_object() && decoder.value("type", std::string()) == "ByteLevel";
    if (decoder.is_object() && decoder.value("type", std::string()) == "Sequence" && decoder.contains("decoders"))
        for (const json& part : decoder.at("decoders"))
            m_byteLevel = m_byteLevel || (part.is_object() && part.value("type", std::string()) == "ByteLevel");
    m_added = std::make_unique<HfAddedTokens>(spec.value("added_tokens", json()), *m_model, m_normalizer.get(), path);
    const SpecialTokensAround around = parseHfPostProcessor(spec.value("post_processor", json()), path);
    for (int id : around.before)
        LORAWB_CHECK(id >= 0 && id < vocabSize(), path, ": post_processor adds token id ", id,
                     ", which is outside the vocabulary (", vocabSize(), " ids)");
    for (int id : around.after)
        LORAWB_CHECK(id >= 0 && id < vocabSize(), path, ": post_processor adds token id ", id,
                     ", which is outside the vocabulary (", vocabSize(), " ids)");
    m_before = around.before;
    m_after = around.after;
    // Without tokenizer_config.json the post-processor alone says what starts a sequence.
    m_bosId = m_before.size() == 1 ? m_before[0] : -1;
}

namespace {

// A token field of tokenizer_config.json: "text", {"content": "text", ...} (an AddedToken) or null.
std::string tokenField(const json& config, const char* key, const std::string& path)
{
    if (!config.contains(key) || config.at(key).is_null())
        return {};
    const json& value = config.at(key);
    if (value.is_string())
        return value.get<std::string>();
    LORAWB_CHECK(value.is_object() && value.contains("content") && value.at("content").is_string(), path, ": \"", key,
                 "\" must be a token string, {\"content\": ...} or null, got ", value.dump().substr(0, 200));
    return value.at("content").get<std::string>();
}

} // namespace

void HfTokenizer::loadConfig(const std::string& path)
{
    if (path.empty())
        return;
    const json config = readJsonFile(path, "tokenizer config");
    LORAWB_CHECK(config.is_object(), path, ": must be a JSON object");
    auto idOfField = [&](const char* key) {
        const std::string token = tokenField(config, key, path);
        if (token.empty())
            return -1;
        const int id = tokenToId(token);
        LORAWB_CHECK(id >= 0, path, ": ", key, " \"", token,
                     "\" is not a token of tokenizer.json. The two files do not belong together; take both from the "
                     "same model.");
        return id;
    };
    const int bos = idOfField("bos_token");
    m_eosId = idOfField("eos_token");
    m_padId = idOfField("pad_token");
    // transformers' Llama and Gemma tokenizer classes rebuild the post-processor from add_bos_token / add_eos_token;
    // the generic PreTrainedTokenizerFast (Llama 3, Qwen) keeps the file's post-processor.
    const std::string tokenizerClass = optionalJsonField<std::string>(config, "tokenizer_class", "", path);
    const bool rebuilds = tokenizerClass.rfind("Llama", 0) == 0 || tokenizerClass.rfind("CodeLlama", 0) == 0 ||
        tokenizerClass.rfind("Gemma", 0) == 0;
    if (rebuilds && (config.contains("add_bos_token") || config.contains("add_eos_token"))) {
        const bool addBos = optionalJsonField<bool>(config, "add_bos_token", true, path);
        const bool addEos = optionalJsonField<bool>(config, "add_eos_token", false, path);
        LORAWB_CHECK(!addBos || bos >= 0, path, ": add_bos_token is true but there is no bos_token");
        LORAWB_CHECK(!addEos || m_eosId >= 0, path, ": add_eos_token is true but there is no eos_token");
        m_before = addBos ? std::vector<int>{bos} : std::vector<int>{};
        m_after = addEos ? std::vector<int>{m_eosId} : std::vector<int>{};
        m_bosId = addBos ? bos : -1;
    }
    setChatTemplate(chatTemplateOf(config, path));
}

int HfTokenizer::tokenToId(const std::string& token) const
{
    if (const AddedToken* added = m_added->byContent(token))
        return added->id;
    return m_model->tokenToId(token);
}

bool HfTokenizer::isSpecial(int id) const { return m_added->isSpecial(id); }

int HfTokenizer::vocabSize() const { return std::max(m_model->vocabSize(), m_added->maxId() + 1); }

std::vector<int> HfTokenizer::encode(const std::string& text) const
{
    std::vector<int> ids;
    encodeInto(text, ids, nullptr);
    return ids;
}

std::vector<std::string> HfTokenizer::encodedTokens(const std::string& text) const
{
    std::vector<int> ids;
    std::vector<std::string> tokens;
    encodeInto(text, ids, &tokens);
    return tokens;
}

void HfTokenizer::encodeInto(const std::string& text, std::vector<int>& ids, std::vector<std::string>* tokens) const
{
    // HF takes Rust strings, valid UTF-8 by construction; the regexes here must never see anything else, so a text
    // file with stray bytes is read as Python's errors="replace" would (one U+FFFD per invalid sequence).
    if (!utf8::isValid(text))
        return encodeInto(utf8::lossy(text), ids, tokens);
    std::vector<TextPiece> pieces = m_added->extractAndNormalize(text);
    if (m_preTokenizer)
        m_preTokenizer->preTokenize(pieces);
    ids.reserve(text.size() / 3 + 1);
    for (const TextPiece& piece : pieces) {
        const std::size_t first = ids.size();
        if (piece.addedTokenId >= 0)
            ids.push_back(piece.addedTokenId);
        else
            m_model->tokenize(piece.text, ids);
        if (!tokens)
            continue;
        // An added token's token string is the text it matched, whitespace taken by lstrip / rstrip included.
        if (piece.addedTokenId >= 0)
            tokens->push_back(piece.text);
        else
            for (std::size_t i = first; i < ids.size(); ++i)
                tokens->push_back(m_model->idToToken(ids[i]));
    }
}

std::vector<int> HfTokenizer::encodeWithSpecialTokens(const std::string& text) const
{
    std::vector<int> ids = m_before;
    const std::vector<int> body = encode(text);
    ids.insert(ids.end(), body.begin(), body.end());
    ids.insert(ids.end(), m_after.begin(), m_after.end());
    return ids;
}

std::string HfTokenizer::idToPiece(int id) const
{
    if (const AddedToken* added = m_added->byId(id))
        return added->content;
    return m_model->idToToken(id);
}

void HfTokenizer::appendTokenText(int id, std::string& out) const
{
    if (const AddedToken* added = m_added->byId(id)) {
        out += added->content;
        return;
    }
    if (m_byteLevel) {
        const std::string& token = m_model->idToToken(id);
        if (!ByteLevelAlphabet::instance().decode(token, out))
            out += token;
        return;
    }
    Tokenizer::appendTokenText(id, out);
}

std::vector<std::string> HfTokenizer::tokens(const std::vector<int>& ids) const
{
    std::vector<std::string> out;
    out.reserve(ids.size());
    for (int id : ids)
        out.push_back(idToPiece(id));
    return out;
}

std::string HfTokenizer::decode(const std::vector<int>& ids, bool skipSpecialTokens) const
{
    std::vector<std::string> pieces;
    pieces.reserve(ids.size());
    for (int id : ids) {
        if (skipSpecialTokens && isSpecial(id))
            continue;
        std::string piece = idToPiece(id);
        if (piece.empty() && !m_added->byId(id))
            continue; // an id outside the vocabulary decodes to nothing, as in HF
        pieces.push_back(std::move(piece));
    }
    if (!m_decoder) {
        std::string joined;
        for (std::size_t i = 0; i < pieces.size(); ++i)
            joined += (i ? " " : "") + pieces[i];
        return joined;
    }
    m_decoder->decodeChain(pieces);
    std::string joined;
    for (const std::string& p : pieces)
        joined += p;
    return joined;
}

} // namespace core
