#pragma once
// Mean next-token cross-entropy and perplexity: `lorawb eval`, the trainer's validation pass and the forgetting
// probe all count the same way, so their numbers can be compared.
#include "core/data/Example.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace core {

class CausalLm;
class Tokenizer;
struct ModelConfig;

struct PerplexityResult {
    double loss = 0;       ///< mean cross-entropy (nats) over every predicted token
    double perplexity = 0; ///< exp(loss); +inf when that overflows
    int64_t tokens = 0;    ///< predicted tokens the mean is over
    int64_t sequences = 0; ///< windows or examples evaluated
    // examplesPerplexity: each example's loss sum and predicted tokens, in the examples' order (0 where it predicts
    // nothing), so that other averages can be taken without another pass.
    std::vector<double> exampleLossSums;
    std::vector<int64_t> exampleTokens;
};

// transformers' Trainer eval_loss over the same examples: consecutive batches of batchSize examples in their order
// (its SequentialSampler), each batch's loss the mean over its predicted tokens, averaged with each batch weighted by
// the examples it holds (trainer.py repeats a batch's loss batch-size times before the mean). Batches without a
// predicted token are left out (transformers would average in a NaN). Differs from `loss` (every token weighs the
// same) when batches hold different numbers of tokens.
double batchMeanLoss(const PerplexityResult& result, int64_t batchSize);

struct PerplexityOptions {
    int64_t batchSize = 8;        ///< sequences per forward pass (right-padded; padding carries no loss)
    int64_t maxBatchTokens = 8192; ///< fewer sequences per pass when they are long, to bound the logits' memory
    // After every forward pass: sequences scored so far and in all. For a long text (millions of tokens take minutes
    // on a CPU) the caller shows how far it is.
    std::function<void(int64_t done, int64_t total)> onProgress;
};

// Sum of each example's loss over its labelled tokens, divided by their count (not a mean of per-example means), as
// transformers computes the loss of one batch holding all examples. Eval mode, no grad; the model's device.
// Throws core::Error when no example has a token to predict.
PerplexityResult examplesPerplexity(CausalLm& model, const std::vector<Example>& examples, int64_t padId,
                                    const PerplexityOptions& options = {});

// eval --text: BOS followed by the ids of the whole text, cut into consecutive windows of at most windowLength
// tokens (0: the model's max_position_embeddings), without overlap; the mean over every predicted token. For a text
// that fits one window this is exactly transformers' model(input_ids=ids, labels=ids).loss. `source` names the text in
// messages.
PerplexityResult textPerplexity(CausalLm& model, const Tokenizer& tok, const std::string& text,
                                const std::string& source, int64_t windowLength = 0,
                                const PerplexityOptions& options = {});
// The same for a UTF-8 text file (its path names it in messages).
PerplexityResult textFilePerplexity(CausalLm& model, const Tokenizer& tok, const std::string& path,
                                    int64_t windowLength = 0, const PerplexityOptions& options = {});

// eval --data: the Alpaca records of a dataset file (JSON array, JSONL or CSV) with the standard template, loss on the
// response tokens and EOS only (data.train_on_prompt false), cut at the model's max_position_embeddings. limit > 0:
// only the first `limit` records. Throws core::Error naming the file for bad or empty data.
PerplexityResult datasetPerplexity(CausalLm& model, const Tokenizer& tok, const std::string& path, int64_t limit = 0,
                                   const PerplexityOptions& options = {});

// The sequences those three functions score, built without a forward pass, with the same checks and messages: for a
// caller that scores several variants of one model (the truncation curve) on data read and tokenized once.
struct ScoredExamples {
    std::vector<Example> examples;
    int64_t padId = 0;
};
ScoredExamples textExamples(const ModelConfig& model, const Tokenizer& tok, const std::string& text,
                            const std::string& source, int64_t windowLength = 0);
ScoredExamples textFileExamples(const ModelConfig& model, const Tokenizer& tok, const std::string& path,
                                int64_t windowLength = 0);
ScoredExamples datasetExamples(const ModelConfig& model, const Tokenizer& tok, const std::string& path,
                               int64_t limit = 0);

} // namespace core
