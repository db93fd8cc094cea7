#pragma once
// A compiled Unicode regular expression (PCRE2, JIT) for tokenizer.json's Split pre-tokenizers and Replace
// normalizers/decoders. HF `tokenizers` uses Oniguruma there; the family regexes (GPT-2, Llama 3, Qwen2) use only
// syntax both accept, with \p{..}, \s and (?i:..) read as Unicode.
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace core {

class Pcre2Regex {
public:
    // Throws core::Error naming `where` (e.g. "tokenizer.json: pre_tokenizer Split"), the pattern and PCRE2's reason
    // with its offset.
    Pcre2Regex(const std::string& pattern, const std::string& where);
    ~Pcre2Regex();
    Pcre2Regex(Pcre2Regex&&) noexcept;
    Pcre2Regex& operator=(Pcre2Regex&&) noexcept;

    // Every non-overlapping, non-empty match in `subject`, left to right, as [begin, end) byte offsets. Safe to call
    // from several threads at once (match data is per thread).
    std::vector<std::pair<std::size_t, std::size_t>> findAll(std::string_view subject) const;
    const std::string& pattern() const { return m_pattern; }

private:
    struct Compiled;
    std::string m_pattern;
    std::string m_where;
    std::unique_ptr<Compiled> m_compiled;
};

// The pattern for a literal string (tokenizer.json's {"String": ...} patterns).
std::string escapedForRegex(const std::string& literal);

} // namespace core
