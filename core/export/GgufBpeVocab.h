#pragma once
// The tokenizer part of a GGUF file for a byte-level BPE tokenizer.json (Llama 3, Qwen2 / 2.5 / 3, GPT-2), as
// llama.cpp's converter writes it (_set_vocab_gpt2 + gguf.SpecialVocab with merges): every token of the vocabulary
// and the added tokens by id, their types, rows past the tokenizer up to config.json's vocab_size as unused
// "[PADi]" tokens, the merges, the pre-tokenizer's name in llama.cpp, the special token ids and add flags (from
// tokenizer_config.json, the post-processor's template and config.json), and the chat template.
#include "core/export/GgufFile.h"
#include "core/model/ModelConfig.h"

#include <nlohmann/json_fwd.hpp>

#include <string>

namespace core {

// Appends tokenizer.ggml.* for modelDir's tokenizer.json. core::Error naming the file for a tokenizer that is not a
// byte-level BPE, a pre-tokenizer llama.cpp does not know by name here, or one larger than the model.
void appendGgufBpeVocab(GgufMetadata& metadata, const std::string& modelDir, const ModelConfig& cfg);

// llama.cpp's name for the tokenizer's pre-tokenizer ("llama-bpe", "qwen2", "gpt-2"), from its split regex. The
// converter recognises a tokenizer by hashing its ids on a probe text; the regex is what those names stand for.
std::string llamaCppPreTokenizer(const nlohmann::json& tokenizerJson, const std::string& path);

} // namespace core
