#pragma once
// LoraConfig's field table (core/common/SettingField.h): the experiment file's lora: section, PEFT's names and
// meanings, and LoraConfig::validate()'s checks, one row per setting. task_type lives in LoraConfig but is a
// top-level key of the file, so its row is in the experiment's own table (core/experiment/ExperimentSettings.cpp).
#include "core/common/SettingField.h"
#include "core/lora/LoraConfig.h"

namespace core {

const SettingTable<LoraConfig>& loraSettingTable();

// "q_proj, v_proj" as the file spells target_modules: "[q_proj, v_proj]", a regex, or "all-linear".
std::string targetModulesText(const TargetModules& target);

} // namespace core
