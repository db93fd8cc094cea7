#pragma once
// JSON files (HF config.json, adapter_config.json, safetensors indexes, ...) with errors that point at the spot.
#include <nlohmann/json.hpp>

#include <exception>
#include <string>

namespace core {

// `what` names the file's role in messages, e.g. "model config". core::Error naming the path if the file is missing
// or unreadable, and the line and column of a parse error.
nlohmann::json readJsonFile(const std::string& path, const std::string& what);

// Pretty (indent 2) with a trailing newline, written atomically (see AtomicFile.h).
void writeJsonFileAtomically(const std::string& path, const nlohmann::json& value);

// nlohmann's message without its "[json.exception.parse_error.101] " prefix, for messages meant for users.
std::string jsonErrorText(const std::exception& error);

} // namespace core
