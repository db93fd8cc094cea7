#pragma once
// What a task head's data holds beyond token lengths, as `lorawb data stats` and the window's Data tab report it:
// SEQ_CLS records per class (multi-label: records carrying it) and TOKEN_CLS words per tag, over the training and
// validation examples together; squad's questions and how many windows hold their question's answer; pairs and how
// many bring a hard negative. Computed from prepared examples, so it counts what training reads.
#include "core/data/PreparedData.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace core {

struct TaskDataFacts {
    std::vector<std::pair<std::string, int64_t>> classes; ///< (label, count), in class-id order
    bool perWord = false;         ///< TOKEN_CLS: the counts are words (tagged first sub-tokens), not records
    bool hasProblemType = false;  ///< SEQ_CLS: problemType says single-label, multi-label or regression
    ProblemType problemType = ProblemType::Auto;
    bool questions = false;       ///< squad: questionCount and windowsWithAnswer are set
    int64_t questionCount = 0, windows = 0, windowsWithAnswer = 0;
    int64_t pairs = 0, withNegative = 0; ///< pairs: pairs > 0
};

TaskDataFacts taskDataFacts(const PreparedData& data);

} // namespace core
