#pragma once
// The baseline the demo model must beat: an add-one smoothed unigram model over the tokenizer's ids, fitted on the
// pretraining text and evaluated on the held-out text. A language model that has learned anything about context sits
// far below its perplexity.
#include <cstdint>
#include <vector>

namespace demo {

struct UnigramResult {
    double loss = 0;       ///< mean negative log-likelihood (nats) per token
    double perplexity = 0; ///< exp(loss)
    int64_t tokens = 0;    ///< tokens evaluated
};

class UnigramBaseline {
public:
    // counts: ids of the fitting text; vocabSize: every id in [0, vocabSize) gets one extra count.
    UnigramBaseline(const std::vector<int>& fitIds, int vocabSize);
    UnigramResult evaluate(const std::vector<int>& ids) const;

private:
    std::vector<double> m_logProb;
};

} // namespace demo
