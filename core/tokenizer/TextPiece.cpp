#include "core/tokenizer/TextPiece.h"

#include <algorithm>

namespace core {

void splitPiece(const TextPiece& piece, const std::vector<std::pair<std::size_t, std::size_t>>& matches,
                SplitBehavior behavior, bool invert, std::vector<TextPiece>& out)
{
    // The piece as consecutive ranges, each marked delimiter or not (HF Pattern::find_matches).
    struct Range {
        std::size_t begin, end;
        bool delimiter;
    };
    std::vector<Range> ranges;
    std::size_t previous = 0;
    for (const auto& [begin, end] : matches) {
        if (begin > previous)
            ranges.push_back({previous, begin, invert});
        ranges.push_back({begin, end, !invert});
        previous = end;
    }
    if (previous < piece.text.size())
        ranges.push_back({previous, piece.text.size(), invert});

    std::vector<std::pair<std::size_t, std::size_t>> kept;
    bool previousWasDelimiter = false;
    switch (behavior) {
    case SplitBehavior::Removed:
        for (const Range& r : ranges)
            if (!r.delimiter)
                kept.emplace_back(r.begin, r.end);
        break;
    case SplitBehavior::Isolated:
        for (const Range& r : ranges)
            kept.emplace_back(r.begin, r.end);
        break;
    case SplitBehavior::Contiguous:
        for (std::size_t i = 0; i < ranges.size(); ++i) {
            if (i > 0 && ranges[i].delimiter == previousWasDelimiter)
                kept.back().second = ranges[i].end;
            else
                kept.emplace_back(ranges[i].begin, ranges[i].end);
            previousWasDelimiter = ranges[i].delimiter;
        }
        break;
    case SplitBehavior::MergedWithPrevious:
        for (const Range& r : ranges) {
            if (r.delimiter && !previousWasDelimiter && !kept.empty())
                kept.back().second = r.end;
            else
                kept.emplace_back(r.begin, r.end);
            previousWasDelimiter = r.delimiter;
        }
        break;
    case SplitBehavior::MergedWithNext:
        // Walked from the end: a delimiter joins the piece that follows it.
        for (auto it = ranges.rbegin(); it != ranges.rend(); ++it) {
            if (it->delimiter && !previousWasDelimiter && !kept.empty())
                kept.back().first = it->begin;
            else
                kept.emplace_back(it->begin, it->end);
            previousWasDelimiter = it->delimiter;
        }
        std::reverse(kept.begin(), kept.end());
        break;
    }
    for (const auto& [begin, end] : kept) {
        if (end <= begin)
            continue;
        TextPiece part;
        part.text = piece.text.substr(begin, end - begin);
        part.atInputStart = piece.atInputStart && begin == 0;
        out.push_back(std::move(part));
    }
}

} // namespace core
