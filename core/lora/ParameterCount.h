#pragma once
#include <ATen/core/Tensor.h>

#include <cstdint>
#include <string>
#include <vector>

namespace torch::nn {
class Module;
}

namespace core {

struct ParameterCount {
    int64_t trainable = 0;
    int64_t all = 0;
};

// Counts each distinct tensor once (tied embeddings count once), as PyTorch's named_parameters() does for PEFT.
ParameterCount countParameters(const torch::nn::Module& model);
// PEFT's print_trainable_parameters line:
// "trainable params: 4,194,304 || all params: 6,742,609,920 || trainable%: 0.0622"
std::string trainableParametersLine(const ParameterCount& count);
// The distinct tensors with requires_grad, in registration order (what the optimizer updates).
std::vector<at::Tensor> trainableParameters(const torch::nn::Module& model);
// "4,194,304"
std::string withThousandsSeparators(int64_t value);

} // namespace core
