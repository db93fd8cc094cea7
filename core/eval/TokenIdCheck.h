#pragma once
// Token ids from a tokenizer must fit the model's embedding table before they reach it (an out-of-range id would be
// an index error deep in libtorch): one check, one message, for every text the evaluators read.
#include <cstdint>
#include <string>
#include <vector>

namespace core {

// core::Error "<lead>token id I is outside the model's vocabulary (vocab_size V); the tokenizer does not belong to
// this model." for the first id outside [0, vocabSize). lead: "FILE: " or "prompt ".
void checkTokenIdsFit(const std::vector<int64_t>& ids, int64_t vocabSize, const std::string& lead);

} // namespace core
