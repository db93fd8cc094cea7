// tokenizer.json and tokenizer_config.json of a model folder (the HF tokenizers format: BPE / WordPiece / Unigram
// models, normalizers, pre-tokenizers with PCRE2 patterns, added tokens, post-processors, decoders). The input's
// first byte picks which of the two files it is; the other is a small valid one. A tokenizer that loads must then
// encode and decode a mixed text.
#include "FuzzSupport.h"
#include "core/tokenizer/HfTokenizer.h"

namespace {

// A byte-level BPE with a few merges, and a config with special tokens and a chat template: enough for either file
// under test to load against.
const char* const kTokenizerJson = R"({"version": "1.0", "truncation": null, "padding": null,
 "added_tokens": [{"id": 8, "content": "<|end|>", "single_word": false, "lstrip": false, "rstrip": false,
                   "normalized": false, "special": true}],
 "normalizer": null,
 "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": true},
 "post_processor": null,
 "decoder": {"type": "ByteLevel", "add_prefix_space": true, "trim_offsets": true, "use_regex": true},
 "model": {"type": "BPE", "dropout": null, "unk_token": null, "continuing_subword_prefix": null,
           "end_of_word_suffix": null, "fuse_unk": false, "byte_fallback": false, "ignore_merges": false,
           "vocab": {"a": 0, "b": 1, "c": 2, "ab": 3, "abc": 4, "Ġ": 5, "Ġa": 6, "d": 7},
           "merges": ["a b", "ab c", "Ġ a"]}})";
const char* const kTokenizerConfig = R"({"bos_token": null, "eos_token": "<|end|>", "pad_token": "<|end|>",
 "add_bos_token": false, "add_eos_token": false, "model_max_length": 512,
 "chat_template": "{% for m in messages %}{{ m.content }}{{ eos_token }}{% endfor %}"})";

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0)
        return 0;
    const bool configUnderTest = data[0] & 1;
    const std::string fuzzed = fuzz::writeInput(data + 1, size - 1, configUnderTest ? "tokenizer_config.json" : "tokenizer.json");
    const std::string fixedName = configUnderTest ? "tokenizer.json" : "tokenizer_config.json";
    const std::string fixedText = configUnderTest ? kTokenizerJson : kTokenizerConfig;
    const std::string fixed = fuzz::writeInput(reinterpret_cast<const uint8_t*>(fixedText.data()), fixedText.size(), fixedName);
    fuzz::refusedClearlyOrRead([&] {
        const auto tokenizer = configUnderTest ? core::HfTokenizer::fromFiles(fixed, fuzzed)
                                               : core::HfTokenizer::fromFiles(fuzzed, fixed);
        const auto ids = tokenizer->encode("abc abd <|end|> Grüße, 世界! 123\n\t  x");
        (void)tokenizer->decode(ids);
        for (int id : ids)
            (void)tokenizer->idToPiece(id);
    });
    return 0;
}
