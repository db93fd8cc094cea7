#pragma once
// How Python writes values, because jinja2 prints with str(): {{ 1.0 }} is "1.0", {{ [1, 'a'] }} is "[1, 'a']",
// {{ none }} is "None". Templates that print whole lists or dicts (and tool-call arguments printed without tojson)
// depend on every character of it.
#include "core/chat/Value.h"

#include <string>

namespace core::chat {

// `maxDepth` bounds the recursion into nested values (a namespace can hold itself).
std::string pyStr(const Value& v, int maxDepth = 200);  // str(v): what {{ v }} prints
std::string pyRepr(const Value& v, int maxDepth = 200); // repr(v): how v appears inside a printed list or dict
std::string pyFloatRepr(double x);                      // repr(float): shortest round trip, "1.0", "1e-05"
std::string pyStringRepr(const std::string& s);         // repr(str): 'it''s' quoting and escapes as Python does
// format % args, printf-style (%s %r %d %i %f %e %g %x %o %%, with flags, width and precision); a tuple supplies
// several arguments. Mapping keys (%(name)s) are not supported.
std::string pyPercentFormat(const std::string& format, const Value& args, int maxDepth = 200);

} // namespace core::chat
