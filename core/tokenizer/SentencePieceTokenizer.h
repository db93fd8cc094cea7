#pragma once
#include "core/tokenizer/Tokenizer.h"

#include <memory>
#include <string>

namespace core {

namespace spm {
class SpmBackend;
}

// A sentencepiece tokenizer (tokenizer.model) reached through the bridge module lorawb_spm.so.
class SentencePieceTokenizer final : public Tokenizer {
public:
    // Throws core::Error naming the file when it is missing, unreadable or not a sentencepiece model.
    static std::unique_ptr<SentencePieceTokenizer> fromFile(const std::string& path);
    ~SentencePieceTokenizer() override;

    std::vector<int> encode(const std::string& text) const override;
    std::string decode(const std::vector<int>& ids) const override;
    std::string idToPiece(int id) const override;
    int vocabSize() const override;
    int bosId() const override;
    int eosId() const override;
    int padId() const override;
    int unkId() const;
    // What a GGUF vocabulary records of each piece (see SpmBackend.h): its score and its sentencepiece type.
    float pieceScore(int id) const;
    int pieceType(int id) const;

private:
    explicit SentencePieceTokenizer(std::unique_ptr<spm::SpmBackend> backend);
    std::unique_ptr<spm::SpmBackend> m_backend;
};

// Trains a sentencepiece model through the bridge. spmArgs are spm_train's flags. Throws core::Error on failure.
void trainSentencePiece(const std::string& spmArgs);

} // namespace core
