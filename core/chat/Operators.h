#pragma once
// Python's operators on interpreter values, with Python's results and error messages: 7 // -2 is -4, -7 % 3 is 2,
// 1 / 2 is 0.5, 'a' + 1 fails with "can only concatenate str (not "int") to str". Integers are 64-bit; a result
// that would need more (Python has no limit) is an error rather than a silently wrong number.
#include "core/chat/Ast.h"
#include "core/chat/Value.h"

#include <cstddef>

namespace core::chat {

// `maxBytes` / `maxItems` bound what `+` and `*` may build (strings in bytes, lists in items).
Value binaryOperation(BinaryOp op, const Value& a, const Value& b, std::size_t maxBytes, std::size_t maxItems);
Value unaryOperation(UnaryOp op, const Value& v);
bool comparison(CompareOp op, const Value& a, const Value& b);
bool contains(const Value& container, const Value& item); // `item in container`

} // namespace core::chat
