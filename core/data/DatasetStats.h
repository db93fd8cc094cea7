#pragma once
#include "core/data/DatasetReport.h"
#include "core/data/Example.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace core {

// What `lorawb data stats` and the GUI's data page show about a set of examples.
struct DatasetStats {
    int64_t examples = 0;
    int64_t minLength = 0, maxLength = 0; ///< tokens per example, BOS/EOS included, after max_length
    double meanLength = 0, medianLength = 0, p95Length = 0; ///< percentiles interpolated as numpy does
    std::vector<int64_t> histogramEdges;  ///< bins + 1 edges; bin i holds lengths in [edges[i], edges[i+1])
    std::vector<int64_t> histogramCounts; ///< bins of equal integer width from minLength, at most `bins` of them
    int64_t totalTokens = 0;
    int64_t trainedTokens = 0; ///< tokens that carry loss (see trainedTokenCount)
    double trainedShare = 0;   ///< trainedTokens / totalTokens
    int64_t records = 0, skipped = 0, truncated = 0, dropped = 0; ///< from the DatasetReport
};

DatasetStats computeStats(const std::vector<Example>& examples, const DatasetReport& report = {}, int bins = 10);
// The same over two sets (train and validation).
DatasetStats computeStats(const std::vector<Example>& train, const std::vector<Example>& validation,
                          const DatasetReport& report, int bins = 10);

// {"examples": …, "length": {"min", "max", "mean", "median", "p95"}, "histogram": {"edges", "counts"},
//  "tokens": {"total", "trained", "trained_share"}, "records", "skipped", "truncated", "dropped"}
nlohmann::json toJson(const DatasetStats& stats);
// A few lines for a terminal, the histogram as bars.
std::string formatStats(const DatasetStats& stats);

} // namespace core
