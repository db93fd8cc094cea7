#pragma once
// A sweep file: a base experiment and a grid of values for some of its keys. Every combination is one run; the file's
// order of keys and values is the run order. Example (resources/sweeps/demo_rank_sweep.yaml):
//
//   name: demo_rank_sweep
//   experiment: ../experiments/demo_task_a.yaml   # relative to this file
//   set: {train.max_steps: 150}                    # applied to every run
//   grid:
//     lora.r: [1, 2, 4, 8, 16]
//     lora.lora_alpha: [2r]                        # "<k>r": k times the run's r
//     lora.target_modules: [attention, all]        # presets (attention, mlp, qv, all) or lists
//     lora.lora_dropout: [0.05]
//     train.learning_rate: [1.0e-3]
//   output_dir: runs/sweeps/demo_rank_sweep        # each run in <output_dir>/<NN>-<label>
//
// Grid keys are the experiment file's dotted keys (anything --set accepts). Every combination is checked when the
// file is loaded, so a bad value fails before the first run starts, naming the key and the combination.
#include "core/experiment/ExperimentConfig.h"
#include "core/lora/TargetPresets.h" // the presets a grid may name

#include <string>
#include <vector>

namespace core {

struct SweepItem {
    int index = 0;                       ///< 0-based, in run order
    std::string label;                   ///< "r=4 alpha=8 targets=attention"
    std::vector<std::string> overrides;  ///< as --set assignments, applied to the base experiment
    ExperimentConfig config;             ///< the base experiment with the overrides (name and output_dir set)
};

struct SweepSpec {
    std::string name;
    std::string path;                    ///< the sweep file
    std::string experimentPath;          ///< the base experiment file
    std::string outputDir;
    std::string text;                    ///< the sweep file as read (recorded in the history)
    std::string hash;                    ///< over every item's full experiment: a changed sweep is a new sweep
    std::vector<SweepItem> items;
};

// A grid's lora.target_modules may name a preset (core/lora/TargetPresets.h): attention, mlp, qv, all.

// Reads and expands a sweep file. extraOverrides (--set on the command line) apply to every run after the file's
// own. Throws core::Error naming the file, line and key (or the combination) for every problem.
SweepSpec loadSweep(const std::string& path, const std::vector<std::string>& extraOverrides = {});

// The same from text (baseDir: where relative paths in it are resolved from).
SweepSpec parseSweep(const std::string& text, const std::string& sourceName, const std::string& baseDir,
                     const std::vector<std::string>& extraOverrides = {});

} // namespace core
