#pragma once
#include <c10/core/Device.h>

namespace torch::nn {
class Module;
}

namespace core {

// The device a model's weights live on (the first parameter's; the loader keeps them all on one). CPU for a model
// without parameters.
c10::Device modelDevice(const torch::nn::Module& model);

} // namespace core
