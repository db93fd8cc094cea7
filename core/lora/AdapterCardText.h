#pragma once
#include "core/lora/AdapterIO.h"

namespace core {

// The README.md model card of an exported adapter: how to load it, its settings, its metrics.
std::string adapterCardMarkdown(const LoraConfig& cfg, const nlohmann::ordered_json& adapterConfig, const AdapterCard& card);

} // namespace core
