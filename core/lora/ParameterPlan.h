#pragma once
// What a LoRA configuration adds to a model and what trains, from the model's module list alone (no model surgery):
// the window updates these numbers on every keystroke, the rank lab plots them against r. One rule with the
// injector's (tests check it against injectLora + countParameters): adapters at each module's rank, DoRA's
// magnitudes, the biases `bias` trains, and modules_to_save trained whole.
#include "core/lora/LoraConfig.h"
#include "core/lora/LoraInjector.h"
#include "core/lora/ParameterCount.h"

#include <cstdint>
#include <vector>

namespace core {

// PEFT's selection rules (target list / regex / all-linear, exclude_modules, layers_to_transform), as injectLora
// applies them; a regex still being typed (invalid) selects nothing instead of throwing.
bool isTargeted(const LinearModuleInfo& module, const LoraConfig& cfg);
// lora_A [r, in] + lora_B [out, r] (+ DoRA's magnitude [out]) of one module at rank r.
int64_t adapterParametersAtRank(const LinearModuleInfo& module, int r, bool useDora);
// The same at the module's own rank (rank_pattern honoured).
int64_t adapterParameters(const LinearModuleInfo& module, const LoraConfig& cfg);
// Trainable and total parameters after injecting cfg into a model with these modules and base count.
ParameterCount plannedParameters(const std::vector<LinearModuleInfo>& modules, const ParameterCount& base,
                                 const LoraConfig& cfg);

} // namespace core
