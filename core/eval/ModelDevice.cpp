#include "core/eval/ModelDevice.h"

#include <torch/nn/module.h>

namespace core {

c10::Device modelDevice(const torch::nn::Module& model)
{
    for (const auto& p : model.parameters(/*recurse=*/true))
        return p.device();
    return c10::Device(c10::kCPU);
}

} // namespace core
