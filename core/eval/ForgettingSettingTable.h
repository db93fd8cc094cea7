#pragma once
// ForgettingProbeOptions' field table (core/common/SettingField.h): the experiment file's forgetting: section and its
// checks, one row per setting. The probe is off without retain_path, so no row is written then.
#include "core/common/SettingField.h"
#include "core/eval/ForgettingSettings.h"

namespace core {

const SettingTable<ForgettingProbeOptions>& forgettingSettingTable();

} // namespace core
