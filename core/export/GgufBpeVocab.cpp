#include "core/export/GgufBpeVocab.h"

#include "core/common/Error.h"
#include "core/export/GgufTokenTypes.h"
#include "core/export/GgufVocab.h"
#include "core/io/JsonFile.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <optional>

namespace fs = std::filesystem;
using nlohmann::json;

namespace core {

namespace {

// The split regexes of the families llama.cpp names, exactly as their tokenizer.json files hold them.
const std::pair<const char*, const char*> kKnownPreTokenizers[] = {
    {"llama-bpe", "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|"
                  "\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"},
    {"qwen2", "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|"
              "\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"},
};

// Every pre-tokenizer of the (possibly Sequence) pre_tokenizer, in order.
std::vector<json> preTokenizerSteps(const json& pre)
{
    if (!pre.is_object())
        return {};
    if (pre.value("type", "") == "Sequence" && pre.contains("pretokenizers") && pre["pretokenizers"].is_array())
        return pre["pretokenizers"].get<std::vector<json>>();
    return {pre};
}

// A token given by tokenizer_config.json: a string, or an object with "content". Python compares the raw value, so
// an object never equals a token text but still counts as set.
struct ConfigToken {
    bool set = false;
    std::optional<std::string> text;
    bool is(const std::string& other) const { return text && *text == other; }
};

ConfigToken configToken(const json& config, const std::string& key)
{
    ConfigToken token;
    if (!config.is_object() || !config.contains(key))
        return token;
    const json& value = config[key];
    token.set = !value.is_null() && !(value.is_string() && value.get<std::string>().empty());
    if (value.is_string())
        token.text = value.get<std::string>();
    return token;
}

std::string specialTokenOf(const json& item)
{
    if (item.is_object() && item.contains("SpecialToken") && item["SpecialToken"].is_object())
        return item["SpecialToken"].value("id", "");
    return "";
}

std::string sequenceOf(const json& item)
{
    if (item.is_object() && item.contains("Sequence") && item["Sequence"].is_object())
        return item["Sequence"].value("id", "");
    return "";
}

// gguf.SpecialVocab(dir, load_merges=True) for a folder with tokenizer.json: which ids are bos, eos, …, which of
// them encoding adds, and the chat template — read from tokenizer_config.json, the post-processor's template and
// config.json, in that order of precedence.
class SpecialVocab {
public:
    SpecialVocab(const json& tokenizer, json config, const json& modelConfig, const fs::path& dir)
        : m_config(std::move(config))
    {
        const bool hasConfig = m_config.is_object() && !m_config.empty();
        ConfigToken bos = configToken(m_config, "bos_token"), cls = configToken(m_config, "cls_token");
        ConfigToken eos = configToken(m_config, "eos_token"), sep = configToken(m_config, "sep_token");
        if (!bos.set && cls.set && hasConfig) {
            m_config["bos_token"] = m_config["cls_token"];
            bos = cls;
        }
        if (!eos.set && sep.set && hasConfig) {
            m_config["eos_token"] = m_config["sep_token"];
            eos = sep;
        }
        readNormalizer(tokenizer.value("normalizer", json()));
        readPostProcessor(tokenizer, hasConfig, bos, cls, eos, sep);
        const json added = tokenizer.value("added_tokens", json::array());
        if (hasConfig) {
            readChatTemplate(dir);
            for (const auto& type : m_types) {
                const json addEntry = m_config.value("add_" + type + "_token", json());
                if (addEntry.is_boolean() && m_add.count(type) == 0) // the post-processor's answer wins
                    m_add[type] = addEntry.get<bool>();
                const json entry = m_config.value(type + "_token", json());
                std::string content;
                if (entry.is_string())
                    content = entry.get<std::string>();
                else if (entry.is_object() && entry.contains("content") && entry["content"].is_string())
                    content = entry["content"].get<std::string>();
                else
                    continue;
                for (const auto& token : added)
                    if (token.is_object() && token.value("content", "") == content) {
                        if (token.contains("id") && token["id"].is_number_integer())
                            setId(type, token["id"].get<int64_t>());
                        break;
                    }
            }
        }
        for (const auto& type : m_types) {
            const std::string key = type + "_token_id";
            if (modelConfig.is_object() && modelConfig.contains(key) && modelConfig[key].is_number_integer())
                setId(type, modelConfig[key].get<int64_t>());
        }
    }

