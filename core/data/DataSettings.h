#pragma once
// DataConfig's field table (core/common/SettingField.h): the experiment file's data: section and
// DataConfig::validate()'s checks, one row per setting.
#include "core/common/SettingField.h"
#include "core/data/DataConfig.h"

namespace core {

const SettingTable<DataConfig>& dataSettingTable();

} // namespace core
