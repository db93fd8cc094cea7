#pragma once
// adapter_config.json against what PEFT's LoraConfig (0.21) holds: which fields this version does not know (PEFT
// itself warns and ignores fields from a newer version), which LoRA variants it does not implement (refused, naming
// the field and its value), and which initialisations rewrote the base model when the adapter was made.
#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace core {

// Fields of `j` that PEFT 0.21's LoraConfig does not have, sorted.
std::vector<std::string> unknownAdapterFields(const nlohmann::ordered_json& j);
// Throws core::Error "<path>: <field> is <value>: ..." for a variant the engine does not compute (DoRA, lora_bias,
// QA-LoRA, layer replication, trainable tokens, target_parameters, aLoRA, an unknown init_lora_weights, ...).
void refuseUnimplementedVariants(const nlohmann::ordered_json& j, const std::string& path);
// The init_lora_weights names (lower case) LoRA Workbench implements itself: gaussian, pissa, pissa_niter_N, olora.
// A loaded adapter keeps such a name in its LoraConfig, so that PiSSA / OLoRA take the residual again as PEFT does on
// load; PEFT's other names only decided the start of A and B, or cannot be redone here (adapterConfigWarning).
bool implementedInitName(const std::string& init);
// What a user loading the adapter in `dir` should know (ignored newer fields; pissa_niter_N, whose residual is drawn
// again at random on load; corda / loftq, which rewrote the base in a way that cannot be redone here, so only the base
// saved with it is right); "" when nothing. Never throws for a readable file.
std::string adapterConfigWarning(const std::string& dir);

} // namespace core