    void appendTo(GgufMetadata& metadata) const
    {
        static const std::map<std::string, const char*> kIdKeys = {
            {"bos", "tokenizer.ggml.bos_token_id"},     {"eos", "tokenizer.ggml.eos_token_id"},
            {"unk", "tokenizer.ggml.unknown_token_id"}, {"sep", "tokenizer.ggml.seperator_token_id"},
            {"pad", "tokenizer.ggml.padding_token_id"}, {"mask", "tokenizer.ggml.mask_token_id"},
            {"eot", "tokenizer.ggml.eot_token_id"},     {"eom", "tokenizer.ggml.eom_token_id"}};
        for (const auto& [type, id] : m_ids)
            if (const auto key = kIdKeys.find(type); key != kIdKeys.end()) // no GGUF key for cls
                metadata.emplace_back(key->second, static_cast<uint32_t>(id));
        for (const auto& [type, value] : m_add)
            if (type == "bos" || type == "eos" || type == "sep")
                metadata.emplace_back("tokenizer.ggml.add_" + type + "_token", value);
        if (!m_chatTemplate.empty())
            metadata.emplace_back("tokenizer.chat_template", m_chatTemplate);
        if (m_lowercase)
            metadata.emplace_back("tokenizer.ggml.normalizer.lowercase", *m_lowercase);
        if (m_stripAccents)
            metadata.emplace_back("tokenizer.ggml.normalizer.strip_accents", *m_stripAccents);
    }

private:
    void setId(const std::string& type, int64_t id)
    {
        if (id >= 0 && m_ids.count(type) == 0) // the first source that names it wins
            m_ids[type] = id;
    }

    // The converter's "crude parsing of TemplateProcessing": a leading special token is BOS (added), a trailing one
    // EOS (added; when it is not tokenizer_config's eos_token, that one becomes EOT or EOM), a separator in the pair
    // template is added as SEP.
    void readPostProcessor(const json& tokenizer, bool hasConfig, ConfigToken& bos, ConfigToken& cls,
                           ConfigToken& eos, ConfigToken& sep)
    {
        const json post = tokenizer.value("post_processor", json());
        if (!post.is_object())
            return;
        std::vector<json> processors = {post};
        if (post.contains("processors") && post["processors"].is_array())
            processors = post["processors"].get<std::vector<json>>();
        for (const auto& processor : processors) {
            const std::string type = processor.is_object() ? processor.value("type", "") : "";
            if (type == "ByteLevel") { // adds nothing, unless a template processor says otherwise
                m_add.emplace("bos", false);
                m_add.emplace("eos", false);
                continue;
            }
            if (type == "RobertaProcessing") {
                m_add["bos"] = m_add["eos"] = m_add["sep"] = true;
                continue;
            }
            if (type != "TemplateProcessing")
                continue;
            const json single = processor.value("single", json::array());
            const json pair = processor.value("pair", json::array());
            std::string first, last;
            if (single.is_array() && single.size() > 1) {
                first = specialTokenOf(single.front());
                if (!first.empty()) {
                    if (!hasConfig) {
                        bos = ConfigToken{true, first};
                    } else if (!bos.is(first) && !cls.is(first)) { // the template names the BOS the config lacks
                        if (!bos.set) {
                            m_config["bos_token"] = first;
                            bos = ConfigToken{true, first};
                        }
                        if (!cls.set) {
                            m_config["cls_token"] = first;
                            cls = ConfigToken{true, first};
                        }
                    }
                    m_add["bos"] = bos.is(first) || cls.is(first);
                }
                last = specialTokenOf(single.back());
                if (!last.empty()) {
                    if (!hasConfig) {
                        eos = ConfigToken{true, last};
                    } else if (!eos.is(last)) {
                        const json previous = m_config.value("eos_token", json());
                        if (std::find(m_types.begin(), m_types.end(), "eot") == m_types.end()) {
                            m_types.push_back("eot");
                            m_config["eot_token"] = previous;
                        } else if (std::find(m_types.begin(), m_types.end(), "eom") == m_types.end()) {
                            m_types.push_back("eom");
                            m_config["eom_token"] = previous;
                        }
                        m_config["eos_token"] = last;
                        eos = ConfigToken{true, last};
                    }
                    m_add["eos"] = eos.is(last);
                }
            }
            if (!pair.is_array() || pair.empty())
                continue;
            const size_t start = !first.empty() && specialTokenOf(pair.front()) == first ? 1 : 0;
            const size_t stop = !last.empty() && specialTokenOf(pair.back()) == last ? pair.size() - 1 : pair.size();
            if (start >= stop)
                continue;
            const std::vector<json> middle(pair.begin() + static_cast<std::ptrdiff_t>(start),
                                           pair.begin() + static_cast<std::ptrdiff_t>(stop));
            if (sequenceOf(middle.front()) != "A" || sequenceOf(middle.back()) != "B" || middle.size() <= 2)
                continue;
            bool addSep = false;
            const std::string entry = specialTokenOf(middle[1]);
            if (!entry.empty() && (sep.is(entry) || eos.is(entry)) && last.empty())
                addSep = true;
            if (middle.size() == 4) {
                const std::string second = specialTokenOf(middle[2]);
                if (!second.empty() && (sep.is(second) || eos.is(second)))
                    addSep = true;
            }
            m_add["sep"] = addSep;
            if (addSep && !sep.set && hasConfig) {
                m_config["sep_token"] = m_config.value("eos_token", json());
                sep = eos;
            }
        }
    }

