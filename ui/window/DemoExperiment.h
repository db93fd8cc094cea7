#pragma once
// The bundled demo experiments as the labs use them. The demo files name their inputs from the repository root
// ("resources/demo/model"); run from anywhere else (an installed app, a build folder) such a path is found under the
// resources folder instead.
#include "core/experiment/ExperimentConfig.h"

#include <QString>

namespace ui {

// resources/experiments/demo_forgetting.yaml, else demo_task_b.yaml (without a forgetting: section); "" when neither.
QString demoForgettingExperimentPath();

// A file in the bundled resources/experiments folder (the demos), which the labs may complete with demo inputs.
bool isBundledExperiment(const QString& path);

// A relative path that does not exist from the working directory and starts with "resources/": the same file under
// resourcesDir() when it exists there; otherwise the path unchanged.
std::string rebasedOnResources(const std::string& path);
void rebaseInputsOnResources(core::ExperimentConfig& cfg); ///< model, data, base adapter, retain text, task files

// For a demo experiment without a forgetting: section: the demo retain text and the task A and B test sets.
void addDemoForgettingInputs(core::ForgettingProbeOptions& options);

} // namespace ui
