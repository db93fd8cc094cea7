#pragma once
#include <memory>
#include <string>
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
};

} // namespace core
