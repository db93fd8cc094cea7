#include "core/data/Collator.h"

#include "core/common/Error.h"
#include "core/tokenizer/Tokenizer.h"

#include <torch/torch.h>

#include <algorithm>

namespace core {

namespace {

// Right-padded [rows, longest] ids and their lengths [rows].
std::pair<at::Tensor, at::Tensor> padded(const std::vector<const std::vector<int64_t>*>& rows, int64_t padId,
                                         int64_t& tokens)
{
    int64_t t = 0;
    for (const auto* row : rows)
        t = std::max<int64_t>(t, static_cast<int64_t>(row->size()));
    const int64_t b = static_cast<int64_t>(rows.size());
    auto ids = torch::full({b, t}, padId, torch::kInt64);
    auto lengths = torch::empty({b}, torch::kInt64);
    for (int64_t r = 0; r < b; ++r) {
        const auto& row = *rows[static_cast<size_t>(r)];
        std::copy(row.begin(), row.end(), ids.data_ptr<int64_t>() + r * t);
        lengths.data_ptr<int64_t>()[r] = static_cast<int64_t>(row.size());
        tokens += static_cast<int64_t>(row.size());
    }
    return {ids, lengths};
}

void collatePairs(const std::vector<const Example*>& examples, int64_t padId, Batch& batch)
{
    std::vector<const std::vector<int64_t>*> positives, negatives;
    for (const Example* e : examples) {
        LORAWB_ASSERT(!e->positiveIds.empty(), "a batch that mixes pairs with other examples");
        positives.push_back(&e->positiveIds);
        if (!e->negativeIds.empty())
            negatives.push_back(&e->negativeIds);
    }
    std::tie(batch.positiveIds, batch.positiveLengths) = padded(positives, padId, batch.tokens);
    if (!negatives.empty())
        std::tie(batch.negativeIds, batch.negativeLengths) = padded(negatives, padId, batch.tokens);
}

} // namespace

Batch collate(const std::vector<const Example*>& examples, int64_t padId)
{
    LORAWB_ASSERT(!examples.empty(), "collate needs at least one example");
    const int64_t b = static_cast<int64_t>(examples.size());
    int64_t t = 0;
    for (const Example* e : examples) {
        LORAWB_ASSERT(e != nullptr && e->inputIds.size() == e->labels.size() && !e->inputIds.empty());
        t = std::max<int64_t>(t, static_cast<int64_t>(e->inputIds.size()));
    }
    const auto options = torch::TensorOptions().dtype(torch::kInt64);
    Batch batch;
    batch.inputIds = torch::full({b, t}, padId, options);
    batch.labels = torch::full({b, t}, kIgnoreIndex, options);
    batch.attentionMask = torch::zeros({b, t}, options);
    int64_t* ids = batch.inputIds.data_ptr<int64_t>();
    int64_t* labels = batch.labels.data_ptr<int64_t>();
    int64_t* mask = batch.attentionMask.data_ptr<int64_t>();
    for (int64_t row = 0; row < b; ++row) {
        const Example& e = *examples[static_cast<size_t>(row)];
        const size_t n = e.inputIds.size();
        std::copy_n(e.inputIds.data(), n, ids + row * t);
        std::copy_n(e.labels.data(), n, labels + row * t);
        std::fill_n(mask + row * t, n, 1);
        batch.tokens += static_cast<int64_t>(n);
    }
    if (!examples.front()->positiveIds.empty())
        collatePairs(examples, padId, batch);
    const size_t width = examples.front()->target.size();
    if (width > 0) {
        batch.targets = torch::empty({b, static_cast<int64_t>(width)}, torch::kFloat32);
        float* targets = batch.targets.data_ptr<float>();
        for (int64_t row = 0; row < b; ++row) {
            const auto& target = examples[static_cast<size_t>(row)]->target;
            LORAWB_ASSERT(target.size() == width, "examples with targets of different sizes in one batch");
            std::copy_n(target.data(), width, targets + row * static_cast<int64_t>(width));
        }
    }
    return batch;
}

Batch collate(const std::vector<Example>& examples, const std::vector<int64_t>& indices, int64_t padId)
{
    std::vector<const Example*> pointers;
    pointers.reserve(indices.size());
    for (int64_t i : indices) {
        LORAWB_ASSERT(i >= 0 && i < static_cast<int64_t>(examples.size()), "example index ", i, " out of range");
        pointers.push_back(&examples[static_cast<size_t>(i)]);
    }
    return collate(pointers, padId);
}

int64_t batchPadId(const Tokenizer& tok)
{
    if (tok.padId() >= 0)
        return tok.padId();
    if (tok.eosId() >= 0)
        return tok.eosId();
    return 0;
}

} // namespace core
