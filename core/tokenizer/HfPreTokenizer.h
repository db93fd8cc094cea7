#pragma once
// tokenizer.json's "pre_tokenizer": Split, ByteLevel, Metaspace, Digits, Whitespace, WhitespaceSplit, Punctuation and
// Sequence, as HF `tokenizers` applies them (each one to every piece that is not an added token).
#include "core/tokenizer/TextPiece.h"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

namespace core {

class HfPreTokenizer {
public:
    virtual ~HfPreTokenizer() = default;
    // Replaces every piece without an added token by its parts; added tokens pass through unchanged.
    void preTokenize(std::vector<TextPiece>& pieces) const;

protected:
    // One piece of text in, its parts out.
    virtual void split(const TextPiece& piece, std::vector<TextPiece>& out) const = 0;
    friend class SequencePreTokenizer;
};

// The Metaspace settings a decoder and a GGUF export need to know.
struct MetaspaceSettings {
    std::string replacement = "\xE2\x96\x81"; // "▁"
    enum class Prepend { Always, First, Never } prepend = Prepend::Always;
    bool split = true;
};
MetaspaceSettings parseMetaspaceSettings(const nlohmann::json& spec, const std::string& where);

// null -> nullptr; an unknown type is a core::Error naming it and the supported ones.
std::unique_ptr<HfPreTokenizer> parseHfPreTokenizer(const nlohmann::json& spec, const std::string& where);

} // namespace core
