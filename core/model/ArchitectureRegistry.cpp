#include "core/model/ArchitectureRegistry.h"

#include "core/common/Error.h"

namespace core {

const std::vector<ArchitectureInfo>& supportedArchitectures()
{
    static const std::vector<ArchitectureInfo> list = {
        {Architecture::Llama, "LlamaForCausalLM", "llama"},
        {Architecture::Mistral, "MistralForCausalLM", "mistral"},
        {Architecture::Qwen2, "Qwen2ForCausalLM", "qwen2"},
        {Architecture::Qwen3, "Qwen3ForCausalLM", "qwen3"},
        {Architecture::Phi3, "Phi3ForCausalLM", "phi3"},
    };
    return list;
}

std::string supportedArchitectureList()
{
    std::string out;
    for (const auto& info : supportedArchitectures())
        out += (out.empty() ? "" : ", ") + info.hfName;
    return out;
}

const ArchitectureInfo& architectureByHfName(const std::string& hfName, const std::string& path)
{
    for (const auto& info : supportedArchitectures())
        if (info.hfName == hfName)
            return info;
    LORAWB_FAIL(path, ": architecture \"", hfName, "\" is not supported. Supported: ", supportedArchitectureList(),
                ". Pick a model of one of these families.");
}

} // namespace core
