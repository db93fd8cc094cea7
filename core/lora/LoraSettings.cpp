#include "core/lora/LoraSettings.h"

#include "core/common/Error.h"
#include "core/common/Text.h"

#include <cmath>
#include <regex>

namespace core {

namespace {

// Throws naming `field` when `pattern` is not a valid regular expression. std::regex's ECMAScript grammar is close
// to Python's `re` for the patterns people write for module names (alternation, classes, quantifiers, groups).
void checkRegex(const std::string& pattern, const std::string& field)
{
    LORAWB_CHECK(!pattern.empty(), field, " must not be empty; give a module-name pattern such as '.*\\.q_proj'");
    try {
        std::regex compiled(pattern);
        (void)compiled;
    } catch (const std::regex_error& e) {
        LORAWB_FAIL(field, " is not a valid regular expression: '", pattern, "' (", e.what(),
                    "); escape literal dots as '\\.' and balance brackets and parentheses");
    }
}

std::string flowList(const std::vector<std::string>& items)
{
    std::string out = "[";
    for (const auto& item : items)
        out += (out.size() > 1 ? ", " : "") + item;
    return out + "]";
}

void checkNoEmptyName(const std::vector<std::string>& names, const char* key, const char* example)
{
    for (const auto& name : names)
        LORAWB_CHECK(!name.empty(), key, " contains an empty name; remove it or give a module name", example);
}

} // namespace

std::string targetModulesText(const TargetModules& target)
{
    switch (target.kind) {
    case TargetModules::Kind::List:
        return flowList(target.names);
    case TargetModules::Kind::Regex:
        return target.regex;
    case TargetModules::Kind::AllLinear:
        return "all-linear";
    }
    return {};
}

const SettingTable<LoraConfig>& loraSettingTable()
{
    using C = LoraConfig;
    static const SettingTable<C> table = {
        {"r", "rank of the update ΔW = B·A: trainable parameters grow linearly with it, quality saturates", &C::r,
         [](const C& c) {
             LORAWB_CHECK(c.r > 0, "lora.r must be a positive integer, got ", c.r, "; typical values are 4–64");
         }},
        {"lora_alpha", "ΔW is scaled by lora_alpha / r (lora_alpha / √r with use_rslora); often 2 × r", &C::loraAlpha,
         [](const C& c) {
             LORAWB_CHECK(std::isfinite(c.loraAlpha) && c.loraAlpha > 0,
                          "lora.lora_alpha must be a positive number, got ", c.loraAlpha,
                          "; a common choice is 2 × r (e.g. r: 8, lora_alpha: 16)");
         }},
        {"lora_dropout", "dropout on the adapter path's input only (the frozen path sees every value), in [0, 1)",
         &C::loraDropout,
         [](const C& c) {
             LORAWB_CHECK(std::isfinite(c.loraDropout) && c.loraDropout >= 0 && c.loraDropout < 1,
                          "lora.lora_dropout must be in [0, 1), got ", c.loraDropout, "; typical values are 0.0–0.1");
         }},
        {"bias", "which biases train besides the adapters: none, all, or lora_only (those of adapted layers)",
         ChoiceAccess<C>{
             [](const C& c) { return toString(c.bias); },
             [](C& c, const std::string& text, const std::string& key) { c.bias = parseLoraBias(text, key); },
             {toString(LoraBias::None), toString(LoraBias::All), toString(LoraBias::LoraOnly)}}},
        {"target_modules",
         "linear layers that get an adapter: a list of module names ([q_proj, v_proj]), a regex over the whole name, "
         "or all-linear",
         StructuredAccess<C>{[](const C& c) { return targetModulesText(c.targetModules); }, "list | regex | all-linear", {}},
         [](const C& c) {
             const auto& target = c.targetModules;
             if (target.kind == TargetModules::Kind::List) {
                 LORAWB_CHECK(!target.names.empty(),
                              "lora.target_modules is an empty list; name at least one linear "
                              "module, e.g. [q_proj, v_proj], or use \"all-linear\"");
                 checkNoEmptyName(target.names, "lora.target_modules", " such as q_proj");
             } else if (target.kind == TargetModules::Kind::Regex) {
                 checkRegex(target.regex, "lora.target_modules");
             }
         }},
        {"use_rslora", "rank-stabilised LoRA: scale ΔW by lora_alpha / √r instead of lora_alpha / r", &C::useRslora},
        {"use_dora", "DoRA: a trained magnitude per output row rescales W + ΔW (PEFT's use_dora; + out params/layer)",
         &C::useDora},
        {"init_lora_weights",
         "how A and B start: true (PEFT's default), gaussian, or from W's SVD / QR: pissa, pissa_niter_N, olora "
         "(saved as LoRA of rank 2r)",
         ChoiceAccess<C>{[](const C& c) { return initLoraWeightsName(c.initLoraWeights, c.initNiter); },
                         [](C& c, const std::string& text, const std::string& key) {
                             parseInitLoraWeights(text, key, c.initLoraWeights, c.initNiter);
                         },
                         {"true", "gaussian", "pissa", "pissa_niter_N", "olora"}},
         [](const C& c) {
             // DoRA's magnitude is measured on the weight it rescales; after PiSSA / OLoRA that is the residual, and
             // the plain-LoRA conversion that makes the adapter portable has no magnitude to carry.
             LORAWB_CHECK(!(c.useDora && rewritesBaseWeights(c.initLoraWeights)), "lora.init_lora_weights ",
                          initLoraWeightsName(c.initLoraWeights, c.initNiter), " cannot be combined with "
                          "lora.use_dora here: set use_dora false, or init_lora_weights true");
         }},
        {"layers_to_transform", "adapt only these layer indices (one index or a list); empty = every layer",
         StructuredAccess<C>{[](const C& c) {
                                 std::vector<std::string> texts;
                                 for (int layer : c.layersToTransform)
                                     texts.push_back(std::to_string(layer));
                                 return c.layersToTransform.empty() ? std::string() : flowList(texts);
                             },
                             "index | list of indices", {}},
         [](const C& c) {
             // PEFT refuses this combination in LoraConfig.__post_init__; an adapter made with it could not be loaded
             // there.
             LORAWB_CHECK(c.layersToTransform.empty() || c.targetModules.kind == TargetModules::Kind::List,
                          "lora.layers_to_transform cannot be used when lora.target_modules is a single string (a "
                          "regex or \"all-linear\"), as in PEFT; list the module names instead (e.g. [q_proj, v_proj]) "
                          "or put the layer numbers into the regex");
             for (int layer : c.layersToTransform)
                 LORAWB_CHECK(layer >= 0, "lora.layers_to_transform must hold layer indices >= 0, got ", layer,
                              "; layers count from 0");
         }},
        {"rank_pattern", "module-name regex → its own r where lora.r does not fit; keys are tried in file order, the first match wins",
         &C::rankPattern,
         [](const C& c) {
             for (const auto& [pattern, rank] : c.rankPattern) {
                 checkRegex(pattern, "lora.rank_pattern key '" + pattern + "'");
                 LORAWB_CHECK(rank > 0, "lora.rank_pattern['", pattern, "'] must be a positive integer, got ", rank,
                              "; typical values are 4–64");
             }
         }},
        {"alpha_pattern", "module-name regex → its own lora_alpha; keys are tried in file order, the first match wins", &C::alphaPattern,
         [](const C& c) {
             for (const auto& [pattern, alpha] : c.alphaPattern) {
                 checkRegex(pattern, "lora.alpha_pattern key '" + pattern + "'");
                 LORAWB_CHECK(std::isfinite(alpha) && alpha > 0, "lora.alpha_pattern['", pattern,
                              "'] must be a positive number, got ", alpha);
             }
         }},
        {"modules_to_save", "whole modules that train in full and are saved with the adapter (e.g. lm_head, score)",
         &C::modulesToSave,
         [](const C& c) { checkNoEmptyName(c.modulesToSave, "lora.modules_to_save", " such as lm_head"); }},
        {"ensure_weight_tying",
         "with tied embeddings and lm_head in modules_to_save: train one matrix for both (false breaks the tie, as "
         "PEFT)",
         &C::ensureWeightTying},
        {"exclude_modules", "modules never adapted: a list of names (matched as target_modules) or one regex",
         StructuredAccess<C>{[](const C& c) {
                                 if (!c.excludeRegex.empty())
                                     return c.excludeRegex;
                                 return c.excludeModules.empty() ? std::string() : flowList(c.excludeModules);
                             },
                             "list | regex", {}},
         [](const C& c) {
             if (!c.excludeRegex.empty())
                 checkRegex(c.excludeRegex, "lora.exclude_modules");
             checkNoEmptyName(c.excludeModules, "lora.exclude_modules", "");
         }},
    };
    return table;
}

} // namespace core
