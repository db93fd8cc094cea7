// toYaml and saveExperiment (declared in ExperimentConfig.h): the writing half of the experiment file, kept apart
// from the reader so that each stays small. What is written here must read back to the same ExperimentConfig.
#include "core/experiment/ExperimentConfig.h"

#include "core/common/Error.h"
#include "core/experiment/NumberText.h"
#include "core/io/AtomicFile.h"

#include <yaml-cpp/yaml.h>


namespace core {

namespace {

void emit(YAML::Emitter& out, const char* key, const std::string& value)
{
    out << YAML::Key << key << YAML::Value << value;
}

void emit(YAML::Emitter& out, const char* key, double value) { emit(out, key, formatDouble(value)); }
void emit(YAML::Emitter& out, const char* key, int64_t value) { emit(out, key, std::to_string(value)); }
void emit(YAML::Emitter& out, const char* key, int value) { emit(out, key, std::to_string(value)); }
void emit(YAML::Emitter& out, const char* key, uint64_t value) { emit(out, key, std::to_string(value)); }
void emit(YAML::Emitter& out, const char* key, bool value) { emit(out, key, std::string(value ? "true" : "false")); }

void emitList(YAML::Emitter& out, const char* key, const std::vector<std::string>& values)
{
    if (values.empty())
        return;
    out << YAML::Key << key << YAML::Value << YAML::Flow << YAML::BeginSeq;
    for (const auto& value : values)
        out << value;
    out << YAML::EndSeq;
}

template <typename Value, typename Format>
void emitMap(YAML::Emitter& out, const char* key, const std::map<std::string, Value>& values, Format format)
{
    if (values.empty())
        return;
    out << YAML::Key << key << YAML::Value << YAML::Flow << YAML::BeginMap;
    for (const auto& [name, value] : values)
        out << YAML::Key << name << YAML::Value << format(value);
    out << YAML::EndMap;
}

void emitLora(YAML::Emitter& out, const LoraConfig& lora)
{
    out << YAML::Key << "lora" << YAML::Value << YAML::BeginMap;
    emit(out, "r", lora.r);
    emit(out, "lora_alpha", lora.loraAlpha);
    emit(out, "lora_dropout", lora.loraDropout);
    emit(out, "bias", toString(lora.bias));
    switch (lora.targetModules.kind) {
    case TargetModules::Kind::List:
        out << YAML::Key << "target_modules" << YAML::Value << YAML::Flow << lora.targetModules.names;
        break;
    case TargetModules::Kind::Regex:
        emit(out, "target_modules", lora.targetModules.regex);
        break;
    case TargetModules::Kind::AllLinear:
        emit(out, "target_modules", std::string("all-linear"));
        break;
    }
    emit(out, "use_rslora", lora.useRslora);
    emit(out, "init_lora_weights", std::string(lora.initLoraWeights == LoraInit::Gaussian ? "gaussian" : "true"));
    if (!lora.layersToTransform.empty())
        out << YAML::Key << "layers_to_transform" << YAML::Value << YAML::Flow << lora.layersToTransform;
    emitMap(out, "rank_pattern", lora.rankPattern, [](int r) { return std::to_string(r); });
    emitMap(out, "alpha_pattern", lora.alphaPattern, formatDouble);
    emitList(out, "modules_to_save", lora.modulesToSave);
    if (lora.ensureWeightTying)
        emit(out, "ensure_weight_tying", true);
    if (!lora.excludeRegex.empty())
        emit(out, "exclude_modules", lora.excludeRegex);
    else
        emitList(out, "exclude_modules", lora.excludeModules);
    out << YAML::EndMap;
}

void emitData(YAML::Emitter& out, const DataConfig& data)
{
    out << YAML::Key << "data" << YAML::Value << YAML::BeginMap;
    emit(out, "path", data.path);
    emit(out, "format", toString(data.format));
    if (!data.validationPath.empty())
        emit(out, "validation_path", data.validationPath);
    emit(out, "validation_split", data.validationSplit);
    emit(out, "max_length", data.maxLength);
    emit(out, "overlong", toString(data.overlong));
    emit(out, "train_on_prompt", data.trainOnPrompt);
    if (data.format == DataFormat::Messages)
        emit(out, "chat_template", data.chatTemplate);
    emitMap(out, "columns", data.columns, [](const std::string& field) { return field; });
    if (!data.templateWithInput.empty() || !data.templateWithoutInput.empty()) {
        out << YAML::Key << "template" << YAML::Value << YAML::BeginMap;
        if (!data.templateWithInput.empty())
            emit(out, "with_input", data.templateWithInput);
        if (!data.templateWithoutInput.empty())
            emit(out, "without_input", data.templateWithoutInput);
        out << YAML::EndMap;
    }
    emit(out, "skip_invalid", data.skipInvalid);
    emit(out, "shuffle", data.shuffle);
    emit(out, "group_by_length", data.groupByLength);
    emit(out, "split_seed", data.splitSeed);
    emit(out, "tokenize_threads", data.tokenizeThreads);
    out << YAML::EndMap;
}

void emitTrain(YAML::Emitter& out, const TrainConfig& train)
{
    out << YAML::Key << "train" << YAML::Value << YAML::BeginMap;
    emit(out, "max_steps", train.maxSteps);
    emit(out, "epochs", train.epochs);
    emit(out, "batch_size", train.batchSize);
    emit(out, "gradient_accumulation_steps", train.gradientAccumulationSteps);
    emit(out, "learning_rate", train.learningRate);
    emit(out, "weight_decay", train.weightDecay);
    emit(out, "adam_beta1", train.adamBeta1);
    emit(out, "adam_beta2", train.adamBeta2);
    emit(out, "adam_epsilon", train.adamEpsilon);
    emit(out, "max_grad_norm", train.maxGradNorm);
    emit(out, "lr_scheduler", toString(train.lrScheduler));
    emit(out, "warmup_steps", train.warmupSteps);
    emit(out, "warmup_ratio", train.warmupRatio);
    emit(out, "eval_every", train.evalEvery);
    emit(out, "save_every", train.saveEvery);
    emit(out, "log_every", train.logEvery);
    emit(out, "seed", train.seed);
    emit(out, "device", train.device);
    emit(out, "dtype", train.dtype);
    emit(out, "threads", train.threads);
    out << YAML::EndMap;
}

} // namespace

std::string toYaml(const ExperimentConfig& cfg)
{
    YAML::Emitter out;
    out.SetIndent(2);
    out << YAML::BeginMap;
    emit(out, "model", cfg.model);
    emit(out, "name", cfg.name);
    emit(out, "task_type", toString(cfg.lora.taskType));
    emit(out, "finetune", toString(cfg.train.finetune));
    emitLora(out, cfg.lora);
    emitData(out, cfg.data);
    emitTrain(out, cfg.train);
    emit(out, "output_dir", cfg.outputDir);
    if (!cfg.baseAdapter.empty())
        emit(out, "base_adapter", cfg.baseAdapter);
    if (!cfg.forgetting.retainPath.empty()) {
        out << YAML::Key << "forgetting" << YAML::Value << YAML::BeginMap;
        emit(out, "retain_path", cfg.forgetting.retainPath);
        emitList(out, "task_paths", cfg.forgetting.taskPaths);
        emit(out, "max_retain_tokens", cfg.forgetting.maxRetainTokens);
        emit(out, "accuracy_limit", cfg.forgetting.accuracyLimit);
        out << YAML::EndMap;
    }
    out << YAML::EndMap;
    LORAWB_ASSERT(out.good(), "YAML emitter: ", out.GetLastError());
    return "# LoRA Workbench experiment; run it with: lorawb train <this file>\n" + std::string(out.c_str()) + "\n";
}

void saveExperiment(const std::string& path, const ExperimentConfig& cfg)
{
    writeFileAtomically(path, toYaml(cfg));
}

} // namespace core
