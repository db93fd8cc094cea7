#include "core/data/DatasetStats.h"

#include "core/data/ExampleBuilder.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace core {

namespace {

// numpy.percentile's default (linear interpolation between closest ranks) over sorted values.
double percentile(const std::vector<int64_t>& sorted, double q)
{
    const double position = q * static_cast<double>(sorted.size() - 1);
    const size_t below = static_cast<size_t>(std::floor(position));
    const size_t above = std::min(sorted.size() - 1, below + 1);
    const double fraction = position - static_cast<double>(below);
    return static_cast<double>(sorted[below]) + fraction * static_cast<double>(sorted[above] - sorted[below]);
}

void accumulate(const std::vector<Example>& examples, std::vector<int64_t>& lengths, DatasetStats& stats)
{
    for (const Example& e : examples) {
        lengths.push_back(static_cast<int64_t>(e.inputIds.size()));
        stats.trainedTokens += trainedTokenCount(e);
    }
}

DatasetStats finish(std::vector<int64_t> lengths, DatasetStats stats, const DatasetReport& report, int bins)
{
    stats.records = report.records;
    stats.skipped = report.skipped;
    stats.truncated = report.truncated;
    stats.dropped = report.dropped;
    stats.examples = static_cast<int64_t>(lengths.size());
    if (lengths.empty())
        return stats;
    std::sort(lengths.begin(), lengths.end());
    for (int64_t n : lengths)
        stats.totalTokens += n;
    stats.minLength = lengths.front();
    stats.maxLength = lengths.back();
    stats.meanLength = static_cast<double>(stats.totalTokens) / static_cast<double>(lengths.size());
    stats.medianLength = percentile(lengths, 0.5);
    stats.p95Length = percentile(lengths, 0.95);
    stats.trainedShare = stats.totalTokens > 0
                             ? static_cast<double>(stats.trainedTokens) / static_cast<double>(stats.totalTokens)
                             : 0.0;
    // Integer-width bins from min to max: a bin never splits one length.
    const int64_t span = stats.maxLength - stats.minLength + 1;
    const int64_t count = std::max<int64_t>(1, std::min<int64_t>(bins, span));
    const int64_t width = (span + count - 1) / count;
    const int64_t used = (span + width - 1) / width;
    for (int64_t i = 0; i <= used; ++i)
        stats.histogramEdges.push_back(stats.minLength + i * width);
    stats.histogramCounts.assign(static_cast<size_t>(used), 0);
    for (int64_t n : lengths)
        ++stats.histogramCounts[static_cast<size_t>(std::min(used - 1, (n - stats.minLength) / width))];
    return stats;
}

} // namespace

DatasetStats computeStats(const std::vector<Example>& examples, const DatasetReport& report, int bins)
{
    return computeStats(examples, {}, report, bins);
}

DatasetStats computeStats(const std::vector<Example>& train, const std::vector<Example>& validation,
                          const DatasetReport& report, int bins)
{
    DatasetStats stats;
    std::vector<int64_t> lengths;
    lengths.reserve(train.size() + validation.size());
    accumulate(train, lengths, stats);
    accumulate(validation, lengths, stats);
    return finish(std::move(lengths), stats, report, bins);
}

nlohmann::json toJson(const DatasetStats& s)
{
    return {{"examples", s.examples},
            {"length",
             {{"min", s.minLength}, {"max", s.maxLength}, {"mean", s.meanLength}, {"median", s.medianLength},
              {"p95", s.p95Length}}},
            {"histogram", {{"edges", s.histogramEdges}, {"counts", s.histogramCounts}}},
            {"tokens", {{"total", s.totalTokens}, {"trained", s.trainedTokens}, {"trained_share", s.trainedShare}}},
            {"records", s.records},
            {"skipped", s.skipped},
            {"truncated", s.truncated},
            {"dropped", s.dropped}};
}

std::string formatStats(const DatasetStats& s)
{
    char line[256];
    std::string out;
    std::snprintf(
        line, sizeof line, "records: %lld valid, %lld skipped; examples: %lld (%lld truncated, %lld dropped)\n",
        static_cast<long long>(s.records), static_cast<long long>(s.skipped), static_cast<long long>(s.examples),
        static_cast<long long>(s.truncated), static_cast<long long>(s.dropped));
    out += line;
    std::snprintf(line, sizeof line, "tokens per example: min %lld, median %.1f, mean %.1f, p95 %.1f, max %lld\n",
                  static_cast<long long>(s.minLength), s.medianLength, s.meanLength, s.p95Length,
                  static_cast<long long>(s.maxLength));
    out += line;
    std::snprintf(line, sizeof line, "tokens: %lld total, %lld trained (%.1f%%)\n",
                  static_cast<long long>(s.totalTokens), static_cast<long long>(s.trainedTokens),
                  100.0 * s.trainedShare);
    out += line;
    const int64_t peak = s.histogramCounts.empty()
                             ? 0
                             : *std::max_element(s.histogramCounts.begin(), s.histogramCounts.end());
    for (size_t i = 0; i < s.histogramCounts.size(); ++i) {
        const int bar = peak > 0 ? static_cast<int>(40 * s.histogramCounts[i] / peak) : 0;
        std::snprintf(line, sizeof line, "  %6lld-%-6lld %7lld %s\n", static_cast<long long>(s.histogramEdges[i]),
                      static_cast<long long>(s.histogramEdges[i + 1] - 1), static_cast<long long>(s.histogramCounts[i]),
                      std::string(static_cast<size_t>(bar), '#').c_str());
        out += line;
    }
    return out;
}

} // namespace core
