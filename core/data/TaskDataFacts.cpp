#include "core/data/TaskDataFacts.h"

#include "core/data/ClassCounts.h"

namespace core {

TaskDataFacts taskDataFacts(const PreparedData& data)
{
    TaskDataFacts facts;
    const std::vector<int64_t> train = classCounts(data.train, data.classes);
    const std::vector<int64_t> validation = classCounts(data.validation, data.classes);
    for (size_t c = 0; c < train.size(); ++c)
        facts.classes.emplace_back(data.classes.names[c], train[c] + validation[c]);
    facts.perWord = data.classes.unit == ClassifiedUnit::Token;
    facts.hasProblemType = !data.classes.empty() && data.classes.unit == ClassifiedUnit::Sequence;
    facts.problemType = data.classes.problemType;
    facts.questions = data.classes.unit == ClassifiedUnit::Span;
    for (const auto* set : {&data.train, &data.validation})
        for (const Example& e : *set) {
            // squad: a window's target is {start, end} of its answer, {0, 0} when the window does not hold it
            facts.windowsWithAnswer += facts.questions && e.target.size() == 2 && e.target[0] > 0;
            facts.pairs += !e.positiveIds.empty();
            facts.withNegative += !e.negativeIds.empty();
        }
    if (facts.questions) {
        facts.questionCount = data.report.records;
        facts.windows = static_cast<int64_t>(data.train.size() + data.validation.size());
    }
    return facts;
}

} // namespace core
