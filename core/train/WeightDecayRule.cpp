#include "core/train/WeightDecayRule.h"

#include "core/common/Text.h"

#include <regex>
#include <vector>

namespace core {

bool takesWeightDecay(const std::string& parameterName)
{
    // transformers/trainer.py, get_decay_parameter_names (5.x): the same patterns, searched anywhere in the name.
    static const std::vector<std::regex> exempt = {
        std::regex("bias"), std::regex("layernorm"), std::regex("rmsnorm"), std::regex("(?:^|\\.)norm(?:$|\\.)"),
        std::regex("_norm(?:$|\\.)")};
    const std::string name = asciiLower(parameterName);
    for (const auto& pattern : exempt)
        if (std::regex_search(name, pattern))
            return false;
    return true;
}

} // namespace core
