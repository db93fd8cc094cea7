#pragma once
// One sentence through a TOKEN_CLS model, for trying an adapter by hand: the text split into words at whitespace
// (a token_cls record's words; punctuation stays on its word unless spaced off), tokenized as training tokenizes a
// record's words, and each word given the tag of its first sub-token's highest score, with that score's softmax
// probability — transformers' token-classification pipeline with aggregation_strategy "first".
#include "core/model/CausalLm.h"
#include "core/task/ClassLabels.h"

#include <string>
#include <vector>

namespace core {

class Tokenizer;

struct TaggedWord {
    std::string word;
    std::string tag;        ///< "" when max_length cut the word off (the model did not read it)
    double probability = 0; ///< of that tag at the word's first sub-token
};

// Throws core::Error when the model has no TOKEN_CLS head or the text has no words.
std::vector<TaggedWord> tagWords(CausalLm& model, const Tokenizer& tok, const ClassLabels& classes,
                                 const std::string& text, int64_t maxLength);

} // namespace core
