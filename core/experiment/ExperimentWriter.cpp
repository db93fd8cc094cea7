// toYaml and saveExperiment (declared in ExperimentConfig.h): the writing half of the experiment file, kept apart
// from the reader so that each stays small. Both walk the same field tables (ExperimentSettings.h), so what is
// written here reads back to the same ExperimentConfig.
#include "core/experiment/ExperimentConfig.h"

#include "core/common/Error.h"
#include "core/data/DataSettings.h"
#include "core/eval/ForgettingSettingTable.h"
#include "core/experiment/ExperimentSettings.h"
#include "core/experiment/SettingsYaml.h"
#include "core/io/AtomicFile.h"
#include "core/task/TaskSettings.h"
#include "core/lora/LoraSettings.h"
#include "core/train/TrainSettings.h"

#include <yaml-cpp/yaml.h>

namespace core {

namespace {

void addSection(YAML::Node& root, const char* name, const YAML::Node& section)
{
    if (section.IsDefined() && !section.IsNull())
        root[name] = section;
}

} // namespace

std::string toYaml(const ExperimentConfig& cfg)
{
    YAML::Node root = settingsNode(experimentTopSettingTable(), cfg);
    if (!root.IsMap())
        root = YAML::Node(YAML::NodeType::Map);
    addSection(root, "lora", settingsNode(loraSettingTable(), cfg.lora));
    addSection(root, "data", settingsNode(dataSettingTable(), cfg.data));
    addSection(root, "train", settingsNode(trainSettingTable(), cfg.train));
    addSection(root, "forgetting", settingsNode(forgettingSettingTable(), cfg.forgetting));
    addSection(root, "task", settingsNode(taskSettingTable(), cfg.task));

    YAML::Emitter out;
    out.SetIndent(2);
    out << root;
    LORAWB_ASSERT(out.good(), "YAML emitter: ", out.GetLastError());
    return "# LoRA Workbench experiment; run it with: lorawb train <this file>\n" + std::string(out.c_str()) + "\n";
}

void saveExperiment(const std::string& path, const ExperimentConfig& cfg)
{
    writeFileAtomically(path, toYaml(cfg));
}

} // namespace core
