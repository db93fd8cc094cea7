#pragma once
// "Did you mean …?" for a mistyped setting name: the closest known name by edit distance, when it is close enough to
// be a typo rather than a different word.
#include <string>
#include <vector>

namespace core {

// Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of neighbours cost 1 each.
int editDistance(const std::string& a, const std::string& b);

// The candidate nearest to `word` (ties: the first), or "" when none is within a typo's reach (about a third of the
// word's length, at least 2 edits). Case is ignored, so "Lora_Alpha" finds "lora_alpha".
std::string closestMatch(const std::string& word, const std::vector<std::string>& candidates);

} // namespace core
