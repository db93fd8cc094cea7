#pragma once
// Exact-match task accuracy: the model answers each record's prompt greedily and the answer must equal the record's
// output (surrounding whitespace ignored). Strict, but it is what "the model learned the task" means for short
// answers (classification labels, arithmetic, extraction).
#include "core/data/AlpacaRecord.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace core {

class CausalLm;
class PromptTemplate;
class Tokenizer;

struct AccuracyOptions {
    int64_t limit = 0;        ///< evaluate only the first N records; 0 = all
    int64_t extraTokens = 8;  ///< generation budget beyond the reference answer's length (+1 for EOS)
};

struct RecordVerdict {
    int64_t record = 0;    ///< index into the records given
    std::string generated; ///< the model's answer
    bool correct = false;
};

struct AccuracyResult {
    int64_t records = 0;
    int64_t correct = 0;
    double accuracy = 0; ///< correct / records
    std::vector<RecordVerdict> verdicts;
};

// Whitespace (spaces, tabs, newlines) trimmed from both ends.
std::string trimmed(const std::string& text);
bool exactMatch(const std::string& generated, const std::string& reference);

// For each record (up to limit): BOS + the template's prompt, greedy generation of at most
// len(tokens(output)) + extraTokens + 1 tokens, stopping at EOS, compared by exactMatch. onProgress(done, total) is
// called after each record. Throws core::Error for an empty record list.
AccuracyResult exactMatchAccuracy(CausalLm& model, const Tokenizer& tok, const std::vector<AlpacaRecord>& records,
                                  const PromptTemplate& prompts, const AccuracyOptions& options = {},
                                  const std::function<void(int64_t, int64_t)>& onProgress = {});

} // namespace core
