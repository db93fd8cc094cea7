#pragma once
// The naming conventions of a model's parameters once LoRA wraps some layers (PEFT's): a wrapped layer keeps its own
// weight under "<module>.base_layer.", and its adapter under "<module>.lora_A." / "<module>.lora_B." (DoRA adds
// "<module>.lora_magnitude_vector").
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

// True for a LoRA adapter weight (lora_A / lora_B, and DoRA's magnitude vector).
inline bool isLoraParameterName(const std::string& name)
{
    const std::string magnitude = ".lora_magnitude_vector";
    return name.find(".lora_A.") != std::string::npos || name.find(".lora_B.") != std::string::npos ||
           (name.size() >= magnitude.size() &&
            name.compare(name.size() - magnitude.size(), magnitude.size(), magnitude) == 0);
}

} // namespace core
