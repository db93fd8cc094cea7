#include "core/lora/LoraInjector.h"

#include "core/common/Error.h"
#include "core/common/Text.h"
#include "core/lora/BaseRewritingInit.h"
#include "core/lora/ModuleMatching.h"
#include "core/lora/SavedModules.h"
#include "core/model/ParameterNames.h"

#include <torch/torch.h>

#include <algorithm>
#include <set>

namespace core {
namespace {

struct LinearSlot {
    LinearModuleInfo info;
    std::shared_ptr<LinearHost> host;
    std::string childName;
    std::shared_ptr<LinearBase> layer;
};

std::vector<LinearSlot> linearSlots(CausalLm& model)
{
    std::vector<LinearSlot> slots;
    for (const auto& item : model.named_modules(/*name_prefix=*/"", /*include_self=*/true)) {
        auto host = std::dynamic_pointer_cast<LinearHost>(item.value());
        if (!host)
            continue;
        for (const auto& child : host->named_children()) {
            auto layer = std::dynamic_pointer_cast<LinearBase>(child.value());
            if (!layer)
                continue;
            LinearSlot slot{{}, host, child.key(), layer};
            slot.info.name = item.key().empty() ? child.key() : item.key() + "." + child.key();
            slot.info.shortName = child.key();
            slot.info.in = layer->inFeatures();
            slot.info.out = layer->outFeatures();
            slot.info.hasBias = layer->baseBias().defined();
            slot.info.layer = layerIndexOf(slot.info.name);
            slots.push_back(std::move(slot));
        }
    }
    return slots;
}

bool isOutputHead(const LinearModuleInfo& info) { return info.name == "lm_head"; }

} // namespace

bool isModuleSelected(const LinearModuleInfo& info, const LoraConfig& cfg)
{
    bool targeted = false;
    switch (cfg.targetModules.kind) {
    case TargetModules::Kind::AllLinear: targeted = !isOutputHead(info); break;
    case TargetModules::Kind::Regex: targeted = regexMatchesWhole(cfg.targetModules.regex, info.name); break;
    case TargetModules::Kind::List: targeted = matchesAnyName(cfg.targetModules.names, info.name); break;
    }
    if (!targeted || matchesAnyName(cfg.excludeModules, info.name) ||
        (!cfg.excludeRegex.empty() && regexMatchesWhole(cfg.excludeRegex, info.name)))
        return false;
    // A module that is saved whole is never also adapted (PEFT: "adapters should never match on modules to save").
    for (const auto& saved : cfg.modulesToSave)
        if (regexMatchesWhole("(^|.*\\.)" + saved + "($|\\..*)", info.name))
            return false;
    const auto& names = cfg.targetModules.names;
    const bool namedExactly = cfg.targetModules.kind == TargetModules::Kind::List &&
                              std::find(names.begin(), names.end(), info.name) != names.end();
    if (!cfg.layersToTransform.empty() && !namedExactly)
        return info.layer >= 0 && std::count(cfg.layersToTransform.begin(), cfg.layersToTransform.end(), info.layer) > 0;
    return true;
}

std::vector<LinearModuleInfo> discoverLinearModules(CausalLm& model)
{
    std::vector<LinearModuleInfo> out;
    for (auto& slot : linearSlots(model))
        out.push_back(slot.info);
    return out;
}

std::vector<std::string> availableTargetNames(CausalLm& model)
{
    std::vector<std::string> names;
    for (const auto& info : discoverLinearModules(model))
        if (std::find(names.begin(), names.end(), info.shortName) == names.end())
            names.push_back(info.shortName);
    return names;
}

std::vector<std::string> selectTargetModules(CausalLm& model, const LoraConfig& cfg, bool requireEveryTarget)
{
    return selectTargetModules(discoverLinearModules(model), model.numLayers(), cfg, requireEveryTarget);
}

std::vector<std::string> selectTargetModules(const std::vector<LinearModuleInfo>& modules, int64_t numLayers,
                                             const LoraConfig& cfg, bool requireEveryTarget)
{
    std::vector<std::string> available;
    for (const auto& m : modules)
        if (std::find(available.begin(), available.end(), m.shortName) == available.end())
            available.push_back(m.shortName);
    if (cfg.targetModules.kind == TargetModules::Kind::List && requireEveryTarget) {
        for (const auto& entry : cfg.targetModules.names) {
            const bool found = std::any_of(modules.begin(), modules.end(),
                                           [&](const LinearModuleInfo& m) { return matchesName(entry, m.name); });
            LORAWB_CHECK(found, "lora.target_modules: \"", entry, "\" matches no linear module of this model. "
                         "Available: ", joinedWithCommas(available), ".");
        }
    }
    for (int layer : cfg.layersToTransform)
        LORAWB_CHECK(layer < numLayers, "lora.layers_to_transform: layer ", layer, " does not exist; the model has ",
                     numLayers, " layers (0–", numLayers - 1, ").");
    std::vector<std::string> selected;
    for (const auto& m : modules)
        if (isModuleSelected(m, cfg))
            selected.push_back(m.name);
    LORAWB_CHECK(!selected.empty(), "lora.target_modules selects no module of this model (after exclude_modules and "
                 "layers_to_transform). Available: ", joinedWithCommas(available), ".");
    return selected;
}

std::vector<std::string> injectLora(CausalLm& model, const LoraConfig& cfg, uint64_t seed, bool requireEveryTarget,
                                    BaseRewrite baseRewrite)
{
    cfg.validate();
    // Wrapping again would nest LoraLinear in LoraLinear and give keys PEFT cannot read.
    LORAWB_CHECK(loraLayers(model).empty(), "the model already has LoRA adapters; LoRA Workbench holds one adapter at a "
                 "time. Remove it first (or load the base model again) before adding or loading another.");
    const auto selected = selectTargetModules(model, cfg, requireEveryTarget);
    // Every check before the first change, so that a bad configuration leaves the model as it was.
    for (const auto& moduleName : cfg.modulesToSave) {
        if (isAutomaticHeadName(cfg.taskType, moduleName))
            continue; // PEFT adds both of SEQ_CLS's usual head names whichever the model has
        bool found = false;
        for (auto& item : model.named_modules("", /*include_self=*/false))
            found = found || matchesName(moduleName, item.key());
        LORAWB_CHECK(found, "lora.modules_to_save: \"", moduleName, "\" names no module of this model (e.g. lm_head, "
                     "model.embed_tokens).");
    }
    const std::set<std::string> selectedSet(selected.begin(), selected.end());
    // modules_to_save with either side of a tied pair breaks the tie (prepareModulesToSave) before lm_head is wrapped.
    const bool tieStays = model.lmHeadTied() && !matchesAnyName(cfg.modulesToSave, "lm_head") &&
                          !matchesAnyName(cfg.modulesToSave, "model.embed_tokens");
    if (rewritesBaseWeights(cfg.initLoraWeights)) {
        const std::string init = initLoraWeightsName(cfg.initLoraWeights, cfg.initNiter);
        for (auto& slot : linearSlots(model)) {
            if (!selectedSet.count(slot.info.name))
                continue;
            LORAWB_CHECK(!(slot.info.name == "lm_head" && tieStays), "lora.init_lora_weights ", init,
                         " would rewrite lm_head's weight, which this model ties to model.embed_tokens, and so change "
                         "the input embeddings too; leave lm_head out of lora.target_modules or use "
                         "init_lora_weights true");
            // Checked for every module before any is wrapped, so that a refusal leaves the model untouched.
            checkBaseRewriteRank(init, slot.info.name, slot.layer->outFeatures(), slot.layer->inFeatures(),
                                 patternValue(cfg.rankPattern, slot.info.name, cfg.r));
        }
    }
    for (auto& p : model.parameters())
        p.set_requires_grad(false);
    prepareModulesToSave(model, cfg); // before wrapping: it may give lm_head its own matrix

    auto generator = at::detail::createCPUGenerator(seed);
    for (auto& slot : linearSlots(model)) {
        if (!selectedSet.count(slot.info.name))
            continue;
        LoraLayerOptions options;
        options.r = patternValue(cfg.rankPattern, slot.info.name, cfg.r);
        options.loraAlpha = patternValue(cfg.alphaPattern, slot.info.name, cfg.loraAlpha);
        options.dropout = cfg.loraDropout;
        options.useRslora = cfg.useRslora;
        options.init = cfg.initLoraWeights;
        options.initNiter = cfg.initNiter;
        options.startFromBase = baseRewrite == BaseRewrite::AtInjection;
        options.useDora = cfg.useDora;
        auto lora = std::make_shared<LoraLinear>(slot.layer, options, generator);
        // A new module starts in training mode; an adapter put into a model in eval mode must not apply dropout.
        lora->train(slot.host->is_training());
        slot.host->replaceLinear(slot.childName, lora);
        if (cfg.bias == LoraBias::LoraOnly && slot.layer->baseBias().defined())
            slot.layer->baseBias().set_requires_grad(true);
    }
    for (auto& item : model.named_parameters(/*recurse=*/true)) {
        const std::string& name = item.key();
        const bool isLora = isLoraParameterName(name);
        const bool isBias = name.size() > 5 && name.compare(name.size() - 5, 5, ".bias") == 0;
        if (isLora || (cfg.bias == LoraBias::All && isBias))
            item.value().set_requires_grad(true);
    }
    return selected;
}

void rewriteBasesUnderLoadedFactors(CausalLm& model, uint64_t seed)
{
    auto generator = at::detail::createCPUGenerator(seed);
    for (auto& [name, layer] : loraLayers(model))
        layer->rewriteBaseUnderLoadedFactors(generator);
}

std::vector<std::pair<std::string, std::shared_ptr<LoraLinear>>> loraLayers(CausalLm& model)
{
    std::vector<std::pair<std::string, std::shared_ptr<LoraLinear>>> out;
    for (const auto& item : model.named_modules("", /*include_self=*/false))
        if (auto lora = std::dynamic_pointer_cast<LoraLinear>(item.value()))
            out.emplace_back(item.key(), lora);
    return out;
}

namespace {

void unwrapLoraLayers(CausalLm& model, bool keepMerged)
{
    for (const auto& item : model.named_modules(/*name_prefix=*/"", /*include_self=*/true)) {
        auto host = std::dynamic_pointer_cast<LinearHost>(item.value());
        if (!host)
            continue;
        for (const auto& child : host->named_children()) {
            auto lora = std::dynamic_pointer_cast<LoraLinear>(child.value());
            if (!lora)
                continue;
            if (keepMerged) {
                lora->merge(); // on a PiSSA / OLoRA residual this gives W + the trained change
            } else {
                lora->unmerge();
                lora->restoreBaseWeight();
            }
            host->replaceLinear(child.key(), lora->baseLayer());
        }
    }
    for (auto& p : model.parameters())
        p.set_requires_grad(false);
}

} // namespace

void removeLora(CausalLm& model)
{
    unloadModulesToSave(model);
    unwrapLoraLayers(model, /*keepMerged=*/false);
}

void mergeAndUnloadLora(CausalLm& model)
{
    unloadModulesToSave(model);
    unwrapLoraLayers(model, /*keepMerged=*/true);
}

void setAdaptersEnabled(CausalLm& model, bool enabled)
{
    for (auto& [name, layer] : loraLayers(model))
        layer->setEnabled(enabled);
    setModulesToSaveEnabled(model, enabled);
}

void mergeAdapters(CausalLm& model)
{
    for (auto& [name, layer] : loraLayers(model))
        layer->merge();
}

void unmergeAdapters(CausalLm& model)
{
    for (auto& [name, layer] : loraLayers(model))
        layer->unmerge();
}

} // namespace core
