#include "core/eval/RetrievalMetrics.h"

#include "core/common/Error.h"
#include "core/data/Collator.h"
#include "core/eval/EvalMode.h"
#include "core/eval/PairEmbeddings.h"

#include <torch/torch.h>

#include <map>
#include <numeric>

namespace core {

RetrievalEvaluation evaluateRetrieval(CausalLm& model, const std::vector<Example>& examples,
                                      const ContrastiveObjective& objective, int64_t batchSize, int64_t padId,
                                      const std::function<void(int64_t, int64_t)>& onProgress)
{
    LORAWB_ASSERT(!examples.empty(), "retrieval evaluation needs pairs");
    torch::NoGradGuard noGrad;
    EvalModeGuard evalMode(model);
    const int64_t n = static_cast<int64_t>(examples.size());
    const int64_t step = std::max<int64_t>(batchSize, 1);
    RetrievalEvaluation out;

    // The corpus: each distinct positive or negative once (equal ids, equal text), in first-seen order.
    std::map<std::vector<int64_t>, int64_t> documentOf;
    std::vector<std::vector<int64_t>> relevant;
    std::vector<at::Tensor> documentRows; // embeddings, by corpus index
    const auto addDocument = [&](const std::vector<int64_t>& ids, const at::Tensor& embedding) {
        const auto [it, inserted] = documentOf.emplace(ids, static_cast<int64_t>(documentRows.size()));
        if (inserted)
            documentRows.push_back(embedding);
        return it->second;
    };

    std::vector<at::Tensor> queryBlocks;
    double lossSum = 0;
    int64_t lossItems = 0;
    for (int64_t begin = 0; begin < n; begin += step) {
        std::vector<int64_t> indices(static_cast<size_t>(std::min(step, n - begin)));
        std::iota(indices.begin(), indices.end(), begin);
        const Batch batch = collate(examples, indices, padId);
        const PairEmbeddings embeddings = embedPairBatch(model, batch, objective.pooling);
        const ContrastiveLoss loss = pairLoss(embeddings, objective.temperature);
        lossSum += loss.sum.item<double>();
        lossItems += loss.items;
        const auto positives = embeddings.positives.cpu();
        const auto negatives = embeddings.negatives.defined() ? embeddings.negatives.cpu() : at::Tensor();
        int64_t negative = 0;
        for (size_t r = 0; r < indices.size(); ++r) {
            const Example& e = examples[static_cast<size_t>(indices[r])];
            relevant.push_back({addDocument(e.positiveIds, positives[static_cast<int64_t>(r)])});
            if (!e.negativeIds.empty())
                addDocument(e.negativeIds, negatives[negative++]);
        }
        queryBlocks.push_back(embeddings.queries.cpu());
        if (onProgress)
            onProgress(begin + static_cast<int64_t>(indices.size()), n);
    }
    out.loss = lossSum / static_cast<double>(lossItems);
    const auto queries = torch::cat(queryBlocks, 0);
    const auto documents = torch::stack(documentRows, 0);
    const auto similarity = torch::matmul(queries, documents.t()).contiguous(); // cosine: both sides normalised
    const std::vector<float> scores(similarity.data_ptr<float>(), similarity.data_ptr<float>() + similarity.numel());
    out.ranking = scoreRetrieval(scores, documents.size(0), relevant);
    return out;
}

} // namespace core
