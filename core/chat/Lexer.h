#pragma once
// Template source → tokens, as jinja2's lexer makes them under transformers' settings (trim_blocks, lstrip_blocks,
// no keep_trailing_newline). Whitespace control happens here, on the text between tags, exactly where jinja2 does it:
//  - "{%-" / "{{-" / "{#-" strip all whitespace before the tag, "-%}" / "-}}" / "-#}" all whitespace after it;
//  - lstrip_blocks: spaces and tabs from the start of a line up to "{%" or "{#" go, unless the tag opens with "{%+";
//  - trim_blocks: the first newline after "%}" or "#}" goes, unless the tag closes with "+%}";
//  - newlines are normalized to "\n" and one trailing newline of the template is dropped.
// Comments vanish, and a raw block's body arrives as one Data token.
#include <cstdint>
#include <string>
#include <vector>

namespace core::chat {

struct Token {
    enum class Type : std::uint8_t { Data, VariableBegin, VariableEnd, BlockBegin, BlockEnd, Name, String, Integer, Float, Operator, Eof };
    Type type = Type::Eof;
    std::string text;      // Data: the text; Name and Operator: as written; String: the unescaped value
    std::int64_t integer = 0;
    double real = 0;
    int line = 1;
    int column = 1;
};

// Throws SyntaxError (line, column) for an unterminated tag, comment, string or raw block and for bad characters.
std::vector<Token> tokenize(const std::string& source);

} // namespace core::chat
