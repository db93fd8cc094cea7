#pragma once
#include <string>
#include <vector>

namespace core {

// The decoder families the engine implements. They share one decoder; they differ in which projections have biases,
// whether q and k are normalized per head (Qwen3) and in small config conventions.
enum class Architecture { Llama, Mistral, Qwen2, Qwen3, Phi3 };

struct ArchitectureInfo {
    Architecture architecture;
    std::string hfName;     ///< "LlamaForCausalLM"
    std::string modelType;  ///< "llama"
};

const std::vector<ArchitectureInfo>& supportedArchitectures();
// Throws core::Error listing every supported name when hfName is unknown; `path` names the config file.
const ArchitectureInfo& architectureByHfName(const std::string& hfName, const std::string& path);
std::string supportedArchitectureList(); // "LlamaForCausalLM, MistralForCausalLM, Qwen2ForCausalLM, ..."

} // namespace core
