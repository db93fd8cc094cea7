#include "core/history/RunJson.h"

#include <nlohmann/json.hpp>

namespace core {

nlohmann::json runToJson(const RunRecord& run)
{
    nlohmann::json finals = nlohmann::json::object();
    for (const auto& [name, value] : run.finals)
        finals[name] = value; // nlohmann writes NaN as null
    return {{"id", run.id},
            {"name", run.name},
            {"status", toString(run.status)},
            {"started_at", run.startedAt},
            {"finished_at", run.finishedAt},
            {"finetune", run.finetune},
            {"config_yaml", run.configYaml},
            {"model", run.model},
            {"r", run.r},
            {"lora_alpha", run.loraAlpha},
            {"lora_dropout", run.loraDropout},
            {"targets", run.targets},
            {"bias", run.bias},
            {"learning_rate", run.learningRate},
            {"seed", run.seed},
            {"trainable_params", run.trainableParams},
            {"all_params", run.allParams},
            {"model_hash", run.modelHash},
            {"data_hash", run.dataHash},
            {"template_hash", run.templateHash},
            {"lorawb_version", run.lorawbVersion},
            {"torch_version", run.torchVersion},
            {"device", run.device},
            {"output_dir", run.outputDir},
            {"adapter_path", run.adapterPath},
            {"steps", run.steps},
            {"total_steps", run.totalSteps},
            {"message", run.message},
            {"finals", finals},
            {"sweep_id", run.sweepId},
            {"sweep_index", run.sweepIndex}};
}

} // namespace core
