#pragma once
// Model surgery: finds the linear layers that a LoraConfig targets and wraps each in a LoraLinear, then decides what
// trains (adapters, biases per `bias`, modules_to_save). The layer itself knows nothing about targeting.
#include "core/lora/LoraConfig.h"
#include "core/lora/LoraLinear.h"
#include "core/model/CausalLm.h"

#include <cstdint>
#include <string>
#include <vector>

namespace core {

struct LinearModuleInfo {
    std::string name;      ///< full module name, "model.layers.0.self_attn.q_proj"
    std::string shortName; ///< last component, "q_proj"
    int64_t in = 0, out = 0;
    bool hasBias = false;
    int layer = -1;        ///< decoder layer index, -1 outside the layer stack (lm_head)
};

// Every linear layer of the model (adapted or not), in module order.
std::vector<LinearModuleInfo> discoverLinearModules(CausalLm& model);
// The distinct short names ("q_proj", …, "lm_head") in module order: what a target list may name.
std::vector<std::string> availableTargetNames(CausalLm& model);
// PEFT's targeting rule for one module (check_target_module_exists): target_modules (list: an entry equal to the name,
// or a "."-suffix of it; a full regex; or all-linear without the output head), minus exclude_modules (list as
// above, or a string: a full regex), minus modules_to_save (a module saved whole is not adapted), within
// layers_to_transform — which an entry naming the module exactly escapes, as in PEFT. Throws core::Error for an
// invalid regex.
bool isModuleSelected(const LinearModuleInfo& info, const LoraConfig& cfg);
// Names of the modules `cfg` would adapt, without changing the model. Throws core::Error for a configuration that
// selects no module at all, and — with requireEveryTarget, for settings the user typed — for a target list entry that
// matches nothing (listing the available names: a typo). PEFT itself fails only when nothing matches, so adapters
// it wrote load with requireEveryTarget false.
std::vector<std::string> selectTargetModules(CausalLm& model, const LoraConfig& cfg, bool requireEveryTarget = true);
// The same over a module list (the built model's, or linearModulesOf(config) before any weight is read).
std::vector<std::string> selectTargetModules(const std::vector<LinearModuleInfo>& modules, int64_t numLayers,
                                             const LoraConfig& cfg, bool requireEveryTarget = true);

// When PiSSA / OLoRA rewrite the base weights: as the adapters are made (training), or later, by
// rewriteBasesUnderLoadedFactors, once A and B were loaded from a file and checked.
enum class BaseRewrite { AtInjection, AfterLoading };

// Wraps the selected modules, freezes every other weight and unfreezes what cfg says trains. Returns the adapted
// module names. The adapters are created on the model's device in float32, initialised from `seed`, in the training
// mode of the layer they wrap. Every check (targets, modules_to_save, a model that already has adapters, an r too
// large for PiSSA / OLoRA: core::Error) runs before the model is changed.
std::vector<std::string> injectLora(CausalLm& model, const LoraConfig& cfg, uint64_t seed,
                                    bool requireEveryTarget = true,
                                    BaseRewrite baseRewrite = BaseRewrite::AtInjection);
// BaseRewrite::AfterLoading: every PiSSA / OLoRA layer's base becomes its residual (LoraLinear::
// rewriteBaseUnderLoadedFactors), the randomized SVD of pissa_niter_N drawn from `seed`.
void rewriteBasesUnderLoadedFactors(CausalLm& model, uint64_t seed);

// (full module name, layer) for every LoRA layer in the model.
std::vector<std::pair<std::string, std::shared_ptr<LoraLinear>>> loraLayers(CausalLm& model);
// Unwraps every LoRA layer (unmerging first) and freezes every weight: the base model again, with the parameter names
// of the checkpoint. Biases or modules_to_save weights that trained keep their values.
void removeLora(CausalLm& model);
// PEFT's merge_and_unload: folds every adapter into its base weight (W0 += scaling·B·A) and unwraps the layers, so
// the model is a plain model again that carries what the adapter learned (the start of a second task).
void mergeAndUnloadLora(CausalLm& model);
void setAdaptersEnabled(CausalLm& model, bool enabled);
void mergeAdapters(CausalLm& model);
void unmergeAdapters(CausalLm& model);

} // namespace core
