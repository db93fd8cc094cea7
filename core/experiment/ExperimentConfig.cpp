#include "core/experiment/ExperimentConfig.h"

#include "core/common/Error.h"
#include "core/common/Text.h"
#include "core/experiment/ExperimentKeys.h"
#include "core/experiment/NumberText.h"
#include "core/experiment/YamlDocument.h"
#include "core/experiment/YamlSection.h"
#include "core/io/AtomicFile.h"

#include <cctype>
#include <filesystem>
#include <limits>

namespace core {

namespace fs = std::filesystem;

namespace {

void readTargetModules(const YamlSection& lora, TargetModules& target)
{
    if (!lora.has("target_modules")) {
        // PEFT's default for LLaMA-family models (its TRANSFORMERS_MODELS_TO_LORA_TARGET_MODULES_MAPPING).
        target = TargetModules{TargetModules::Kind::List, {"q_proj", "v_proj"}, ""};
        return;
    }
    const YAML::Node node = lora.node("target_modules");
    target = TargetModules{};
    if (node.IsSequence()) {
        target.kind = TargetModules::Kind::List;
        lora.read("target_modules", target.names);
    } else if (node.IsScalar() && asciiLower(node.Scalar()) == "all-linear") {
        target.kind = TargetModules::Kind::AllLinear;
    } else if (node.IsScalar()) {
        target.kind = TargetModules::Kind::Regex;
        target.regex = node.Scalar();
    } else {
        lora.fail("target_modules", "expected a list of module names ([q_proj, v_proj]), a regex string or "
                                    "\"all-linear\", got " + describeYaml(node));
    }
}

LoraInit parseInitLoraWeights(const std::string& text, const std::string& field)
{
    const std::string value = asciiLower(text);
    if (value == "true" || value == "yes" || value == "on")
        return LoraInit::Kaiming;
    if (value == "gaussian")
        return LoraInit::Gaussian;
    if (value == "false" || value == "no" || value == "off")
        LORAWB_FAIL(field, ": false (random B, so a fresh adapter already changes the model) is not supported; use "
                           "true (PEFT's default: A Kaiming-uniform, B zeros) or gaussian");
    LORAWB_FAIL(field, " must be true or gaussian, got '", text,
                "' (PEFT's other initialisations such as pissa, olora or loftq are not supported)");
}

void readLora(const YamlSection& lora, LoraConfig& cfg)
{
    lora.read("r", cfg.r);
    lora.read("lora_alpha", cfg.loraAlpha);
    lora.read("lora_dropout", cfg.loraDropout);
    lora.readWith("bias", cfg.bias, parseLoraBias);
    readTargetModules(lora, cfg.targetModules);
    lora.read("use_rslora", cfg.useRslora);
    lora.readWith("init_lora_weights", cfg.initLoraWeights, parseInitLoraWeights);
    if (lora.has("layers_to_transform")) {
        // PEFT accepts one layer index or a list of them.
        const YAML::Node node = lora.node("layers_to_transform");
        std::vector<std::string> texts;
        if (node.IsScalar())
            texts.push_back(node.Scalar());
        else
            lora.read("layers_to_transform", texts);
        cfg.layersToTransform.clear();
        for (const auto& text : texts) {
            int64_t layer = 0;
            if (!parseInt64(text, layer) || layer < std::numeric_limits<int>::min() ||
                layer > std::numeric_limits<int>::max())
                lora.fail("layers_to_transform", "expected a layer index or a list of them (e.g. [0, 1, 2]), got '" +
                                                     text + "'");
            cfg.layersToTransform.push_back(static_cast<int>(layer));
        }
    }
    lora.read("rank_pattern", cfg.rankPattern);
    lora.read("alpha_pattern", cfg.alphaPattern);
    lora.read("modules_to_save", cfg.modulesToSave);
    lora.read("ensure_weight_tying", cfg.ensureWeightTying);
    if (lora.has("exclude_modules") && lora.node("exclude_modules").IsScalar())
        cfg.excludeRegex = lora.node("exclude_modules").Scalar(); // a string, as in PEFT: a regex over the whole name
    else
        lora.read("exclude_modules", cfg.excludeModules);
}

void readData(const YamlSection& data, DataConfig& cfg, const std::string& source)
{
    data.read("path", cfg.path);
    LORAWB_CHECK(!cfg.path.empty(), source, ": missing required key 'data.path' (the dataset file); add e.g. ",
                 "'data: {path: resources/datasets/train.jsonl}' or pass --set data.path=FILE");
    data.readWith("format", cfg.format, parseDataFormat);
    data.read("validation_path", cfg.validationPath);
    data.read("validation_split", cfg.validationSplit);
    data.read("max_length", cfg.maxLength);
    data.readWith("overlong", cfg.overlong, parseOverlongPolicy);
    data.read("train_on_prompt", cfg.trainOnPrompt);
    data.read("chat_template", cfg.chatTemplate);
    data.read("columns", cfg.columns);
    const YamlSection templates = data.section("template");
    templates.read("with_input", cfg.templateWithInput);
    templates.read("without_input", cfg.templateWithoutInput);
    data.read("skip_invalid", cfg.skipInvalid);
    data.read("shuffle", cfg.shuffle);
    data.read("group_by_length", cfg.groupByLength);
    data.read("split_seed", cfg.splitSeed);
    data.read("tokenize_threads", cfg.tokenizeThreads);
}

void readTrain(const YamlSection& train, TrainConfig& cfg)
{
    train.read("max_steps", cfg.maxSteps);
    train.read("epochs", cfg.epochs);
    train.read("batch_size", cfg.batchSize);
    train.read("gradient_accumulation_steps", cfg.gradientAccumulationSteps);
    train.read("learning_rate", cfg.learningRate);
    train.read("weight_decay", cfg.weightDecay);
    train.read("adam_beta1", cfg.adamBeta1);
    train.read("adam_beta2", cfg.adamBeta2);
    train.read("adam_epsilon", cfg.adamEpsilon);
    train.read("max_grad_norm", cfg.maxGradNorm);
    train.readWith("lr_scheduler", cfg.lrScheduler, parseLrScheduler);
    train.read("warmup_steps", cfg.warmupSteps);
    train.read("warmup_ratio", cfg.warmupRatio);
    train.read("eval_every", cfg.evalEvery);
    train.read("save_every", cfg.saveEvery);
    train.read("log_every", cfg.logEvery);
    train.read("seed", cfg.seed);
    train.read("device", cfg.device);
    train.read("dtype", cfg.dtype);
    train.read("threads", cfg.threads);
}

void readForgetting(const YamlSection& section, ForgettingProbeOptions& cfg)
{
    section.read("retain_path", cfg.retainPath);
    section.read("task_paths", cfg.taskPaths);
    section.read("max_retain_tokens", cfg.maxRetainTokens);
    section.read("accuracy_limit", cfg.accuracyLimit);
}

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

