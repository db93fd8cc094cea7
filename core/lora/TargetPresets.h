#pragma once
// The target-module presets, in one place for the window's buttons, sweep files and the sweep form:
//   attention  the projections inside each decoder layer's attention block (q, k, v, o)
//   mlp        the projections inside each MLP block (gate, up, down)
//   qv         q and v only (the original LoRA paper's choice)
//   all        every linear layer except the output head (PEFT's "all-linear")
// presetModules() applies a preset to a model's modules (what the window ticks). targetPreset() gives the names for
// the Llama-family layout, because a sweep file is expanded before any model is read; for every architecture the
// engine loads (Llama, Mistral, Qwen2) the two agree (tests/core/test_sweep.cpp checks it on a model).
#include "core/lora/LoraInjector.h"

#include <string>
#include <vector>

namespace core {

const std::vector<std::string>& targetPresetNames(); ///< attention, mlp, qv, all

// The Llama-family module names of a preset; empty when `name` is not a preset.
std::vector<std::string> targetPreset(const std::string& name);

// The distinct short names, in module order, of the model's linear modules that the preset selects; empty when `name`
// is not a preset.
std::vector<std::string> presetModules(const std::string& name, const std::vector<LinearModuleInfo>& modules);

} // namespace core
