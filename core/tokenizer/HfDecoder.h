#pragma once
// tokenizer.json's "decoder": ByteLevel, Metaspace, ByteFallback, Fuse, Strip, Replace and Sequence. Each maps the
// list of token strings to a new list (HF decode_chain); decoding joins the final list.
#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

namespace core {

class HfDecoder {
public:
    virtual ~HfDecoder() = default;
    virtual void decodeChain(std::vector<std::string>& tokens) const = 0;
};

// null -> nullptr (HF then joins the tokens with spaces); an unknown type is a core::Error.
std::unique_ptr<HfDecoder> parseHfDecoder(const nlohmann::json& spec, const std::string& where);

} // namespace core
