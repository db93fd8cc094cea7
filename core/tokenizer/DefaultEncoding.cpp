#include "core/tokenizer/DefaultEncoding.h"

#include "core/tokenizer/HfTokenizer.h"

namespace core {

std::vector<int> encodeWithDefaultSpecialTokens(const Tokenizer& tok, const std::string& text)
{
    if (const auto* hf = dynamic_cast<const HfTokenizer*>(&tok))
        return hf->encodeWithSpecialTokens(text);
    std::vector<int> ids = tok.encode(text);
    if (tok.bosId() >= 0)
        ids.insert(ids.begin(), tok.bosId());
    return ids;
}

} // namespace core
