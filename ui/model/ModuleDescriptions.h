#pragma once
// How the window groups and explains a model's linear modules.
#include "core/lora/LoraInjector.h"

#include <QString>

namespace ui {

bool isAttentionModule(const core::LinearModuleInfo& module);
// "Attention", "MLP" or "Other".
QString moduleGroup(const core::LinearModuleInfo& module);
// What a module kind (q_proj, …) does, for its tooltip.
QString moduleTooltip(const QString& shortName);

} // namespace ui
