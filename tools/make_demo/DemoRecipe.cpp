#include "DemoRecipe.h"

#include "core/common/Error.h"

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <set>

namespace demo {

namespace {

// A YAML scalar as the JSON value config.json would hold (int, float, bool or string).
nlohmann::json scalarToJson(const YAML::Node& node)
{
    const std::string text = node.Scalar();
    if (node.Tag() == "!")
        return text; // quoted
    if (text == "true" || text == "false")
        return text == "true";
    if (text == "null" || text == "~")
        return nullptr;
    try {
        size_t used = 0;
        const long long i = std::stoll(text, &used);
        if (used == text.size())
            return i;
        const double d = std::stod(text, &used);
        if (used == text.size())
            return d;
    } catch (const std::exception&) {
    }
    return text;
}

nlohmann::json yamlToJson(const YAML::Node& node)
{
    if (node.IsMap()) {
        nlohmann::json out = nlohmann::json::object();
        for (const auto& item : node)
            out[item.first.as<std::string>()] = yamlToJson(item.second);
        return out;
    }
    if (node.IsSequence()) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& item : node)
            out.push_back(yamlToJson(item));
        return out;
    }
    if (node.IsNull())
        return nullptr;
    return scalarToJson(node);
}

void checkKeys(const YAML::Node& node, const std::set<std::string>& known, const std::string& where,
               const std::string& path)
{
    LORAWB_CHECK(node.IsMap(), path, ": '", where, "' must be a mapping of key: value.");
    for (const auto& item : node) {
        const std::string key = item.first.as<std::string>();
        LORAWB_CHECK(known.count(key), path, ": unknown key '", where.empty() ? "" : where + ".", key,
                     "' (line ", item.first.Mark().line + 1, "); remove it or fix its spelling.");
    }
}

template <typename T>
void readIf(const YAML::Node& node, const char* key, T& value, const std::string& path)
{
    if (!node[key])
        return;
    try {
        value = node[key].as<T>();
    } catch (const YAML::Exception&) {
        LORAWB_FAIL(path, ": '", key, "' (line ", node[key].Mark().line + 1, ") has the wrong type.");
    }
}

} // namespace

DemoRecipe loadDemoRecipe(const std::string& path)
{
    YAML::Node root;
    try {
        root = YAML::LoadFile(path);
    } catch (const YAML::BadFile&) {
        LORAWB_FAIL(path, ": cannot open the recipe; run lorawb-make-demo from the repository root or pass its path.");
    } catch (const YAML::Exception& e) {
        LORAWB_FAIL(path, ": not valid YAML (", e.what(), ").");
    }
    DemoRecipe r;
    r.path = path;
    checkKeys(root, {"work_dir", "output_dir", "retain", "save_dtype", "corpus", "tokenizer", "model", "train"}, "",
              path);
    readIf(root, "work_dir", r.workDir, path);
    readIf(root, "output_dir", r.outputDir, path);
    readIf(root, "retain", r.retainPath, path);
    readIf(root, "save_dtype", r.saveDtype, path);
    LORAWB_CHECK(r.saveDtype == "float16" || r.saveDtype == "bfloat16" || r.saveDtype == "float32", path,
                 ": save_dtype must be float16, bfloat16 or float32, got ", r.saveDtype);
    if (const YAML::Node c = root["corpus"]) {
        checkKeys(c, {"source", "dump_file", "retain_every", "retain_offset"}, "corpus", path);
        readIf(c, "source", r.corpus.source, path);
        readIf(c, "dump_file", r.corpus.dumpFile, path);
        readIf(c, "retain_every", r.corpus.retainEvery, path);
        readIf(c, "retain_offset", r.corpus.retainOffset, path);
        LORAWB_CHECK(r.corpus.source == "bible-kjv", path, ": corpus.source must be bible-kjv.");
        LORAWB_CHECK(r.corpus.retainEvery >= 2 && r.corpus.retainOffset >= 0 &&
                         r.corpus.retainOffset < r.corpus.retainEvery,
                     path, ": corpus.retain_every must be >= 2 and 0 <= retain_offset < retain_every.");
    }
    if (const YAML::Node t = root["tokenizer"]) {
        checkKeys(t, {"model_type", "vocab_size", "extra_flags"}, "tokenizer", path);
        readIf(t, "model_type", r.tokenizer.modelType, path);
        readIf(t, "vocab_size", r.tokenizer.vocabSize, path);
        readIf(t, "extra_flags", r.tokenizer.extraFlags, path);
        LORAWB_CHECK(r.tokenizer.vocabSize >= 300, path, ": tokenizer.vocab_size must be >= 300 (256 byte pieces "
                                                         "+ specials), got ", r.tokenizer.vocabSize);
    }
    LORAWB_CHECK(root["model"], path, ": the 'model' section (config.json fields) is missing.");
    nlohmann::json config = yamlToJson(root["model"]);
    config["vocab_size"] = r.tokenizer.vocabSize;
    config["bos_token_id"] = 1;
    config["eos_token_id"] = 2;
    r.model = core::ModelConfig::fromJson(config, path + " (model)");

    if (const YAML::Node t = root["train"]) {
        checkKeys(t, {"max_length", "max_steps", "batch_size", "gradient_accumulation_steps", "learning_rate",
                      "weight_decay", "adam_beta2", "max_grad_norm", "lr_scheduler", "warmup_steps", "eval_every",
                      "save_every", "log_every", "seed", "threads"},
                  "train", path);
        auto& c = r.train;
        readIf(t, "max_length", r.maxLength, path);
        readIf(t, "max_steps", c.maxSteps, path);
        readIf(t, "batch_size", c.batchSize, path);
        readIf(t, "gradient_accumulation_steps", c.gradientAccumulationSteps, path);
        readIf(t, "learning_rate", c.learningRate, path);
        readIf(t, "weight_decay", c.weightDecay, path);
        readIf(t, "adam_beta2", c.adamBeta2, path);
        readIf(t, "max_grad_norm", c.maxGradNorm, path);
        std::string scheduler = "cosine";
        readIf(t, "lr_scheduler", scheduler, path);
        c.lrScheduler = core::parseLrScheduler(scheduler, "train.lr_scheduler");
        readIf(t, "warmup_steps", c.warmupSteps, path);
        readIf(t, "eval_every", r.evalEvery, path);
        readIf(t, "save_every", c.saveEvery, path);
        readIf(t, "log_every", c.logEvery, path);
        readIf(t, "seed", c.seed, path);
        readIf(t, "threads", c.threads, path);
    }
    r.train.finetune = core::FinetuneMode::Full;
    r.train.device = "cpu";
    r.train.dtype = "float32";
    r.train.evalEvery = r.evalEvery;
    LORAWB_CHECK(r.maxLength >= 8 && r.maxLength <= r.model.maxPositionEmbeddings, path,
                 ": train.max_length must be in [8, model.max_position_embeddings].");
    LORAWB_CHECK(r.train.maxSteps > 0, path, ": train.max_steps must be > 0.");
    r.train.validate();
    return r;
}

} // namespace demo
