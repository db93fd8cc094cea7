#include "core/experiment/ExperimentConfig.h"

#include "core/common/Error.h"
#include "core/data/DataSettings.h"
#include "core/eval/ForgettingSettingTable.h"
#include "core/experiment/ExperimentKeys.h"
#include "core/experiment/ExperimentSettings.h"
#include "core/experiment/SettingsYaml.h"
#include "core/experiment/TaskDataFormat.h"
#include "core/experiment/YamlDocument.h"
#include "core/experiment/YamlSection.h"
#include "core/io/AtomicFile.h"
#include "core/lora/LoraSettings.h"
#include "core/task/TaskSettings.h"
#include "core/train/TrainSettings.h"

#include <filesystem>

namespace core {

namespace fs = std::filesystem;

namespace {

// See parseExperiment: against baseDir when the result exists there, else as written (the working directory).
// A value given with --set was typed relative to the shell's working directory, so it is never re-based.
std::string resolvePath(const std::string& path, const std::string& baseDir, const YamlContext& context,
                        const std::string& dottedKey)
{
    if (path.empty() || baseDir.empty() || fs::path(path).is_absolute())
        return path;
    for (const auto& entry : context.overridden)
        if (dottedKey == entry.first || dottedKey.compare(0, entry.first.size() + 1, entry.first + ".") == 0)
            return path;
    const fs::path candidate = fs::path(baseDir) / path;
    std::error_code error;
    return fs::exists(candidate, error) ? candidate.lexically_normal().string() : path;
}

// Where the field a validation message starts with ("lora.r must be …") is in the file, for the message's prefix;
// just the file when the message names no key of it.
std::string whereField(const YamlSection& top, const std::string& source, const std::string& message)
{
    const std::string field = message.substr(0, message.find_first_of(" [':"));
    const auto dot = field.find('.');
    if (dot == std::string::npos || !top.has(field.substr(0, dot)))
        return source;
    const YamlSection section = top.section(field.substr(0, dot));
    const std::string key = field.substr(dot + 1);
    return section.has(key) ? section.where(key) : source;
}

} // namespace

ExperimentConfig parseExperiment(const std::string& yamlText, const std::string& sourceName,
                                 const std::vector<std::string>& overrides, const std::string& baseDir)
{
    YAML::Node root = loadYamlDocument(yamlText, sourceName);
    if (!root.IsDefined() || root.IsNull())
        root.reset(YAML::Node(YAML::NodeType::Map)); // an empty file: "missing model" says more than "empty"

    YamlContext context;
    context.source = sourceName;
    context.schema = &experimentSchema();
    context.aliases = &experimentKeyAliases();
    if (!overrides.empty()) {
        YamlSection check(root, "", context); // refuses a non-mapping document before --set writes into it
        for (const auto& assignment : overrides)
            context.overridden[applyOverride(root, assignment)] = assignment;
    }
    const YamlSection top(root, "", context);

    ExperimentConfig cfg = defaultExperimentConfig();
    readSettings(top, experimentTopSettingTable(), cfg);
    LORAWB_CHECK(!cfg.model.empty(), sourceName, ": missing required key 'model' (the Hugging Face model ",
                 "directory); add e.g. 'model: resources/models/tiny-llama' or pass --set model=DIR");
    if (cfg.name.empty() && !top.has("name"))
        cfg.name = fs::path(sourceName).stem().string();
    if (cfg.name.empty())
        cfg.name = "experiment";
    if (cfg.outputDir.empty())
        cfg.outputDir = "runs/" + cfg.name;
    readSettings(top.section("lora"), loraSettingTable(), cfg.lora);
    const YamlSection data = top.section("data");
    readSettings(data, dataSettingTable(), cfg.data);
    LORAWB_CHECK(!cfg.data.path.empty(), top.has("data") ? top.where("data") : sourceName,
                 ": missing required key 'data.path' (the dataset file); add e.g. ",
                 "'data: {path: resources/datasets/train.jsonl}' or pass --set data.path=FILE");
    readSettings(top.section("train"), trainSettingTable(), cfg.train);
    readSettings(top.section("forgetting"), forgettingSettingTable(), cfg.forgetting);
    readSettings(top.section("task"), taskSettingTable(), cfg.task);

    forEachInputPath(cfg, [&](const std::string& key, std::string& path) {
        path = resolvePath(path, baseDir, context, key);
    });
    cfg.outputDir = resolvePath(cfg.outputDir, baseDir, context, "output_dir");
    cfg.lora.baseModelNameOrPath = cfg.model;

    try {
        validateExperiment(cfg);
    } catch (const Error& e) {
        LORAWB_FAIL(whereField(top, sourceName, e.what()), ": ", e.what());
    }
    return cfg;
}

ExperimentConfig loadExperiment(const std::string& yamlPath, const std::vector<std::string>& overrides)
{
    const std::string text = readWholeFile(yamlPath, "experiment file");
    ExperimentConfig cfg = parseExperiment(text, yamlPath, overrides, fs::path(yamlPath).parent_path().string());
    cfg.sourcePath = yamlPath;
    return cfg;
}

void validateExperiment(const ExperimentConfig& cfg)
{
    LORAWB_CHECK(!cfg.model.empty(), "model is not set; choose the Hugging Face model directory to fine-tune");
    cfg.lora.validate();
    cfg.data.validate();
    cfg.train.validate();
    checkSettings(forgettingSettingTable(), cfg.forgetting);
    cfg.task.validate();
    const TaskType type = cfg.lora.taskType;
    // Each task head reads its own data format, and a data format names what it trains.
    if (const TaskDataPairing* byFormat = pairingOfFormat(cfg.data.format))
        LORAWB_CHECK(type == byFormat->task, "data.format ", toString(byFormat->format), " is ", byFormat->data,
                     "; set task_type: ", toString(byFormat->task), " to train on it");
    if (const TaskDataPairing* byTask = pairingOfTask(type))
        LORAWB_CHECK(cfg.data.format == byTask->format, "task_type ", toString(type), " trains on ", byTask->needed);
    const bool classifier = type == TaskType::SeqCls || type == TaskType::TokenCls;
    LORAWB_CHECK(classifier || !cfg.task.hasClassifierKeys(),
                 "task.num_labels, labels, problem_type and pad_token_id apply to task_type SEQ_CLS and TOKEN_CLS; "
                 "remove them for task_type ", toString(type));
    LORAWB_CHECK(type == TaskType::QuestionAns || !cfg.task.hasSpanKeys(), "task.doc_stride and max_answer_length "
                 "apply to task_type QUESTION_ANS; remove them for task_type ", toString(type));
    LORAWB_CHECK(type == TaskType::FeatureExtraction || !cfg.task.hasEmbeddingKeys(), "task.pooling and temperature "
                 "apply to task_type FEATURE_EXTRACTION; remove them for task_type ", toString(type));
    const bool headed = classifier || type == TaskType::QuestionAns;
    LORAWB_CHECK(!headed || cfg.train.finetune == FinetuneMode::Lora, "finetune: full with task_type ",
                 toString(type), " is not supported in this version (the whole-model export writes a language "
                 "model, without the task head); use finetune: lora");
    if (type == TaskType::TokenCls) {
        LORAWB_CHECK(cfg.task.problemType == ProblemType::Auto || cfg.task.problemType == ProblemType::SingleLabel,
                     "task.problem_type ", toString(cfg.task.problemType), " with task_type TOKEN_CLS: a token "
                     "classifier gives each word one tag (cross-entropy); remove task.problem_type");
        LORAWB_CHECK(cfg.task.numLabels != 1, "task.num_labels 1 with task_type TOKEN_CLS: tagging needs at least "
                     "two tags (\"O\" and one entity tag); remove task.num_labels or list the tags in task.labels");
    }
}

void forEachInputPath(ExperimentConfig& cfg, const std::function<void(const std::string& key, std::string& path)>& fn)
{
    fn("model", cfg.model);
    fn("data.path", cfg.data.path);
    fn("data.validation_path", cfg.data.validationPath);
    fn("base_adapter", cfg.baseAdapter);
    fn("forgetting.retain_path", cfg.forgetting.retainPath);
    for (auto& path : cfg.forgetting.taskPaths)
        fn("forgetting.task_paths", path);
}

const std::vector<std::string>& inputPathKeys()
{
    static const std::vector<std::string> keys = {"model", "data.path", "data.validation_path", "base_adapter",
                                                  "forgetting.retain_path", "forgetting.task_paths"};
    return keys;
}

std::string toString(FinetuneMode mode)
{
    return mode == FinetuneMode::Full ? "full" : "lora";
}

FinetuneMode parseFinetuneMode(const std::string& text, const std::string& field)
{
    if (text == "lora")
        return FinetuneMode::Lora;
    if (text == "full")
        return FinetuneMode::Full;
    LORAWB_FAIL(field, " must be lora or full, got '", text,
                "' (lora trains adapters only; full trains every weight, for forgetting comparisons)");
}

} // namespace core
