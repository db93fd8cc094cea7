#include "core/data/BatchOrder.h"

#include "core/common/Error.h"
#include "core/data/DataConfig.h"

#include <algorithm>
#include <random>

namespace core {

namespace {

// Fisher-Yates with mt19937_64: std::shuffle's algorithm differs between standard libraries.
template <typename T>
void shuffle(std::vector<T>& items, std::mt19937_64& rng)
{
    for (size_t i = items.size(); i > 1; --i)
        std::swap(items[i - 1], items[rng() % i]);
}

} // namespace

BatchOrderOptions batchOrderOptions(const DataConfig& data)
{
    BatchOrderOptions options;
    options.shuffle = data.shuffle;
    options.groupByLength = data.groupByLength;
    return options;
}

std::vector<std::vector<int64_t>> batchOrder(const std::vector<Example>& examples, int64_t batchSize, uint64_t seed,
                                             const BatchOrderOptions& options)
{
    const bool groupByLength = options.groupByLength;
    LORAWB_CHECK(batchSize >= 1, "train.batch_size must be >= 1, got ", batchSize, ".");
    std::mt19937_64 rng(seed);
    std::vector<int64_t> order(examples.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = static_cast<int64_t>(i);
    if (options.shuffle)
        shuffle(order, rng);
    const auto length = [&](int64_t i) { return examples[static_cast<size_t>(i)].inputIds.size(); };
    const size_t size = static_cast<size_t>(batchSize);
    if (groupByLength) {
        const size_t mega = size * 50;
        for (size_t begin = 0; begin < order.size(); begin += mega) {
            const auto first = order.begin() + static_cast<std::ptrdiff_t>(begin);
            const auto last = order.begin() + static_cast<std::ptrdiff_t>(std::min(order.size(), begin + mega));
            std::stable_sort(first, last, [&](int64_t a, int64_t b) { return length(a) > length(b); });
        }
    }
    std::vector<std::vector<int64_t>> batches;
    for (size_t begin = 0; begin < order.size(); begin += size) {
        const size_t end = std::min(order.size(), begin + size);
        if (options.dropLast && end - begin < size)
            break;
        batches.emplace_back(order.begin() + static_cast<std::ptrdiff_t>(begin),
                             order.begin() + static_cast<std::ptrdiff_t>(end));
    }
    if (groupByLength && options.shuffle && !batches.empty()) {
        shuffle(batches, rng);
        size_t longest = 0, longestLength = 0;
        for (size_t b = 0; b < batches.size(); ++b)
            for (int64_t i : batches[b])
                if (length(i) > longestLength) {
                    longestLength = length(i);
                    longest = b;
                }
        std::swap(batches[0], batches[longest]);
    }
    return batches;
}

} // namespace core