    // Lowercasing and accent stripping, which llama.cpp applies itself when the file says so.
    void readNormalizer(const json& normalizer)
    {
        if (!normalizer.is_object())
            return;
        const std::string type = normalizer.value("type", "");
        if (type == "Lowercase") {
            m_lowercase = true;
        } else if (type == "StripAccents") {
            m_stripAccents = true;
        } else if (type == "BertNormalizer") {
            if (normalizer.contains("lowercase") && normalizer["lowercase"].is_boolean())
                m_lowercase = normalizer["lowercase"].get<bool>();
            if (normalizer.contains("strip_accents") && normalizer["strip_accents"].is_boolean())
                m_stripAccents = normalizer["strip_accents"].get<bool>();
        } else if (type == "Sequence" && normalizer.contains("normalizers") && normalizer["normalizers"].is_array()) {
            for (const auto& step : normalizer["normalizers"])
                readNormalizer(step);
        }
    }

    void readChatTemplate(const fs::path& dir)
    {
        const json value = m_config.value("chat_template", json());
        if (value.is_string()) {
            m_chatTemplate = value.get<std::string>();
            return;
        }
        if (value.is_array()) { // named templates: GGUF's tokenizer.chat_template holds the "default" one
            for (const auto& choice : value)
                if (choice.is_object() && choice.value("name", "") == "default" && choice.contains("template") &&
                    choice["template"].is_string())
                    m_chatTemplate = choice["template"].get<std::string>();
            return;
        }
        m_chatTemplate = chatTemplateOf(dir.string());
    }

