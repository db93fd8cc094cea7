#pragma once
// The experiment file's layout: its top-level rows (model, name, task_type, finetune, output_dir, base_adapter) and
// its sections (lora, data, train, forgetting), each with its struct's field table. Everything that needs the list of
// settings asks here: the reader and writer, --set and "did you mean" (experimentSchema), `lorawb settings`, the
// config diff's defaults and the GUI's tooltips.
#include "core/common/SettingField.h"
#include "core/experiment/ExperimentConfig.h"

#include <string>
#include <vector>

namespace core {

// The top-level rows. task_type and finetune are stored in cfg.lora and cfg.train.
const SettingTable<ExperimentConfig>& experimentTopSettingTable();

// What a file that sets nothing means: every struct's defaults, plus PEFT's default target_modules for
// LLaMA-family models ([q_proj, v_proj]), which LoraConfig alone does not know.
ExperimentConfig defaultExperimentConfig();

// Every setting of the file, dotted, in the order toYaml writes them.
const std::vector<SettingInfo>& experimentSettings();
// The row for a dotted key ("lora.r"), or nullptr.
const SettingInfo* findExperimentSetting(const std::string& dottedKey);

// The key reference for `settings` (all of them by default): two lines per setting (key, type, default; doc) as plain
// text, or one Markdown table row each.
std::string settingsReferenceText(const std::vector<SettingInfo>& settings = experimentSettings());
std::string settingsReferenceMarkdown(const std::vector<SettingInfo>& settings = experimentSettings());

} // namespace core
