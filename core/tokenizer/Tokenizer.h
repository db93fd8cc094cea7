#pragma once
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace core {

// What the engine needs from a tokenizer. Implementations must allow concurrent const calls (the data module
// tokenizes records on several threads); sentencepiece's processor does. The sentencepiece implementation lives behind the bridge module
// (SentencePieceTokenizer); tests may implement this with a tiny stand-in.
class Tokenizer {
public:
    virtual ~Tokenizer() = default;
    // Token ids for text, without BOS/EOS.
    virtual std::vector<int> encode(const std::string& text) const = 0;
    virtual std::string decode(const std::vector<int>& ids) const = 0;
    // The piece string of one id ("▁the", "<0x0A>", "</s>").
    virtual std::string idToPiece(int id) const = 0;
    virtual int vocabSize() const = 0;
    // -1 when the tokenizer has none.
    virtual int bosId() const = 0;
    virtual int eosId() const = 0;
    virtual int padId() const = 0;
    // Appends the text one token stands for, where the pieces spell their text token by token: sentencepiece writes
    // a space as U+2581 and a byte as <0xNN> (the default, read from idToPiece); byte-level BPE uses GPT-2's byte
    // alphabet (HfTokenizer). The data module finds each token's span in the text with it, without encoding twice.
    virtual void appendTokenText(int id, std::string& out) const;

    // tokenizer_config.json's chat_template ("" when the model has none), set by loadTokenizer.
    const std::string& chatTemplate() const { return m_chatTemplate; }
    void setChatTemplate(std::string source) { m_chatTemplate = std::move(source); }

private:
    std::string m_chatTemplate;
};

// The sentencepiece spelling of a piece: U+2581 as a space, <0xNN> as that byte.
void appendSentencePieceText(const std::string& piece, std::string& out);

} // namespace core
