#include "core/data/TokenSpans.h"

#include "core/tokenizer/Tokenizer.h"

namespace core {

bool spellTokens(const std::string& text, const std::vector<int>& ids, const Tokenizer& tok, SpelledTokens& out)
{
    std::string surface;
    out.starts.clear();
    out.ends.clear();
    out.starts.reserve(ids.size());
    out.ends.reserve(ids.size());
    for (int id : ids) {
        out.starts.push_back(surface.size());
        tok.appendTokenText(id, surface);
        out.ends.push_back(surface.size());
    }
    if (surface.size() < text.size() || surface.size() > text.size() + 1)
        return false;
    const size_t shift = surface.size() - text.size();
    if ((shift == 1 && surface[0] != ' ') || surface.compare(shift, std::string::npos, text) != 0)
        return false;
    for (size_t k = 0; k < ids.size(); ++k) {
        out.starts[k] = out.starts[k] >= shift ? out.starts[k] - shift : 0;
        out.ends[k] = out.ends[k] >= shift ? out.ends[k] - shift : 0;
    }
    return true;
}

} // namespace core
