#pragma once
// What a FEATURE_EXTRACTION run is about: how a sequence becomes one vector (pooling) and how sharply the contrastive
// loss separates a query's positive from the other candidates (temperature). Qt-free and torch-free, so the
// experiment file's task: section can hold it; core/model/SentenceEmbedding computes the vectors.
#include <string>
#include <vector>

namespace core {

enum class Pooling { Mean, LastToken };

std::string toString(Pooling pooling); // "mean", "last"
Pooling parsePooling(const std::string& text, const std::string& field);
std::vector<std::string> allPoolingNames();

// The in-batch contrastive loss of sentence-transformers' MultipleNegativesRankingLoss: each query's embedding is
// scored (cosine similarity / temperature) against every positive and every hard negative of its batch, and
// cross-entropy asks for its own positive. temperature 0.05 is that loss's default scale of 20.
struct ContrastiveObjective {
    Pooling pooling = Pooling::Mean;
    double temperature = 0.05;
};

} // namespace core
