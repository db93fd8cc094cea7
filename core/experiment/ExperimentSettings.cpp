#include "core/experiment/ExperimentSettings.h"

#include "core/data/DataSettings.h"
#include "core/eval/ForgettingSettingTable.h"
#include "core/experiment/SettingsYaml.h"
#include "core/lora/LoraSettings.h"
#include "core/task/TaskSettings.h"
#include "core/train/TrainSettings.h"

#include <sstream>

namespace core {

const SettingTable<ExperimentConfig>& experimentTopSettingTable()
{
    using C = ExperimentConfig;
    static const SettingTable<C> table = {
        {"model", "the Hugging Face model directory to fine-tune (config.json, safetensors, tokenizer); required",
         &C::model},
        {"name", "the run's name in the history and its default folder; default: the file's name without .yaml",
         &C::name},
        {"task_type", "PEFT's task type: picks the head and the loss (CAUSAL_LM trains a language model)",
         ChoiceAccess<C>{
             [](const C& c) { return toString(c.lora.taskType); },
             [](C& c, const std::string& text, const std::string& key) { c.lora.taskType = parseTaskType(text, key); },
             allTaskTypeNames()}},
        {"finetune", "lora trains adapters only; full trains every weight (to compare forgetting)",
         ChoiceAccess<C>{[](const C& c) { return toString(c.train.finetune); },
                         [](C& c, const std::string& text, const std::string& key) {
                             c.train.finetune = parseFinetuneMode(text, key);
                         },
                         {toString(FinetuneMode::Lora), toString(FinetuneMode::Full)}}},
        {"output_dir", "where the run writes its checkpoints and adapter; default: runs/<name>", &C::outputDir},
        {"base_adapter",
         "a PEFT adapter merged into the base before training (e.g. an earlier task's), to measure forgetting of "
         "that task",
         &C::baseAdapter},
    };
    return table;
}

ExperimentConfig defaultExperimentConfig()
{
    ExperimentConfig cfg;
    // PEFT's default for LLaMA-family models (its TRANSFORMERS_MODELS_TO_LORA_TARGET_MODULES_MAPPING).
    cfg.lora.targetModules = TargetModules{TargetModules::Kind::List, {"q_proj", "v_proj"}, ""};
    return cfg;
}

const std::vector<SettingInfo>& experimentSettings()
{
    static const std::vector<SettingInfo> settings = [] {
        const ExperimentConfig defaults = defaultExperimentConfig();
        std::vector<SettingInfo> out;
        describeSettings("", experimentTopSettingTable(), defaults, out);
        describeSettings("lora", loraSettingTable(), defaults.lora, out);
        describeSettings("data", dataSettingTable(), defaults.data, out);
        describeSettings("train", trainSettingTable(), defaults.train, out);
        describeSettings("forgetting", forgettingSettingTable(), defaults.forgetting, out);
        describeSettings("task", taskSettingTable(), defaults.task, out);
        return out;
    }();
    return settings;
}

const SettingInfo* findExperimentSetting(const std::string& dottedKey)
{
    for (const auto& info : experimentSettings())
        if (info.key == dottedKey)
            return &info;
    return nullptr;
}

namespace {

std::string typeWithChoices(const SettingInfo& info)
{
    if (info.type == "structured")
        return info.shape;
    if (info.type != "choice")
        return info.type;
    std::string names;
    for (const auto& name : info.choices)
        names += (names.empty() ? "" : " | ") + name;
    return names;
}

// A Markdown table cell: a '|' would end the cell early.
std::string cell(const std::string& text)
{
    std::string out;
    for (char c : text)
        out += c == '|' ? std::string("\\|") : std::string(1, c);
    return out;
}

} // namespace

std::string settingsReferenceText(const std::vector<SettingInfo>& settings)
{
    std::ostringstream out;
    for (const auto& info : settings) {
        out << info.key << "  (" << typeWithChoices(info);
        if (!info.defaultText.empty())
            out << "; default " << info.defaultText;
        out << ")\n    " << info.doc << "\n";
    }
    return out.str();
}

std::string settingsReferenceMarkdown(const std::vector<SettingInfo>& settings)
{
    std::ostringstream out;
    out << "| key | type | default | what it does |\n|---|---|---|---|\n";
    for (const auto& info : settings)
        out << "| `" << info.key << "` | " << cell(typeWithChoices(info)) << " | "
            << (info.defaultText.empty() ? "" : "`" + cell(info.defaultText) + "`") << " | " << cell(info.doc)
            << " |\n";
    return out.str();
}

} // namespace core
