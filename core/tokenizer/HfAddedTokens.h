#pragma once
// tokenizer.json's "added_tokens": the special and added tokens that are cut out of the text before the normalizer
// and the pre-tokenizer see it, as HF `tokenizers`' AddedVocabulary does (leftmost-longest match; single_word,
// lstrip, rstrip; tokens with normalized=true matched in the normalized text).
#include "core/tokenizer/Pcre2Regex.h"
#include "core/tokenizer/TextPiece.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

namespace core {

class BpeModel;
class HfNormalizer;

struct AddedToken {
    int id = -1;
    std::string content;
    bool special = false;
    bool singleWord = false;
    bool lstrip = false;
    bool rstrip = false;
    bool normalized = true;
};

class HfAddedTokens {
public:
    // `normalizer` may be null. Ids are checked against the ones HF assigns when it loads the file (a token already
    // in the model's vocabulary keeps that id, new ones follow the vocabulary in order): a file whose ids disagree
    // would make the model read other rows than HF does, so it is refused naming the token.
    HfAddedTokens(const nlohmann::json& spec, const BpeModel& model, const HfNormalizer* normalizer,
                  const std::string& where);
    ~HfAddedTokens();

    // The text as pieces: added tokens recognized (their id set), the rest normalized. Empty pieces are dropped.
    std::vector<TextPiece> extractAndNormalize(const std::string& text) const;

    const AddedToken* byId(int id) const;
    const AddedToken* byContent(const std::string& content) const;
    bool isSpecial(int id) const;
    int maxId() const { return m_maxId; }
    const std::vector<AddedToken>& tokens() const { return m_tokens; }

private:
    // Every token of one matching set, bucketed by first byte and longest first.
    struct Matcher {
        std::vector<std::string> patterns;
        std::vector<int> tokenIndex;
        std::vector<std::vector<int>> byFirstByte; // indexes into patterns
        void build();
    };
    void split(const TextPiece& piece, const Matcher& matcher, std::vector<TextPiece>& out) const;

    std::vector<AddedToken> m_tokens;
    std::unordered_map<int, int> m_indexById;
    std::unordered_map<std::string, int> m_indexByContent;
    Matcher m_raw;        // normalized=false: matched in the original text
    Matcher m_normalized; // normalized=true: matched, as normalized, in the normalized text
    const HfNormalizer* m_normalizer;
    int m_maxId = -1;
    Pcre2Regex m_wordChar, m_space;
};

} // namespace core
