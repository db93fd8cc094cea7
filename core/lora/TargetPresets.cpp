#include "core/lora/TargetPresets.h"

#include <algorithm>
#include <map>

namespace core {

namespace {

bool inBlock(const LinearModuleInfo& m, const char* block)
{
    return m.name.find(std::string(".") + block + ".") != std::string::npos;
}

// Whether a preset selects the module: the block a module sits in, not its name, so that a model whose projections
// are named differently still gets its attention or MLP layers.
bool selects(const std::string& preset, const LinearModuleInfo& m)
{
    if (preset == "attention")
        return inBlock(m, "self_attn");
    if (preset == "mlp")
        return inBlock(m, "mlp");
    if (preset == "qv") // Phi-3 has no q_proj or v_proj of their own: its fused qkv_proj holds them (PEFT's phi3 default)
        return inBlock(m, "self_attn") &&
               (m.shortName == "q_proj" || m.shortName == "v_proj" || m.shortName == "qkv_proj");
    if (preset == "all") { // PEFT's all-linear, through the injector's own rule
        LoraConfig cfg;
        cfg.targetModules.kind = TargetModules::Kind::AllLinear;
        return isModuleSelected(m, cfg);
    }
    return false;
}

} // namespace

const std::vector<std::string>& targetPresetNames()
{
    static const std::vector<std::string> names = {"attention", "mlp", "qv", "all"};
    return names;
}

std::vector<std::string> targetPreset(const std::string& name)
{
    static const std::map<std::string, std::vector<std::string>> presets = {
        {"attention", {"q_proj", "k_proj", "v_proj", "o_proj"}},
        {"mlp", {"gate_proj", "up_proj", "down_proj"}},
        {"qv", {"q_proj", "v_proj"}},
        {"all", {"q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"}},
    };
    const auto it = presets.find(name);
    return it == presets.end() ? std::vector<std::string>{} : it->second;
}

std::vector<std::string> presetModules(const std::string& name, const std::vector<LinearModuleInfo>& modules)
{
    std::vector<std::string> names;
    for (const auto& m : modules)
        if (selects(name, m) && std::find(names.begin(), names.end(), m.shortName) == names.end())
            names.push_back(m.shortName);
    return names;
}

} // namespace core
