#pragma once
// tokenizer.json's "normalizer": NFC / NFD / NFKC / NFKD, Lowercase, Strip, Prepend, Replace and Sequence of them.
#include <nlohmann/json.hpp>

#include <memory>
#include <string>

namespace core {

class HfNormalizer {
public:
    virtual ~HfNormalizer() = default;
    virtual void normalize(std::string& text) const = 0;
};

// null -> nullptr. `where` names the file for messages; an unknown type is a core::Error listing the supported ones.
std::unique_ptr<HfNormalizer> parseHfNormalizer(const nlohmann::json& spec, const std::string& where);

} // namespace core
