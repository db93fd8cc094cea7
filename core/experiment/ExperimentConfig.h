#pragma once
// An experiment file: everything a training run needs (model, LoRA settings, data, training settings, output), as
// the YAML that the GUI saves and opens and `lorawb train` runs. Key names follow PEFT's and HF's where those exist;
// the full list is experimentSchema() in ExperimentKeys.cpp, and toYaml() writes every one of them.
#include "core/data/DataConfig.h"
#include "core/eval/ForgettingSettings.h"
#include "core/lora/LoraConfig.h"
#include "core/task/TaskConfig.h"
#include "core/train/TrainConfig.h"

#include <functional>
#include <string>
#include <vector>

namespace core {

struct ExperimentConfig {
    std::string model;      ///< HF model directory (YAML: model, required)
    std::string name;       ///< run name (default: the file's stem)
    LoraConfig lora;        ///< the task type lives in lora.taskType (YAML: top-level task_type)
    DataConfig data;        ///< data.path is required
    TrainConfig train;      ///< the finetune mode lives in train.finetune (YAML: top-level finetune: lora|full)
    TaskConfig task;        ///< task: what a task head needs (SEQ_CLS classes, pad token); empty for CAUSAL_LM
    std::string outputDir;  ///< output_dir (default: runs/<name>)
    std::string baseAdapter; ///< base_adapter: a PEFT adapter merged into the base weights before training, e.g. the
                             ///< adapter of an earlier task, so that forgetting of that task can be measured ("" none)
    ForgettingProbeOptions forgetting; ///< forgetting: {retain_path, task_paths, max_retain_tokens, accuracy_limit};
                                       ///< measured before training, at every eval and at the end; no retain_path = off
    std::string sourcePath; ///< the YAML file it came from ("" when built in memory); not written by toYaml
};

// Reads, overrides, converts and validates an experiment file. Relative paths in it are resolved as described at
// parseExperiment. Every problem is a core::Error naming the file, the line and the key.
ExperimentConfig loadExperiment(const std::string& yamlPath, const std::vector<std::string>& overrides = {});

// The same from text; `sourceName` names the text in messages and gives the default run name (its stem).
// `overrides` are "key=value" strings as given to --set, applied in order before conversion.
// Relative paths (model, data.path, data.validation_path, output_dir, base_adapter, forgetting.*_path(s)) are resolved against `baseDir` when the
// resolved path exists; otherwise they stay as written, i.e. relative to the working directory. That way a file
// next to its data works from any directory, and a file that names paths from the project root works from there.
// Paths given by --set are never re-based (they were typed relative to the working directory); baseDir "" resolves
// nothing. Note that output_dir usually does not exist before the first run, so it is normally working-directory
// relative. A missing target_modules means PEFT's default for LLaMA-family models, [q_proj, v_proj].
ExperimentConfig parseExperiment(const std::string& yamlText, const std::string& sourceName,
                                 const std::vector<std::string>& overrides = {}, const std::string& baseDir = "");

// The whole configuration as experiment YAML (every setting, defaults included; empty lists and maps left out).
// parseExperiment(toYaml(cfg), …) gives back cfg, except sourcePath and lora.baseModelNameOrPath (set from model).
std::string toYaml(const ExperimentConfig& cfg);

// What parseExperiment checks after reading, for a configuration built in memory (the GUI): model set, then
// LoraConfig, DataConfig and TrainConfig validate(). Throws core::Error naming the field.
void validateExperiment(const ExperimentConfig& cfg);

// Writes toYaml(cfg) atomically (temp file + rename): a crash leaves the old file or the new one, never half.
// Paths are written as they are in cfg.
void saveExperiment(const std::string& path, const ExperimentConfig& cfg);

// Every input file or folder an experiment reads, with its dotted key: model, data.path, data.validation_path,
// base_adapter, forgetting.retain_path and each of forgetting.task_paths (empty ones included). For code that re-bases
// paths: the file's own resolution, sweep files, the GUI.
void forEachInputPath(ExperimentConfig& cfg, const std::function<void(const std::string& key, std::string& path)>& fn);
const std::vector<std::string>& inputPathKeys(); ///< the dotted keys forEachInputPath visits

// YAML spellings of the finetune mode: "lora" | "full".
std::string toString(FinetuneMode mode);
FinetuneMode parseFinetuneMode(const std::string& text, const std::string& field = "finetune");

} // namespace core
