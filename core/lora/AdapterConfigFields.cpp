#include "core/lora/AdapterConfigFields.h"

#include "core/common/Error.h"
#include "core/common/Text.h"
#include "core/io/JsonFile.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <set>

namespace core {

namespace {

using json = nlohmann::ordered_json; // adapter_config.json in its own key order (OrderedMapping.h)

// Every field PEFT 0.21.2 writes for a LoraConfig (and the base PeftConfig).
const std::set<std::string>& knownFields()
{
    static const std::set<std::string> fields = {
        "alora_invocation_tokens", "alpha_pattern", "arrow_config", "auto_mapping", "base_model_name_or_path",
        "bias", "corda_config", "ensure_weight_tying", "eva_config", "exclude_modules", "fan_in_fan_out",
        "inference_mode", "init_lora_weights", "kasa_config", "layer_replication", "layers_pattern",
        "layers_to_transform", "loftq_config", "lora_alpha", "lora_bias", "lora_dropout", "lora_ga_config",
        "megatron_config", "megatron_core", "modules_to_save", "monteclora_config", "peft_type", "peft_version",
        "qalora_group_size", "r", "rank_pattern", "revision", "target_modules", "target_parameters", "task_type",
        "trainable_token_indices", "use_bdlora", "use_dora", "use_qalora", "use_rslora", "velora_config",
        // transformers' config.json names for a SEQ_CLS head's classes, which LoRA Workbench adds
        // (AdapterClassLabels.h)
        "num_labels", "id2label", "label2id", "problem_type", "pad_token_id",
        // a FEATURE_EXTRACTION adapter's pooling and temperature, which lorawb train adds (LoraConfig::contrastive)
        "pooling", "temperature"};
    return fields;
}

bool isUnset(const json& value)
{
    return value.is_null() || (value.is_boolean() && !value.get<bool>()) ||
           ((value.is_object() || value.is_array()) && value.empty());
}

// init_lora_weights values that only decide how A and B start: loading such an adapter is plain LoRA.
bool initOnly(const std::string& init) { return init == "gaussian" || init == "eva" || init == "orthogonal" || init == "mica"; }

// Values that also rewrote the base weights when the adapter was made (the adapter then belongs to that base).
bool rewritesBase(const std::string& init)
{
    return (implementedInitName(init) && init != "gaussian") || init == "corda" || init == "loftq";
}

} // namespace

bool implementedInitName(const std::string& init)
{
    return init == "gaussian" || init == "pissa" || init.rfind("pissa_niter_", 0) == 0 || init == "olora";
}

std::vector<std::string> unknownAdapterFields(const json& j)
{
    std::vector<std::string> unknown;
    if (j.is_object())
        for (const auto& item : j.items())
            if (!knownFields().count(item.key()))
                unknown.push_back(item.key());
    std::sort(unknown.begin(), unknown.end());
    return unknown;
}

void refuseUnimplementedVariants(const json& j, const std::string& path)
{
    struct Variant {
        const char* field;
        const char* what;
    };
    static const Variant variants[] = {
        {"lora_bias", "a bias on lora_B"},
        {"fan_in_fan_out", "GPT-2 style Conv1D weights, which LLaMA-family models do not have"},
        {"use_qalora", "QA-LoRA (quantization-aware pooling)"},
        {"layer_replication", "layer replication"},
        {"trainable_token_indices", "trainable token embeddings"},
        {"target_parameters", "LoRA on raw parameters (MoE experts)"},
        {"alora_invocation_tokens", "activated LoRA (aLoRA)"},
        {"use_bdlora", "BD-LoRA"},
        {"arrow_config", "Arrow routing"},
        {"kasa_config", "KaSA"},
        {"velora_config", "VeLoRA"},
        {"monteclora_config", "MonteCLoRA"},
        {"megatron_config", "Megatron parallel layers"},
    };
    for (const auto& v : variants)
        if (j.contains(v.field) && !isUnset(j.at(v.field)))
            LORAWB_FAIL(path, ": ", v.field, " is ", j.at(v.field).dump(), ": ", v.what,
                        ", which LoRA Workbench does not compute. Train the adapter without it (", v.field,
                        " unset), or use PEFT for this adapter.");
    if (j.contains("layers_pattern") && !j.at("layers_pattern").is_null()) {
        const json& p = j.at("layers_pattern");
        const bool layers = (p.is_string() && p == "layers") || (p.is_array() && p.size() == 1 && p[0] == "layers");
        LORAWB_CHECK(layers, path, ": layers_pattern is ", p.dump(), "; LLaMA-family models number their layers under "
                     "\"layers\" (model.layers.N). Set layers_pattern to \"layers\" or null.");
    }
    if (j.contains("init_lora_weights") && j.at("init_lora_weights").is_string()) {
        const std::string init = j.at("init_lora_weights").get<std::string>();
        LORAWB_CHECK(initOnly(init) || rewritesBase(init), path, ": init_lora_weights is \"", init,
                     "\", an initialisation LoRA Workbench does not know. Known: true, false, gaussian, eva, "
                     "orthogonal, mica, pissa, pissa_niter_N, olora, corda, loftq.");
    } else if (j.contains("init_lora_weights")) {
        LORAWB_CHECK(j.at("init_lora_weights").is_boolean(), path, ": init_lora_weights is ",
                     j.at("init_lora_weights").dump(), "; expected true, false or one of PEFT's names (e.g. gaussian).");
    }
}

std::string adapterConfigWarning(const std::string& dir)
{
    json j;
    try {
        j = readOrderedJsonFile((std::filesystem::path(dir) / "adapter_config.json").string(), "adapter config");
    } catch (const Error&) {
        return "";
    }
    std::string out;
    const auto unknown = unknownAdapterFields(j);
    if (!unknown.empty())
        out += dir + "/adapter_config.json: ignored fields this version does not know (" + joinedWithCommas(unknown) +
               "); the adapter was probably saved by a newer PEFT. PEFT ignores them as well.";
    const std::string init = j.contains("init_lora_weights") && j.at("init_lora_weights").is_string()
                                 ? j.at("init_lora_weights").get<std::string>()
                                 : std::string();
    const std::string file = dir + "/adapter_config.json: init_lora_weights \"" + init + "\"";
    if (init.rfind("pissa_niter_", 0) == 0)
        out += std::string(out.empty() ? "" : "\n") + file +
               ": the base weights were rewritten with a randomized SVD when this adapter was made; it is loaded as "
               "PEFT loads it, with the residual computed again from the base model given (another random draw, so "
               "close to but not exactly the residual it was trained on). Convert it with PEFT (save_pretrained with "
               "path_initial_model_for_weight_conversion) for an exact plain-LoRA adapter.";
    else if (init == "corda" || init == "loftq")
        out += std::string(out.empty() ? "" : "\n") + file +
               " rewrote the base weights when this adapter was made, so it is right only on the base model saved "
               "with it. Load that model, or convert the adapter with PEFT (save_pretrained with "
               "path_initial_model_for_weight_conversion) to use it on the original base.";
    return out;
}

} // namespace core
