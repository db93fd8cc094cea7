#pragma once
// tokenizer.json's "model" of type BPE, as HF `tokenizers` applies it to one pre-tokenized piece: vocabulary lookup,
// byte fallback to "<0xXX>" pieces or the unknown token, then merges by rank (lowest first, leftmost among equals).
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace core {

class BpeModel {
public:
    // `spec` is tokenizer.json's "model" object; `where` names the file in messages. Checks what HF checks at load
    // (every merge's parts and result in the vocabulary) and refuses what we do not compute (dropout).
    BpeModel(const nlohmann::json& spec, const std::string& where);

    // Appends the ids of one piece to `ids`. Safe to call from several threads at once.
    void tokenize(std::string_view piece, std::vector<int>& ids) const;

    // -1 when the token is not in the vocabulary.
    int tokenToId(std::string_view token) const;
    // Empty when the id is not in the vocabulary.
    const std::string& idToToken(int id) const;
    // One past the largest id (HF's get_vocab_size counts entries; the two agree for every dense vocabulary).
    int vocabSize() const { return static_cast<int>(m_tokens.size()); }
    int unkId() const { return m_unkId; }
    bool byteFallback() const { return m_byteFallback; }
    // Merges in rank order, as pairs of token strings (the GGUF export writes them).
    std::vector<std::pair<std::string, std::string>> merges() const;

private:
    struct Merge {
        int rank;
        int result;
    };
    static std::uint64_t pairKey(int left, int right)
    {
        return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(left)) << 32) | static_cast<std::uint32_t>(right);
    }
    void addMerge(const std::string& left, const std::string& right, const std::string& where);
    // The piece's characters as symbols (ids and byte lengths), with byte fallback and unknown-token fusing.
    void initialSymbols(std::string_view piece, std::vector<int>& symbols) const;
    void applyMerges(std::vector<int>& symbols) const;

    std::unordered_map<std::string, int> m_vocab;
    std::vector<std::string> m_tokens; // by id; empty where the vocabulary has a gap
    std::unordered_map<std::uint64_t, Merge> m_merges;
    std::vector<std::pair<int, int>> m_mergeOrder; // by rank
    int m_unkId = -1;
    bool m_byteFallback = false;
    bool m_fuseUnk = false;
    bool m_ignoreMerges = false;
    std::string m_continuingSubwordPrefix;
    std::string m_endOfWordSuffix;
    int m_byteIds[256];
};

} // namespace core
