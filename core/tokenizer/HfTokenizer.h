#pragma once
// A Hugging Face tokenizer.json (+ tokenizer_config.json) as HF `tokenizers` and transformers apply it: added tokens,
// normalizer, pre-tokenizer, BPE model, post-processor, decoder. Byte-level BPE (GPT-2, Llama 3, Qwen2/3) and
// SentencePiece-style BPE with byte fallback (Llama 2, Mistral, TinyLlama as tokenizer.json).
#include "core/tokenizer/Tokenizer.h"

#include <memory>
#include <string>
#include <vector>

namespace core {

class BpeModel;
class HfAddedTokens;
class HfDecoder;
class HfNormalizer;
class HfPreTokenizer;
struct AddedToken;

class HfTokenizer final : public Tokenizer {
public:
    // tokenizer.json, and tokenizer_config.json beside it when present (bos / eos / pad tokens, add_bos_token,
    // add_eos_token, chat_template). Throws core::Error naming the file, the field and the fix.
    static std::unique_ptr<HfTokenizer> fromDirectory(const std::string& directory);
    // configPath may be empty (no tokenizer_config.json).
    static std::unique_ptr<HfTokenizer> fromFiles(const std::string& tokenizerPath, const std::string& configPath);
    ~HfTokenizer() override;

    // HF encode(text, add_special_tokens=False).
    std::vector<int> encode(const std::string& text) const override;
    // HF encode(text, add_special_tokens=True): the post-processor's tokens around the text.
    std::vector<int> encodeWithSpecialTokens(const std::string& text) const;
    // HF's Encoding.tokens of encode(text): the vocabulary strings, and for an added token the text it matched
    // (with the whitespace lstrip / rstrip took).
    std::vector<std::string> encodedTokens(const std::string& text) const;
    // The vocabulary strings of ids (added tokens by content).
    std::vector<std::string> tokens(const std::vector<int>& ids) const;
    // HF decode(ids, skip_special_tokens).
    std::string decode(const std::vector<int>& ids, bool skipSpecialTokens) const;
    // The engine's decode: special tokens skipped, as sentencepiece drops control pieces.
    std::string decode(const std::vector<int>& ids) const override { return decode(ids, true); }
    std::string idToPiece(int id) const override;
    int vocabSize() const override;
    int bosId() const override { return m_bosId; }
    int eosId() const override { return m_eosId; }
    int padId() const override { return m_padId; }
    // A byte-level token's bytes through GPT-2's alphabet; added tokens as their content; else sentencepiece's rule.
    void appendTokenText(int id, std::string& out) const override;
    // -1 when the string is neither an added token nor in the model's vocabulary.
    int tokenToId(const std::string& token) const;
    bool isSpecial(int id) const;
    const BpeModel& model() const { return *m_model; }

private:
    HfTokenizer();
    void loadTokenizerJson(const std::string& path);
    void loadConfig(const std::string& path);
    void encodeInto(const std::string& text, std::vector<int>& ids, std::vector<std::string>* tokens) const;

    std::unique_ptr<BpeModel> m_model;
    std::unique_ptr<HfNormalizer> m_normalizer;
    std::unique_ptr<HfPreTokenizer> m_preTokenizer;
    std::unique_ptr<HfDecoder> m_decoder;
    std::unique_ptr<HfAddedTokens> m_added;
    std::vector<int> m_before, m_after; // the post-processor's tokens around one sequence
    int m_bosId = -1, m_eosId = -1, m_padId = -1;
    bool m_byteLevel = false; // the decoder maps GPT-2's byte alphabet back to bytes
};

} // namespace core
