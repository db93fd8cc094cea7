#pragma once
// Parsing the text of a one-document YAML settings file, with messages that name the file, line and column.
#include <yaml-cpp/yaml.h>

#include <string>

namespace core {

// The document in `text` (a null node for an empty text). Throws core::Error "file:line:column: YAML syntax error: …"
// for malformed YAML, and for a text holding more than one non-empty document ('---' separated).
YAML::Node loadYamlDocument(const std::string& text, const std::string& sourceName);

// A value as one line of flow-style YAML ("[q_proj, v_proj]", "0.05"): how a list compares as a whole, reads as it
// would in a file and travels as a --set value.
std::string flowText(const YAML::Node& node);

} // namespace core
