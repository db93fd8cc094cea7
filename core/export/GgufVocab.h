#pragma once
// The tokenizer part of a GGUF file for a sentencepiece model, as llama.cpp's converter builds it
// (_create_vocab_sentencepiece + gguf.SpecialVocab): every piece with its score and type, added tokens from
// added_tokens.json and tokenizer_config.json's added_tokens_decoder, rows past the tokenizer up to config.json's
// vocab_size as unused "[PADi]" pieces; the special token ids, add_bos / add_eos and the chat template.
#include "core/export/GgufFile.h"
#include "core/model/ModelConfig.h"

#include <nlohmann/json_fwd.hpp>

#include <string>

namespace core {

// Appends tokenizer.ggml.* to metadata: from tokenizer.model when the folder has one, else from its byte-level BPE
// tokenizer.json (GgufBpeVocab.h). core::Error naming the file when neither can be written or the tokenizer is
// larger than the model.
void appendGgufVocab(GgufMetadata& metadata, const std::string& modelDir, const ModelConfig& cfg);

// A model folder's optional JSON file (tokenizer_config.json, added_tokens.json, …): its contents, or an empty
// object when the folder has none.
nlohmann::json optionalJsonFile(const std::string& path, const std::string& what);

// The chat template of modelDir (tokenizer_config.json's chat_template, or chat_template.jinja); "" when none.
std::string chatTemplateOf(const std::string& modelDir);

} // namespace core
