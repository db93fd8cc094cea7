#pragma once
// A pairs batch (FEATURE_EXTRACTION) through the model: the embeddings of its queries, positives and hard negatives,
// and the in-batch contrastive loss over them. Training steps (core/train/TaskObjective) and evaluation
// (RetrievalMetrics) call the same two functions, so both score a batch the same way.
#include "core/data/Collator.h"
#include "core/model/CausalLm.h"
#include "core/model/ContrastiveLoss.h"
#include "core/task/Embedding.h"

namespace core {

struct PairEmbeddings {
    at::Tensor queries;   ///< [B, H] float32, L2-normalised, on the model's device
    at::Tensor positives; ///< [B, H]
    at::Tensor negatives; ///< [N, H], undefined when no example of the batch has a negative
};

// batch: Batch::positiveIds set (CPU tensors; they move to the model's device here).
PairEmbeddings embedPairBatch(CausalLm& model, const Batch& batch, Pooling pooling);

// The candidates are the positives, then the negatives.
ContrastiveLoss pairLoss(const PairEmbeddings& embeddings, double temperature);

} // namespace core
