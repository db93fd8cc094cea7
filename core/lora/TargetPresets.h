#pragma once
// The target-module presets, in one place for the window's buttons, sweep files and the sweep form:
//   attention  the projections inside each decoder layer's attention block (q, k, v, o)
//   mlp        the projections inside each MLP block (gate, up, down)
//   qv         q and v only (the original LoRA paper's choice); Phi-3's fused qkv_proj, which holds them
//   all        every linear layer except the output head (PEFT's "all-linear")
// presetModules() applies a preset to a model's modules (what the window ticks, and what a sweep expands to for its
// base experiment's model). targetPreset() gives the names for the Llama-family layout, for a sweep whose model's
// config.json cannot be read yet; for Llama, Mistral, Qwen2 and Qwen3 the two agree (tests/core/test_sweep.cpp
// checks it on a model), Phi-3's fused layers differ.
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
