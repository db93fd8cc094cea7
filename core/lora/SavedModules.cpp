#include "core/lora/SavedModules.h"

#include "core/lora/ModuleMatching.h"

#include <torch/torch.h>

#include <unordered_set>

namespace core {

namespace {

bool saves(const LoraConfig& cfg, const std::string& moduleName) { return matchesAnyName(cfg.modulesToSave, moduleName); }

} // namespace

void prepareModulesToSave(CausalLm& model, const LoraConfig& cfg)
{
    if (cfg.modulesToSave.empty())
        return;
    auto& saved = model.savedParameters();
    // A tie PEFT breaks: the saved side trains its own matrix, the other keeps the original values, and that tensor
    // is then the saved side's original (so adapters off computes with exactly the base matrix, counted once).
    at::Tensor headOriginal, embedOriginal;
    const bool head = saves(cfg, "lm_head"), embed = saves(cfg, "model.embed_tokens");
    if (model.lmHeadTied() && (head || embed) && !cfg.ensureWeightTying) {
        const at::Tensor shared = model.stack()->embedTokens->weight;
        const at::Tensor headCopy = model.untieLmHead();
        if (head && !embed)
            headOriginal = shared;
        else if (embed && !head)
            embedOriginal = headCopy;
    }
    std::unordered_set<const void*> seen;
    for (const auto& item : model.named_modules("", /*include_self=*/false)) {
        if (!saves(cfg, item.key()))
            continue;
        for (auto& p : item.value()->parameters(/*recurse=*/true)) {
            if (!seen.insert(p.unsafeGetTensorImpl()).second)
                continue;
            at::Tensor original;
            if (item.key() == "lm_head" && headOriginal.defined())
                original = headOriginal;
            else if (item.key() == "model.embed_tokens" && embedOriginal.defined())
                original = embedOriginal;
            else
                original = p.detach().clone();
            saved.push_back({p, original, {}});
            p.set_requires_grad(true);
        }
    }
}

void setModulesToSaveEnabled(CausalLm& model, bool enabled)
{
    for (auto& s : model.savedParameters()) {
        const bool off = s.trained.defined();
        if (!enabled && !off) {
            s.trained = s.parameter.detach(); // keeps the trained storage while the parameter shows the original
            s.parameter.set_data(s.original.detach());
        } else if (enabled && off) {
            s.parameter.set_data(s.trained);
            s.trained = at::Tensor();
        }
    }
}

void unloadModulesToSave(CausalLm& model)
{
    for (auto& s : model.savedParameters())
        if (s.trained.defined()) // adapters off: the original stays, as a copy of its own
            s.parameter.set_data(s.original.detach().clone());
    model.savedParameters().clear();
}

void restoreModulesToSave(CausalLm& model)
{
    auto& saved = model.savedParameters();
    if (saved.empty())
        return;
    setModulesToSaveEnabled(model, true);
    {
        torch::NoGradGuard noGrad;
        for (auto& s : saved)
            s.parameter.copy_(s.original);
    }
    saved.clear();
    if (model.config().tieWordEmbeddings && !model.lmHeadTied())
        model.tieLmHead();
}

} // namespace core
