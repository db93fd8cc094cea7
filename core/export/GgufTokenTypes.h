#pragma once
// What llama.cpp's converter calls token types, and its rule for added tokens that look special although a model
// forgot to mark them so — shared by the sentencepiece and the BPE vocabularies.
#include <cstdint>
#include <string>

namespace core {

enum GgufTokenType : int32_t { kNormal = 1, kUnknown = 2, kControl = 3, kUserDefined = 4, kUnused = 5, kByte = 6 };

// llama.cpp's does_token_look_special.
inline bool looksSpecial(const std::string& t)
{
    auto wraps = [&](const std::string& open, const std::string& close) {
        return t.size() >= open.size() + close.size() && t.rfind(open, 0) == 0 &&
               t.compare(t.size() - close.size(), close.size(), close) == 0;
    };
    return t == "<pad>" || t == "<mask>" || t == "<2mass>" || t == "[@BOS@]" || wraps("<|", "|>") ||
           wraps("<\xef\xbd\x9c", "\xef\xbd\x9c>") || wraps("<unused", ">");
}

// User-defined pieces hold real spaces, not sentencepiece's "▁" (the converter's pre-normalisation).
inline std::string withRealSpaces(std::string text)
{
    const std::string from = "\xe2\x96\x81";
    for (size_t pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + 1))
        text.replace(pos, from.size(), " ");
    return text;
}

} // namespace core
