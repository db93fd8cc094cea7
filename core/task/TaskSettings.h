#pragma once
// TaskConfig's field table (core/common/SettingField.h): the experiment file's task: section. A row is written only
// when its value is not the default, so files of CAUSAL_LM runs have no task: section.
#include "core/common/SettingField.h"
#include "core/task/TaskConfig.h"

namespace core {

const SettingTable<TaskConfig>& taskSettingTable();

} // namespace core
