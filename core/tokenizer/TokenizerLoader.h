#pragma once
// The tokenizer of a Hugging Face model directory, chosen as transformers chooses it: tokenizer.json when present,
// else sentencepiece's tokenizer.model.
#include "core/tokenizer/Tokenizer.h"

#include <memory>
#include <string>

namespace core {

// Throws core::Error naming the directory when it has neither file, or naming the file that is broken.
std::unique_ptr<Tokenizer> loadTokenizer(const std::string& modelDirectory);
// "tokenizer.json" or "tokenizer.model": the file loadTokenizer reads (for messages and provenance); "" if none.
std::string tokenizerFileName(const std::string& modelDirectory);

} // namespace core
