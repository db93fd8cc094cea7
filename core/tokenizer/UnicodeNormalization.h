#pragma once
// Unicode normalization forms and lowercasing through ICU, for tokenizer.json normalizers (Qwen2's NFC, NFKC).
#include <string>

namespace core {

enum class NormalizationForm { Nfc, Nfd, Nfkc, Nfkd };

// text must be valid UTF-8. ASCII text is returned as is (every form leaves it unchanged).
std::string unicodeNormalized(const std::string& text, NormalizationForm form);
// Full lowercase mapping of every character (HF's Lowercase normalizer: Rust's char::to_lowercase).
std::string unicodeLowercased(const std::string& text);

} // namespace core
