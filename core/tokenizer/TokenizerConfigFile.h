#pragma once
// What tokenizer_config.json says beyond the tokenizer itself, for every kind of tokenizer.
#include <nlohmann/json.hpp>

#include <string>

namespace core {

// The chat template: a string, or the one named "default" in a list of {name, template} (models with a tool_use
// variant). "" when there is none. Throws core::Error naming `path` when the field has another shape.
std::string chatTemplateOf(const nlohmann::json& config, const std::string& path);

} // namespace core
