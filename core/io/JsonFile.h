#pragma once
// JSON files (HF config.json, adapter_config.json, safetensors indexes, ...) with errors that point at the spot.
#include "core/common/Error.h"

#include <nlohmann/json.hpp>

#include <exception>
#include <string>

namespace core {

// `what` names the file's role in messages, e.g. "model config". core::Error naming the path if the file is missing
// or unreadable, and the line and column of a parse error.
nlohmann::json readJsonFile(const std::string& path, const std::string& what);
// The same with objects kept in the file's key order (adapter_config.json: PEFT tries rank_pattern keys in that order).
nlohmann::ordered_json readOrderedJsonFile(const std::string& path, const std::string& what);

// Pretty (indent 2) with a trailing newline, written atomically (see AtomicFile.h).
void writeJsonFileAtomically(const std::string& path, const nlohmann::json& value);
void writeOrderedJsonFileAtomically(const std::string& path, const nlohmann::ordered_json& value);

// An optional field of a JSON object (config.json, adapter_config.json): `fallback` when absent or null; a value of
// the wrong type is a core::Error naming `path` and the field.
template <typename T, typename Json>
T optionalJsonField(const Json& j, const char* key, T fallback, const std::string& path)
{
    if (!j.contains(key) || j.at(key).is_null())
        return fallback;
    try {
        return j.at(key).template get<T>();
    } catch (const nlohmann::json::exception&) {
        LORAWB_FAIL(path, ": field \"", key, "\" has the wrong type (", j.at(key).dump(), ")");
    }
}

// nlohmann's message without its "[json.exception.parse_error.101] " prefix, for messages meant for users.
std::string jsonErrorText(const std::exception& error);

} // namespace core
