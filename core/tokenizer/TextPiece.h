#pragma once
// The unit tokenizer.json's pipeline passes along (HF's PreTokenizedString splits): a piece of normalized text, or
// an added token already recognized.
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace core {

struct TextPiece {
    std::string text;
    int addedTokenId = -1;       // >= 0: an added token; no normalizer, pre-tokenizer or model touches it
    bool atInputStart = false;   // begins at offset 0 of the original input (Metaspace's prepend_scheme "first")
};

// How a Split pre-tokenizer treats the matched delimiters (HF SplitDelimiterBehavior).
enum class SplitBehavior { Removed, Isolated, MergedWithPrevious, MergedWithNext, Contiguous };

// Splits one piece at `matches` ([begin, end) byte ranges, sorted, non-overlapping) by `behavior` and appends the
// non-empty results to `out`; `invert` swaps what counts as the delimiter (HF's Split "invert").
void splitPiece(const TextPiece& piece, const std::vector<std::pair<std::size_t, std::size_t>>& matches,
                SplitBehavior behavior, bool invert, std::vector<TextPiece>& out);

} // namespace core
