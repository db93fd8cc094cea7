#include "core/data/ClassCounts.h"

namespace core {

std::vector<int64_t> classCounts(const std::vector<Example>& examples, const ClassLabels& classes)
{
    // A span head's "classes" are positions, not names to count.
    if (classes.empty() || classes.problemType == ProblemType::Regression || classes.unit == ClassifiedUnit::Span)
        return {};
    std::vector<int64_t> counts(static_cast<size_t>(classes.numLabels), 0);
    for (const Example& e : examples) {
        if (classes.unit == ClassifiedUnit::Token) {
            for (int64_t label : e.labels)
                if (label != kIgnoreIndex)
                    ++counts[static_cast<size_t>(label)];
        } else if (classes.problemType == ProblemType::SingleLabel) {
            ++counts[static_cast<size_t>(e.target.front())];
        } else {
            for (size_t c = 0; c < counts.size(); ++c)
                counts[c] += e.target[c] > 0.5f;
        }
    }
    return counts;
}

} // namespace core
