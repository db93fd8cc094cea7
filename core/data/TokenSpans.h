#pragma once
// Where each token of an encoded text lies in that text, read from the tokens' own spelling
// (Tokenizer::appendTokenText) rather than by encoding pieces of the text a second time.
#include <cstddef>
#include <string>
#include <vector>

namespace core {

class Tokenizer;

// Byte positions of the tokens of `text` (ids = tok.encode(text)). starts[k] is where token k's text begins, the
// space sentencepiece writes before a word (U+2581) or byte-level BPE writes as "Ġ" included; the dummy prefix's
// space, which is not in the text, counts as position 0. ends[k] is where it ends (the dummy prefix alone: 0).
struct SpelledTokens {
    std::vector<size_t> starts;
    std::vector<size_t> ends;
};

// True when the pieces spell the text back exactly (a leading space from sentencepiece's dummy prefix allowed):
// a LLaMA-style tokenizer (identity normalization, byte fallback) or byte-level BPE. False for a normalizing
// tokenizer (NFKC, collapsed spaces) or an <unk>: the positions would be wrong, so there are none.
bool spellTokens(const std::string& text, const std::vector<int>& ids, const Tokenizer& tok, SpelledTokens& out);

} // namespace core
