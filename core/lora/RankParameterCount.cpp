#include "core/lora/RankParameterCount.h"

#include "core/common/Error.h"
#include "core/lora/ParameterPlan.h"

namespace core {

int64_t loraParametersAtRank(const std::vector<LinearModuleInfo>& modules, const LoraConfig& cfg, int r)
{
    LORAWB_CHECK(r >= 1, "LoRA rank r must be at least 1, got ", r, "; choose r = 1, 2, 4, 8, …");
    int64_t total = 0;
    for (const auto& m : modules)
        if (isModuleSelected(m, cfg))
            total += adapterParametersAtRank(m, r, cfg.useDora);
    return total;
}

std::vector<int64_t> parametersForRanks(const std::vector<LinearModuleInfo>& modules, const LoraConfig& cfg,
                                        const std::vector<int>& ranks)
{
    std::vector<int64_t> out;
    out.reserve(ranks.size());
    for (int r : ranks)
        out.push_back(loraParametersAtRank(modules, cfg, r));
    return out;
}

std::vector<int64_t> parametersForRanks(CausalLm& model, const LoraConfig& cfg, const std::vector<int>& ranks)
{
    (void)selectTargetModules(model, cfg); // the user-facing checks: unknown targets, an empty selection
    return parametersForRanks(discoverLinearModules(model), cfg, ranks);
}

} // namespace core
