#pragma once
// The ids transformers' tokenizer(text) gives by default (add_special_tokens=True): the post-processor's special
// tokens around the text for a tokenizer.json (Llama 3: BOS; Qwen: none), BOS + the text's ids for a sentencepiece
// tokenizer.
#include <string>
#include <vector>

namespace core {

class Tokenizer;

std::vector<int> encodeWithDefaultSpecialTokens(const Tokenizer& tok, const std::string& text);

} // namespace core
