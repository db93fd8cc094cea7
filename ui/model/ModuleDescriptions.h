#pragma once
// How the window groups and explains a model's linear modules. The texts are in the current language.
#include "core/lora/LoraInjector.h"

#include <QString>

namespace ui {

enum class ModuleGroup { Attention, Mlp, Other };

bool isAttentionModule(const core::LinearModuleInfo& module);
ModuleGroup moduleGroupOf(const core::LinearModuleInfo& module);
// "Attention", "MLP" or "Other".
QString moduleGroupName(ModuleGroup group);
QString moduleGroup(const core::LinearModuleInfo& module); ///< moduleGroupName(moduleGroupOf(module))
// What a module kind (q_proj, …) does, for its tooltip.
QString moduleTooltip(const QString& shortName);

} // namespace ui
