#pragma once
#include "core/data/Example.h"

#include <cstdint>
#include <vector>

namespace core {

struct DataConfig;

struct BatchOrderOptions {
    bool shuffle = true;       ///< false: file order (a curriculum, or another trainer's order to compare with)
    bool groupByLength = false;
    bool dropLast = false;     ///< leave out a last, smaller batch
};

// data.shuffle and data.group_by_length.
BatchOrderOptions batchOrderOptions(const DataConfig& data);

// The batches of one epoch as lists of example indices, shuffled with seed (the same on every platform).
// groupByLength: like HF's LengthGroupedSampler, examples are shuffled, cut into mega-batches of 50 batches, each
// sorted by length (longest first) and cut into batches, so a batch holds similar lengths and little padding; the
// batches are then shuffled, except that the one holding the longest example comes first (an out-of-memory shows at
// step 1, not after an hour). Without shuffle the examples keep their order (grouped: each mega-batch sorted by
// length, batches not shuffled) and seed is unused.
std::vector<std::vector<int64_t>> batchOrder(const std::vector<Example>& examples, int64_t batchSize, uint64_t seed,
                                             const BatchOrderOptions& options = {});

} // namespace core
