#pragma once
// TrainConfig's field table (core/common/SettingField.h): the experiment file's train: section, with HF Trainer's
// meanings, and TrainConfig::validate()'s checks, one row per setting. finetune lives in TrainConfig but is a
// top-level key of the file, so its row is in the experiment's own table (core/experiment/ExperimentSettings.cpp).
#include "core/common/SettingField.h"
#include "core/train/TrainConfig.h"

namespace core {

const SettingTable<TrainConfig>& trainSettingTable();

// "cuda:N" with N a plain non-negative decimal; the device list is checked later, when the device is opened.
bool isCudaOrdinal(const std::string& device);

} // namespace core
