#include "core/tokenizer/SentencePieceTokenizer.h"

#include "core/common/Error.h"
#include "core/tokenizer/SpmLibrary.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace core {

std::unique_ptr<SentencePieceTokenizer> SentencePieceTokenizer::fromFile(const std::string& path)
{
    LORAWB_CHECK(std::filesystem::is_regular_file(path), path,
                 ": tokenizer file not found. A LLaMA-family model directory needs its sentencepiece tokenizer.model; "
                 "copy it from the original model.");
    std::ifstream in(path, std::ios::binary);
    LORAWB_CHECK(in, path, ": cannot be read (check its permissions).");
    std::ostringstream bytes;
    bytes << in.rdbuf();
    LORAWB_CHECK(!bytes.str().empty(), path, ": the tokenizer file is empty; copy tokenizer.model from the original model.");
    auto backend = spm::SpmLibrary::instance().create();
    const std::string error = backend->loadFromBytes(bytes.str());
    LORAWB_CHECK(error.empty(), path, ": not a valid sentencepiece model (", error,
                 "). The file is corrupt or of another tokenizer kind; copy tokenizer.model from the original model.");
    LORAWB_CHECK(backend->vocabSize() > 0, path, ": the sentencepiece model has no pieces.");
    return std::unique_ptr<SentencePieceTokenizer>(new SentencePieceTokenizer(std::move(backend)));
}

SentencePieceTokenizer::SentencePieceTokenizer(std::unique_ptr<spm::SpmBackend> backend) : m_backend(std::move(backend)) {}
SentencePieceTokenizer::~SentencePieceTokenizer() = default;

std::vector<int> SentencePieceTokenizer::encode(const std::string& text) const { return m_backend->encode(text); }
std::string SentencePieceTokenizer::decode(const std::vector<int>& ids) const { return m_backend->decode(ids); }
std::string SentencePieceTokenizer::idToPiece(int id) const { return m_backend->idToPiece(id); }
int SentencePieceTokenizer::vocabSize() const { return m_backend->vocabSize(); }
int SentencePieceTokenizer::bosId() const { return m_backend->bosId(); }
int SentencePieceTokenizer::eosId() const { return m_backend->eosId(); }
int SentencePieceTokenizer::padId() const { return m_backend->padId(); }
int SentencePieceTokenizer::unkId() const { return m_backend->unkId(); }
float SentencePieceTokenizer::pieceScore(int id) const { return m_backend->score(id); }
int SentencePieceTokenizer::pieceType(int id) const { return m_backend->pieceType(id); }

void trainSentencePiece(const std::string& spmArgs)
{
    const std::string error = spm::SpmLibrary::instance().train(spmArgs);
    LORAWB_CHECK(error.empty(), "training the sentencepiece tokenizer failed: ", error);
}

} // namespace core
