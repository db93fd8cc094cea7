#include "core/lora/ParameterPlan.h"

#include "core/common/Error.h"
#include "core/lora/ModuleMatching.h"

namespace core {

bool isTargeted(const LinearModuleInfo& module, const LoraConfig& cfg)
{
    try {
        return isModuleSelected(module, cfg);
    } catch (const Error&) {
        return false; // a regex still being typed selects nothing
    }
}

int64_t adapterParametersAtRank(const LinearModuleInfo& module, int r, bool useDora)
{
    return static_cast<int64_t>(r) * (module.in + module.out) + (useDora ? module.out : 0);
}

int64_t adapterParameters(const LinearModuleInfo& module, const LoraConfig& cfg)
{
    int r = cfg.r;
    try {
        r = patternValue(cfg.rankPattern, module.name, cfg.r);
    } catch (const Error&) {
    }
    return adapterParametersAtRank(module, r, cfg.useDora);
}

ParameterCount plannedParameters(const std::vector<LinearModuleInfo>& modules, const ParameterCount& base,
                                 const LoraConfig& cfg)
{
    ParameterCount count;
    count.all = base.all;
    for (const auto& m : modules) {
        const bool targeted = isTargeted(m, cfg);
        if (targeted) {
            const int64_t adapter = adapterParameters(m, cfg);
            count.all += adapter;
            count.trainable += adapter;
        }
        const bool biasTrains =
            m.hasBias && (cfg.bias == LoraBias::All || (cfg.bias == LoraBias::LoraOnly && targeted));
        const bool saved = matchesAnyName(cfg.modulesToSave, m.name);
        if (saved)
            count.trainable += m.in * m.out + (m.hasBias ? m.out : 0);
        else if (biasTrains)
            count.trainable += m.out;
    }
    return count;
}

} // namespace core
