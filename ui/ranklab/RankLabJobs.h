#pragma once
// The rank lab's heavy work, as plain functions that BackgroundRunner runs off the GUI thread. Each loads what it
// needs from disk (the UI holds no tensors) and returns numbers. They throw core::Error for bad input.
#include "core/eval/RankAnalysis.h"
#include "core/eval/TruncationCurve.h"
#include "core/lora/LoraInjector.h"

#include <functional>
#include <string>
#include <vector>

namespace ui {

// The linear modules of the model in `directory`, from config.json alone (no weight is read).
std::vector<core::LinearModuleInfo> readModelStructure(const std::string& directory);
// Loads the model (CPU, float32, no tokenizer) with the adapter and returns core::adapterSpectra.
std::vector<core::ModuleSpectrum> computeAdapterSpectra(const std::string& model, const std::string& adapter);
// Loads the model (device auto, tokenizer) with the adapter and returns core::truncationCurve on `data`.
std::vector<core::TruncationPoint> computeTruncation(const std::string& model, const std::string& adapter,
                                                     const std::string& data, const core::TruncationOptions& options,
                                                     const std::function<void(int64_t, int64_t)>& onProgress);

} // namespace ui
