// The sentencepiece bridge module. Built as lorawb_spm.so and loaded by SpmLibrary with RTLD_LOCAL | RTLD_DEEPBIND:
// this is the only translation unit in the project that includes sentencepiece headers (see SpmBackend.h for why).
#include "core/tokenizer/bridge/SpmBackend.h"

#include <sentencepiece_processor.h>
#include <sentencepiece_trainer.h>

#include <exception>

namespace {

class SentencePieceBackend final : public core::spm::SpmBackend {
public:
    std::string loadFromBytes(const std::string& bytes) override
    {
        const auto status = m_processor.LoadFromSerializedProto(bytes);
        return status.ok() ? std::string() : status.ToString();
    }
    std::vector<int> encode(const std::string& text) const override
    {
        std::vector<int> ids;
        m_processor.Encode(text, &ids);
        return ids;
    }
    std::vector<std::string> encodePieces(const std::string& text) const override
    {
        std::vector<std::string> pieces;
        m_processor.Encode(text, &pieces);
        return pieces;
    }
    std::string decode(const std::vector<int>& ids) const override
    {
        std::string text;
        m_processor.Decode(ids, &text);
        return text;
    }
    std::string idToPiece(int id) const override { return m_processor.IdToPiece(id); }
    int pieceToId(const std::string& piece) const override { return m_processor.PieceToId(piece); }
    int vocabSize() const override { return m_processor.GetPieceSize(); }
    int bosId() const override { return m_processor.bos_id(); }
    int eosId() const override { return m_processor.eos_id(); }
    int padId() const override { return m_processor.pad_id(); }
    int unkId() const override { return m_processor.unk_id(); }
    bool isByte(int id) const override { return m_processor.IsByte(id); }
    bool isControl(int id) const override { return m_processor.IsControl(id) || m_processor.IsUnknown(id); }
    float score(int id) const override { return m_processor.GetScore(id); }
    int pieceType(int id) const override
    {
        if (m_processor.IsUnknown(id))
            return 2;
        if (m_processor.IsControl(id))
            return 3;
        if (m_processor.IsUnused(id))
            return 5;
        if (m_processor.IsByte(id))
            return 6;
        return 1;
    }

private:
    sentencepiece::SentencePieceProcessor m_processor;
};

} // namespace

extern "C" __attribute__((visibility("default"))) core::spm::SpmBackend* lorawb_spm_create()
{
    return new SentencePieceBackend();
}

extern "C" __attribute__((visibility("default"))) int lorawb_spm_bridge_version() { return core::spm::kBridgeVersion; }

extern "C" __attribute__((visibility("default"))) std::string lorawb_spm_train(const char* args)
{
    try {
        const auto status = sentencepiece::SentencePieceTrainer::Train(args);
        return status.ok() ? std::string() : status.ToString();
    } catch (const std::exception& e) {
        return e.what();
    }
}
