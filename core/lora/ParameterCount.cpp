#include "core/lora/ParameterCount.h"

#include "core/model/CausalLm.h"

#include <torch/nn/module.h>

#include <cstdio>
#include <unordered_set>

namespace core {

ParameterCount countParameters(const torch::nn::Module& model)
{
    ParameterCount count;
    std::unordered_set<const void*> seen;
    for (const auto& p : model.parameters(/*recurse=*/true)) {
        if (!seen.insert(p.unsafeGetTensorImpl()).second)
            continue;
        count.all += p.numel();
        if (p.requires_grad())
            count.trainable += p.numel();
    }
    // modules_to_save keeps the original module beside the trained copy, and PEFT counts both (a broken tie's
    // original is the other module's matrix, already counted).
    if (const auto* lm = dynamic_cast<const CausalLm*>(&model))
        for (const auto& s : lm->savedParameters())
            if (seen.insert(s.original.unsafeGetTensorImpl()).second)
                count.all += s.original.numel();
    return count;
}

std::vector<at::Tensor> trainableParameters(const torch::nn::Module& model)
{
    std::vector<at::Tensor> out;
    std::unordered_set<const void*> seen;
    for (const auto& p : model.parameters(/*recurse=*/true))
        if (p.requires_grad() && seen.insert(p.unsafeGetTensorImpl()).second)
            out.push_back(p);
    return out;
}

std::string withThousandsSeparators(int64_t value)
{
    std::string digits = std::to_string(value < 0 ? -value : value);
    std::string out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0)
            out += ',';
        out += digits[i];
    }
    return value < 0 ? "-" + out : out;
}

std::string trainableParametersLine(const ParameterCount& count)
{
    char percent[64];
    std::snprintf(percent, sizeof percent, "%.4f", count.all ? 100.0 * count.trainable / count.all : 0.0);
    return "trainable params: " + withThousandsSeparators(count.trainable) +
           " || all params: " + withThousandsSeparators(count.all) + " || trainable%: " + percent;
}

} // namespace core
