#pragma once
// JSON in and out of the interpreter. In: the render context (nlohmann values become Python-like values; an
// ordered_json keeps its key order, which tojson prints, while nlohmann::json has already sorted the keys). Out:
// transformers' `tojson` filter, which is Python's json.dumps(x, ensure_ascii=False, indent=None, separators=None,
// sort_keys=False) — not jinja2's own tojson, which would escape <, >, & and '.
#include "core/chat/Value.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace core::chat {

// Throws TemplateError for a context nested more than 1000 levels deep.
Value fromJson(const nlohmann::json& j);
Value fromJson(const nlohmann::ordered_json& j);

struct JsonDumpOptions {
    bool ensureAscii = false;               // \uXXXX for every non-ASCII character
    std::optional<std::string> indent;      // none: one line; else the string one level indents by
    std::optional<std::string> itemSeparator; // default ", " on one line, "," when indented
    std::string keySeparator = ": ";
    bool sortKeys = false;
    int maxDepth = 200;
};

// json.dumps(v); throws TemplateError for what JSON cannot hold ("Object of type Undefined is not JSON serializable").
std::string dumpJson(const Value& v, const JsonDumpOptions& options);

} // namespace core::chat
