#pragma once
// tokenizer.json's "post_processor" for one sequence: the special tokens it puts before and after the text's ids
// (TemplateProcessing as Llama 2 / Llama 3 use it, Bert and Roberta processing; ByteLevel only moves offsets and so
// adds nothing; Sequence of these).
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace core {

struct SpecialTokensAround {
    std::vector<int> before;
    std::vector<int> after;
};

// null -> nothing around.
SpecialTokensAround parseHfPostProcessor(const nlohmann::json& spec, const std::string& where);

} // namespace core
