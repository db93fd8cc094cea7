#pragma once
// Texts → sentence embeddings in batches: each text encoded as tokenizer(text) does (its default special tokens),
// cut to maxLength, right-padded with the tokenizer's pad id, and pooled (core/model/SentenceEmbedding) without
// gradients and in eval mode. What `lorawb embed` writes and Try it's nearest texts search.
#include "core/model/CausalLm.h"
#include "core/task/Embedding.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace core {

class Tokenizer;

struct TextEmbeddings {
    at::Tensor vectors;                 ///< [texts, hidden] float32 on the CPU, in the texts' order
    std::vector<std::vector<int>> ids;  ///< each text's token ids as the model read them (after maxLength)
    int64_t truncated = 0;              ///< texts cut to maxLength
};

struct EmbeddingOptions {
    Pooling pooling = Pooling::Mean;
    bool normalize = true;
    int64_t maxLength = 512;
    int64_t batchSize = 8;
};

// whereText(i) names text i in the message when it gives no tokens ("texts.txt: line 7"). onProgress(done, total)
// after each batch when set.
TextEmbeddings embedTexts(CausalLm& model, const Tokenizer& tok, const std::vector<std::string>& texts,
                          const EmbeddingOptions& options, const std::function<std::string(size_t)>& whereText,
                          const std::function<void(int64_t, int64_t)>& onProgress = {});

} // namespace core
