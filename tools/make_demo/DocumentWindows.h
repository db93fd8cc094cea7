#pragma once
// Pretraining sequences as real base models see them: each document (here: a chapter) is BOS + its tokens + EOS, the
// documents are concatenated and the stream is cut into windows of maxLength tokens (labels = inputs). A model that
// has seen EOS at the end of documents can learn to stop after an answer; with core's plain text format (BOS + the
// whole file) EOS would never occur and its embedding would stay untrained.
#include "core/data/Example.h"

#include <string>
#include <vector>

namespace core {
class Tokenizer;
}

namespace demo {

// Documents are separated by an empty line ("\n\n"); each keeps its final "\n".
std::vector<std::string> splitDocuments(const std::string& text);
std::vector<core::Example> documentWindows(const std::vector<std::string>& documents, const core::Tokenizer& tok,
                                           int maxLength);

} // namespace demo
