#pragma once
// The linear modules a LLaMA-family config.json implies (names, shapes, biases), without building the model or
// reading a weight, in the order discoverLinearModules() lists them for the built model. Lets a run check its
// target_modules, layers_to_transform and parameter counts before the weights are read (a 7B checkpoint takes minutes).
#include "core/lora/LoraInjector.h"
#include "core/model/ModelConfig.h"

#include <vector>

namespace core {

std::vector<LinearModuleInfo> linearModulesOf(const ModelConfig& cfg);

} // namespace core