    json m_config;
    std::vector<std::string> m_types = {"bos", "eos", "unk", "sep", "pad", "cls", "mask"};
    std::map<std::string, int64_t> m_ids;
    std::map<std::string, bool> m_add;
    std::string m_chatTemplate;
    std::optional<bool> m_lowercase, m_stripAccents;
};

// "a b" per merge; the list form's spaces inside a part are written as U+0120 (the gguf package's encoding).
std::vector<std::string> mergesOf(const json& model, const std::string& path)
{
    std::vector<std::string> merges;
    const json list = model.value("merges", json::array());
    for (const auto& merge : list) {
        if (merge.is_string()) {
            merges.push_back(merge.get<std::string>());
        } else if (merge.is_array() && merge.size() == 2 && merge[0].is_string() && merge[1].is_string()) {
            std::string text;
            for (int part = 0; part < 2; ++part) {
                if (part)
                    text += ' ';
                for (char c : merge[part].get<std::string>())
                    text += c == ' ' ? std::string("\xc4\xa0") : std::string(1, c);
            }
            merges.push_back(text);
        } else {
            LORAWB_FAIL(path, ": model.merges holds ", merge.dump(), "; expected \"a b\" strings or [a, b] pairs");
        }
    }
    return merges;
}

} // namespace

std::string llamaCppPreTokenizer(const json& tokenizerJson, const std::string& path)
{
    std::string regex;
    bool byteLevelRegex = false;
    for (const auto& step : preTokenizerSteps(tokenizerJson.value("pre_tokenizer", json()))) {
        const std::string type = step.value("type", "");
        if (type == "Split" && step.contains("pattern") && step["pattern"].is_object() &&
            step["pattern"].contains("Regex") && step["pattern"]["Regex"].is_string())
            regex = step["pattern"]["Regex"].get<std::string>();
        else if (type == "ByteLevel")
            byteLevelRegex = byteLevelRegex || step.value("use_regex", true);
        else if (type == "Metaspace")
            LORAWB_FAIL(path, ": a sentencepiece-style tokenizer.json (Metaspace, as Llama 2 and Mistral write it); "
                              "GGUF export reads such vocabularies from tokenizer.model, which this folder lacks. Add "
                              "the model's tokenizer.model, or convert a merged export with llama.cpp's "
                              "convert_hf_to_gguf.py.");
    }
    for (const auto& [name, known] : kKnownPreTokenizers)
        if (regex == known)
            return name;
    if (regex.empty() && byteLevelRegex)
        return "gpt-2"; // ByteLevel's own regex is GPT-2's
    LORAWB_FAIL(path, ": its pre-tokenizer ", regex.empty() ? std::string("(no split regex)") : "regex " + regex,
                " is not one llama.cpp knows by name here (Llama 3's, Qwen2's or GPT-2's); convert a merged export "
                "with llama.cpp's convert_hf_to_gguf.py, which recognises more tokenizers.");
}

void appendGgufBpeVocab(GgufMetadata& metadata, const std::string& modelDir, const ModelConfig& cfg)
{
    const fs::path dir(modelDir);
    const fs::path jsonPath = dir / "tokenizer.json";
    LORAWB_CHECK(fs::is_regular_file(jsonPath), modelDir, ": has neither tokenizer.model nor tokenizer.json; a GGUF "
                 "file carries the tokenizer, so the model folder needs its tokenizer files.");
    const std::string path = jsonPath.string();
    const json tokenizer = readJsonFile(path, "tokenizer");
    const json model = tokenizer.is_object() ? tokenizer.value("model", json()) : json();
    LORAWB_CHECK(model.is_object() && model.value("type", "") == "BPE", path, ": model.type is ",
                 model.is_object() ? model.value("type", "missing") : "missing",
                 "; GGUF export writes byte-level BPE tokenizer.json vocabularies (Llama 3, Qwen2, GPT-2) and "
                 "sentencepiece tokenizer.model ones.");
    const std::string pre = llamaCppPreTokenizer(tokenizer, path);

    std::map<int64_t, std::string> byId;
    std::map<int64_t, json> added;
    if (model.contains("vocab") && model["vocab"].is_object())
        for (const auto& [text, id] : model["vocab"].items())
            if (id.is_number_integer())
                byId[id.get<int64_t>()] = text;
    for (const auto& token : tokenizer.value("added_tokens", json::array()))
        if (token.is_object() && token.contains("id") && token["id"].is_number_integer() &&
            token.contains("content") && token["content"].is_string()) {
            byId[token["id"].get<int64_t>()] = token["content"].get<std::string>();
            added[token["id"].get<int64_t>()] = token;
        }
    const int64_t size = cfg.vocabSize;
    LORAWB_CHECK(byId.empty() || byId.rbegin()->first < size, path, ": the tokenizer has token id ",
                 byId.empty() ? 0 : byId.rbegin()->first, " but config.json's vocab_size is ", size,
                 "; the tokenizer does not belong to this model.");

    std::vector<std::string> tokens(static_cast<size_t>(size));
    std::vector<int32_t> types(static_cast<size_t>(size), kUnused);
    for (int64_t id = 0; id < size; ++id) {
        const auto found = byId.find(id);
        if (found == byId.end()) {
            tokens[id] = "[PAD" + std::to_string(id) + "]";
            continue;
        }
        tokens[id] = found->second;
        const auto addedToken = added.find(id);
        if (addedToken == added.end()) {
            types[id] = kNormal;
        } else if (addedToken->second.value("special", false) || looksSpecial(found->second)) {
            types[id] = kControl;
        } else {
            tokens[id] = withRealSpaces(found->second);
            types[id] = kUserDefined;
        }
    }

    const json tokenizerConfig = optionalJsonFile((dir / "tokenizer_config.json").string(), "tokenizer config");
    const json modelConfig = optionalJsonFile((dir / "config.json").string(), "model config");
    // The llama architecture also records whether sentencepiece-style prefix spaces are added.
    if ((cfg.modelType == "llama" || cfg.modelType == "mistral") && tokenizerConfig.is_object() &&
        tokenizerConfig.contains("add_prefix_space") && tokenizerConfig["add_prefix_space"].is_boolean())
        metadata.emplace_back("tokenizer.ggml.add_space_prefix", tokenizerConfig["add_prefix_space"].get<bool>());
    metadata.emplace_back("tokenizer.ggml.model", std::string("gpt2"));
    metadata.emplace_back("tokenizer.ggml.pre", pre);
    metadata.emplace_back("tokenizer.ggml.tokens", tokens);
    metadata.emplace_back("tokenizer.ggml.token_type", types);
    const std::vector<std::string> merges = mergesOf(model, path);
    if (!merges.empty())
        metadata.emplace_back("tokenizer.ggml.merges", merges);
    SpecialVocab(tokenizer, tokenizerConfig, modelConfig, dir).appendTo(metadata);
}

} // namespace core
