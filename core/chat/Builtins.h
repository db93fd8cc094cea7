#pragma once
// The names a chat template can reach besides its own variables: filters, tests, globals, and the attributes and
// methods of values. Everything here works on data only; there is no way to reach files, the environment, the clock
// (other than strftime_now) or the interpreter's internals — which is what jinja2's sandbox guarantees too.
#include "core/chat/Ast.h"
#include "core/chat/Value.h"

#include <string>
#include <utility>
#include <vector>

namespace core::chat {

using FilterTable = std::vector<std::pair<const char*, FilterFunction>>;

FilterFunction findFilter(const std::string& name); // null when there is none by that name
TestFunction findTest(const std::string& name);
const Value* findGlobal(const std::string& name);   // range, namespace, dict, raise_exception, strftime_now

FilterTable stringFilters();   // StringFilters.cpp
FilterTable sequenceFilters(); // SequenceFilters.cpp
FilterTable valueFilters();    // Filters.cpp

// x.name as jinja2's sandbox resolves it: a method or attribute of the value first, then the item `name`; names
// starting with "_" and methods that would mutate a list or dict are refused (an undefined value that cannot be
// called, as ImmutableSandboxedEnvironment does). Methods.cpp.
Value attribute(Interpreter& in, const Value& object, const std::string& name);
// A str's attribute: one of its methods bound to it, or undefined. StringMethods.cpp.
Value stringAttribute(const Value& self, const std::string& name);

// Shared by the method tables: `self.name` as a callable, and jinja2's undefined for an attribute that is not there
// ("'dict object' has no attribute 'x'").
using Method = Value (*)(Interpreter&, const Value& self, CallArgs&);
Value bindMethod(const std::string& name, const Value& self, Method method);
Value missingAttribute(const Value& object, const std::string& name);

// x[key]: the item first, then (for a string key) the attribute.
Value item(Interpreter& in, const Value& object, const Value& key);
// x[start:stop:step] on a list, tuple or string, with Python's rules for missing and negative bounds.
Value slice(const Value& object, const Value& start, const Value& stop, const Value& step);

} // namespace core::chat
