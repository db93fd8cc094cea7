#include "core/lora/LoraConfig.h"
#include "core/common/Text.h"

#include "core/common/Error.h"

#include <cmath>
#include <regex>
#include <utility>

namespace core {

namespace {

// PEFT's spellings, in PEFT's order (the order error messages list them in).
const std::pair<TaskType, const char*> kTaskTypeNames[] = {
    {TaskType::CausalLm, "CAUSAL_LM"},
    {TaskType::SeqCls, "SEQ_CLS"},
    {TaskType::TokenCls, "TOKEN_CLS"},
    {TaskType::QuestionAns, "QUESTION_ANS"},
    {TaskType::FeatureExtraction, "FEATURE_EXTRACTION"},
    {TaskType::Seq2SeqLm, "SEQ_2_SEQ_LM"},
};

const std::pair<LoraBias, const char*> kBiasNames[] = {
    {LoraBias::None, "none"},
    {LoraBias::All, "all"},
    {LoraBias::LoraOnly, "lora_only"},
};


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

} // namespace

void LoraConfig::validate() const
{
    LORAWB_CHECK(r > 0, "lora.r must be a positive integer, got ", r, "; typical values are 4–64");
    LORAWB_CHECK(std::isfinite(loraAlpha) && loraAlpha > 0, "lora.lora_alpha must be a positive number, got ",
                 loraAlpha, "; a common choice is 2 × r (e.g. r: 8, lora_alpha: 16)");
    LORAWB_CHECK(std::isfinite(loraDropout) && loraDropout >= 0 && loraDropout < 1,
                 "lora.lora_dropout must be in [0, 1), got ", loraDropout, "; typical values are 0.0–0.1");

    switch (targetModules.kind) {
    case TargetModules::Kind::List:
        LORAWB_CHECK(!targetModules.names.empty(),
                     "lora.target_modules is an empty list; name at least one linear module, e.g. "
                     "[q_proj, v_proj], or use \"all-linear\"");
        for (const auto& name : targetModules.names)
            LORAWB_CHECK(!name.empty(), "lora.target_modules contains an empty name; remove it or give a module "
                                        "name such as q_proj");
        break;
    case TargetModules::Kind::Regex:
        checkRegex(targetModules.regex, "lora.target_modules");
        break;
    case TargetModules::Kind::AllLinear:
        break;
    }
    if (!excludeRegex.empty())
        checkRegex(excludeRegex, "lora.exclude_modules");

    // PEFT refuses this combination in LoraConfig.__post_init__; an adapter made with it could not be loaded there.
    LORAWB_CHECK(layersToTransform.empty() || targetModules.kind == TargetModules::Kind::List,
                 "lora.layers_to_transform cannot be used when lora.target_modules is a single string (a regex or "
                 "\"all-linear\"), as in PEFT; list the module names instead (e.g. [q_proj, v_proj]) or put the "
                 "layer numbers into the regex");
    for (int layer : layersToTransform)
        LORAWB_CHECK(layer >= 0, "lora.layers_to_transform must hold layer indices >= 0, got ", layer,
                     "; layers count from 0");

    for (const auto& [pattern, rank] : rankPattern) {
        checkRegex(pattern, "lora.rank_pattern key '" + pattern + "'");
        LORAWB_CHECK(rank > 0, "lora.rank_pattern['", pattern, "'] must be a positive integer, got ", rank,
                     "; typical values are 4–64");
    }
    for (const auto& [pattern, alpha] : alphaPattern) {
        checkRegex(pattern, "lora.alpha_pattern key '" + pattern + "'");
        LORAWB_CHECK(std::isfinite(alpha) && alpha > 0, "lora.alpha_pattern['", pattern,
                     "'] must be a positive number, got ", alpha);
    }
    for (const auto& name : modulesToSave)
        LORAWB_CHECK(!name.empty(), "lora.modules_to_save contains an empty name; remove it or give a module name "
                                    "such as lm_head");
    for (const auto& name : excludeModules)
        LORAWB_CHECK(!name.empty(), "lora.exclude_modules contains an empty name; remove it or give a module name");
}

std::string toString(LoraBias bias)
{
    for (const auto& [value, name] : kBiasNames)
        if (value == bias)
            return name;
    LORAWB_ASSERT(false, "unknown LoraBias ", static_cast<int>(bias));
    return {};
}

std::string toString(TaskType taskType)
{
    for (const auto& [value, name] : kTaskTypeNames)
        if (value == taskType)
            return name;
    LORAWB_ASSERT(false, "unknown TaskType ", static_cast<int>(taskType));
    return {};
}

LoraBias parseLoraBias(const std::string& text, const std::string& field)
{
    for (const auto& [value, name] : kBiasNames)
        if (text == name)
            return value;
    LORAWB_FAIL(field, " must be one of none, all, lora_only; got '", text,
                "' (none: only the adapters train; all: every bias trains too; lora_only: biases of targeted "
                "layers train)");
}

TaskType parseTaskType(const std::string& text, const std::string& field)
{
    for (const auto& [value, name] : kTaskTypeNames)
        if (text == name)
            return value;
    LORAWB_FAIL(field, " must be one of ", joinedWithCommas(allTaskTypeNames()), "; got '", text,
                "' (PEFT's spelling; use CAUSAL_LM for instruction tuning of a language model)");
}

std::vector<std::string> allTaskTypeNames()
{
    std::vector<std::string> names;
    for (const auto& entry : kTaskTypeNames)
        names.emplace_back(entry.second);
    return names;
}

std::optional<std::string> taskTypeNotTrainableReason(TaskType taskType)
{
    switch (taskType) {
    case TaskType::CausalLm:
        return std::nullopt;
    case TaskType::SeqCls:
        return "SEQ_CLS needs a classification head, which this version does not train yet; use CAUSAL_LM and "
               "phrase the labels as the response text";
    case TaskType::TokenCls:
        return "TOKEN_CLS needs a per-token classification head, which this version does not train yet; use "
               "CAUSAL_LM";
    case TaskType::QuestionAns:
        return "QUESTION_ANS needs a span-prediction head, which this version does not train yet; use CAUSAL_LM "
               "with the question as instruction and the answer as output";
    case TaskType::FeatureExtraction:
        return "FEATURE_EXTRACTION has no training objective in this version; use CAUSAL_LM";
    case TaskType::Seq2SeqLm:
        return "SEQ_2_SEQ_LM needs an encoder-decoder model, and LoRA Workbench loads decoder-only (LLaMA-family) "
               "models; use CAUSAL_LM";
    }
    LORAWB_ASSERT(false, "unknown TaskType ", static_cast<int>(taskType));
    return std::nullopt;
}

} // namespace core
