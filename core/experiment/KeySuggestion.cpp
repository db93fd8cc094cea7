#include "core/experiment/KeySuggestion.h"

#include "core/common/Text.h"

#include <algorithm>
#include <cctype>

namespace core {

int editDistance(const std::string& a, const std::string& b)
{
    // Three rows suffice for the swap rule, which looks two characters back.
    const size_t n = b.size();
    std::vector<int> before(n + 1), previous(n + 1), current(n + 1);
    for (size_t j = 0; j <= n; ++j)
        previous[j] = static_cast<int>(j);
    for (size_t i = 1; i <= a.size(); ++i) {
        current[0] = static_cast<int>(i);
        for (size_t j = 1; j <= n; ++j) {
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                current[j] = std::min(current[j], before[j - 2] + 1);
        }
        before.swap(previous);
        previous.swap(current);
    }
    return previous[n];
}

std::string closestMatch(const std::string& word, const std::vector<std::string>& candidates)
{
    const std::string needle = asciiLower(word);
    // Very short words are one edit away from everything; never suggest by replacing the whole word.
    const int length = static_cast<int>(needle.size());
    const int reach = std::min(std::max(2, length / 3), std::max(1, length - 1));
    std::string best;
    int bestDistance = reach + 1;
    for (const auto& candidate : candidates) {
        const int distance = editDistance(needle, asciiLower(candidate));
        if (distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    return best;
}

} // namespace core
