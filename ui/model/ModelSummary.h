#pragma once
// What the window knows about the chosen base model: its config, every linear module with its shape, the parameter
// count and the tokenizer. Built once per model on a background thread; the model's tensors are dropped afterwards
// (the UI never holds tensors; training loads its own copy on the worker thread).
#include "core/lora/LoraInjector.h"
#include "core/lora/ParameterCount.h"
#include "core/model/ModelConfig.h"

#include <QMetaType>
#include <QString>

#include <memory>
#include <vector>

namespace core {
class Tokenizer;
}

namespace ui {

struct ModelSummary {
    QString directory;
    core::ModelConfig config;
    std::vector<core::LinearModuleInfo> modules; ///< core::discoverLinearModules, in module order
    core::ParameterCount parameters;             ///< of the base model (nothing trainable)
    QString dtype;                               ///< the checkpoint's dtype (config torch_dtype) or the loaded one
    std::shared_ptr<const core::Tokenizer> tokenizer;

    bool isValid() const { return !directory.isEmpty(); }
    // Multi-line human summary: architecture, layers, hidden size, heads, vocab, parameters, dtype.
    QString describe() const;
};

// Loads directory (CPU, tokenizer included), discovers its linear modules and counts its parameters. Throws core::Error
// (or c10::Error) for a bad directory. Slow for big models: call it off the GUI thread.
ModelSummary inspectModel(const QString& directory);

// "1.2 M", "6.7 B"
QString humanCount(int64_t value);
// "12.0 MiB", "3.4 GiB"
QString humanBytes(double bytes);

} // namespace ui

Q_DECLARE_METATYPE(ui::ModelSummary)
