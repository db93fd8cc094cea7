#pragma once
// A query's nearest texts among a corpus by the cosine similarity of their sentence embeddings — how a
// FEATURE_EXTRACTION adapter is used for search, and how its evaluation ranks documents (core/eval/RetrievalScore).
// The corpus of a pairs file is its distinct positives and hard negatives, as evaluation's is.
#include "core/data/AlpacaRecord.h"
#include "core/eval/TextEmbeddings.h"

#include <string>
#include <vector>

namespace core {

struct NearText {
    std::string text;
    double cosine = 0;
};

// The k (at most) texts of corpus nearest to query, nearest first (equal similarities in corpus order). Embeddings
// are L2-normalised whatever options.normalize says (cosine similarity).
std::vector<NearText> nearestTexts(CausalLm& model, const Tokenizer& tok, const std::string& query,
                                   const std::vector<std::string>& corpus, EmbeddingOptions options, int64_t k);

// The documents of pairs records (data.format pairs, read by column): each distinct positive and negative once, in
// first-seen order.
std::vector<std::string> pairDocuments(const RecordSet& pairs);

} // namespace core