    ExperimentConfig cfg;
    top.read("model", cfg.model);
    LORAWB_CHECK(!cfg.model.empty(), sourceName, ": missing required key 'model' (the Hugging Face model ",
                 "directory); add e.g. 'model: resources/models/tiny-llama' or pass --set model=DIR");
    cfg.name = fs::path(sourceName).stem().string();
    top.read("name", cfg.name);
    if (cfg.name.empty())
        cfg.name = "experiment";
    top.readWith("task_type", cfg.lora.taskType, parseTaskType);
    top.readWith("finetune", cfg.train.finetune, parseFinetuneMode);
    readLora(top.section("lora"), cfg.lora);
    readData(top.section("data"), cfg.data, top.has("data") ? top.where("data") : sourceName);
    readTrain(top.section("train"), cfg.train);
    cfg.outputDir = "runs/" + cfg.name;
    top.read("output_dir", cfg.outputDir);
    top.read("base_adapter", cfg.baseAdapter);
    readForgetting(top.section("forgetting"), cfg.forgetting);

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
    LORAWB_CHECK(cfg.forgetting.maxRetainTokens >= 16, "forgetting.max_retain_tokens must be at least 16, got ",
                 cfg.forgetting.maxRetainTokens, " (the retain-set numbers need enough tokens to mean something)");
    LORAWB_CHECK(cfg.forgetting.accuracyLimit >= 0, "forgetting.accuracy_limit must be >= 0 (0 = every record), got ",
                 cfg.forgetting.accuracyLimit);
    LORAWB_CHECK(!cfg.forgetting.retainPath.empty() || cfg.forgetting.taskPaths.empty(),
                 "forgetting.task_paths is set but forgetting.retain_path is not; the probe needs a retain text "
                 "(text the base model knows, e.g. resources/demo/retain.txt)");
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
