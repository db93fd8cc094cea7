#pragma once
// The naming conventions of a model's parameters once LoRA wraps some layers (PEFT's): a wrapped layer keeps its own
// weight under "<module>.base_layer.", and its adapter under "<module>.lora_A." / "<module>.lora_B.".
#include <string>

namespace core {

// "model.layers.0.self_attn.q_proj.base_layer.weight" -> "model.layers.0.self_attn.q_proj.weight" (checkpoint name).
inline std::string withoutBaseLayer(std::string name)
{
    const std::string marker = ".base_layer";
    for (auto pos = name.find(marker); pos != std::string::npos; pos = name.find(marker))
        name.erase(pos, marker.size());
    return name;
}

// True for a LoRA adapter weight (lora_A / lora_B).
inline bool isLoraParameterName(const std::string& name)
{
    return name.find(".lora_A.") != std::string::npos || name.find(".lora_B.") != std::string::npos;
}

} // namespace core
