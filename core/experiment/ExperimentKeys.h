#pragma once
// The keys an experiment file may hold (one list, shared by the reader, the unknown-key check and --set), and the
// application of a `--set key=value` override to the parsed document.
#include "core/experiment/YamlSection.h"

#include <yaml-cpp/yaml.h>

#include <map>
#include <string>

namespace core {

const YamlSchema& experimentSchema();
// Names other tools (HF Trainer, PEFT scripts) use for our settings → our dotted key, for "did you mean" hints.
const std::map<std::string, std::string>& experimentKeyAliases();

// Applies "key=value" (e.g. "lora.r=4", "lora.target_modules=[q_proj,v_proj]") to `root`, a mapping: the value is
// parsed as YAML and replaces the node at the dotted key, creating sections as needed. Keys below a free-form mapping
// may contain dots ("lora.rank_pattern.model.layers.0.self_attn.q_proj=4"). Returns the dotted key that was set.
// Throws core::Error naming the override for a malformed assignment, an unknown key or a value that is not YAML.
std::string applyOverride(YAML::Node& root, const std::string& assignment);

} // namespace core
