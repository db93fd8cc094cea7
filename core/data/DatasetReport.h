#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace core {

// What happened to the records of a dataset on the way to examples.
struct DatasetReport {
    int64_t records = 0;   ///< valid records read (text format: windows of max_length tokens)
    int64_t skipped = 0;   ///< invalid records skipped (only with skip_invalid)
    int64_t truncated = 0; ///< examples cut to max_length (overlong: truncate)
    int64_t dropped = 0;   ///< examples left out: longer than max_length (overlong: drop), or nothing left to train
    std::vector<std::string> firstSkipReasons; ///< "FILE: record 3 (line 4): missing field 'output'", at most 5
    std::vector<std::string> warnings; ///< what trains but likely not as meant (a classifier shown one class only)

    static constexpr size_t kMaxReasons = 5;
};

} // namespace core
