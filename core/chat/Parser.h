#pragma once
// Tokens → statements and expressions, following jinja2's parser (jinja2/parser.py) rule for rule, so that precedence
// and its quirks match: `-2**2` is 4, `a ~ b + c` concatenates after adding, a filter binds tighter than any operator
// (`-x|abs` is abs(-x)), and tests take one argument without parentheses (`x is divisibleby 3`).
#include "core/chat/Ast.h"
#include "core/chat/Lexer.h"

#include <vector>

namespace core::chat {

// Throws SyntaxError with the line and column of the offending token and a hint on how to fix it.
Body parseTemplate(const std::vector<Token>& tokens);

} // namespace core::chat
