// AdapterIO: PEFT adapter folders (adapter_config.json + adapter_model.safetensors + README.md) round-trip exactly,
// carry every PEFT field and key, and every broken folder is refused with the file named and the model left as it was.
#include "common/ErrorCapture.h"
#include "common/FileBytes.h"
#include "common/FileSizeLimit.h"
#include "common/TinyModels.h"
#include "core/io/AtomicFile.h"
#include "core/io/JsonFile.h"
#include "core/io/Safetensors.h"
#include "core/lora/AdapterConfigFields.h"
#include "core/lora/AdapterIO.h"
#include "core/lora/LoraInjector.h"
#include "core/model/ModelLoader.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <functional>
#include <set>

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

using testutil::errorOf;
using testutil::readBytes;

// MLP 48 wide: adapterForAnotherModel makes one 64 wide.
core::ModelConfig tinyConfig(bool qwen2, int64_t intermediateSize = 48)
{
    const auto c = testutil::tinyConfig(/*vocabSize=*/64, /*maxPositions=*/64, intermediateSize);
    return qwen2 ? testutil::asQwen2(c) : c;
}

// The same base model every time it is called with the same arguments (a "fresh copy"): frozen, with non-zero biases
// so that saving and loading them is observable.
std::shared_ptr<core::CausalLm> makeBase(bool qwen2 = false)
{
    auto model = testutil::randomModel(tinyConfig(qwen2), 5, /*matrixScale=*/5.0);
    testutil::randomizeBiases(*model, 6);
    testutil::freeze(*model);
    return model;
}

core::LoraConfig baseConfig()
{
    core::LoraConfig cfg;
    cfg.r = 4;
    cfg.loraAlpha = 8;
    cfg.loraDropout = 0.05;
    cfg.targetModules.names = {"q_proj", "v_proj", "down_proj"};
    cfg.baseModelNameOrPath = "tiny/base-model";
    return cfg;
}

// Trained-looking adapters: A and B both random (so that loading must really read A as well).
void randomizeAdapters(core::CausalLm& model, uint64_t seed)
{
    torch::NoGradGuard noGrad;
    auto gen = at::detail::createCPUGenerator(seed);
    for (auto& [name, layer] : core::loraLayers(model)) {
        layer->loraA().copy_(at::normal(0.0, 0.3, layer->loraA().sizes(), gen, torch::kFloat32));
        layer->loraB().copy_(at::normal(0.0, 0.3, layer->loraB().sizes(), gen, torch::kFloat32));
    }
}

torch::Tensor ids() { return torch::tensor({3, 17, 5, 60, 22, 9, 41, 0, 7, 7}, torch::kInt64).view({2, 5}); }

torch::Tensor logits(core::CausalLm& model)
{
    torch::NoGradGuard noGrad;
    return model.logits(ids());
}

std::map<std::string, std::string> folderBytes(const std::string& dir)
{
    std::map<std::string, std::string> out;
    for (const auto& entry : fs::directory_iterator(dir))
        out[entry.path().filename().string()] = readBytes(entry.path().string());
    return out;
}

std::vector<std::pair<std::string, at::Tensor>> readAll(const std::string& path)
{
    const auto file = core::SafetensorsFile::open(path);
    std::vector<std::pair<std::string, at::Tensor>> out;
    for (const auto& name : file->names())
        out.emplace_back(name, file->tensor(name).clone());
    return out;
}

} // namespace

class TestAdapterIo : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    int m_counter = 0;

    std::string freshPath() { return m_dir.filePath(QString("adapter%1").arg(++m_counter)).toStdString(); }

    // A saved adapter of cfg on the (qwen2?) base; returns the adapted model.
    std::shared_ptr<core::CausalLm> saved(const std::string& dir, const core::LoraConfig& cfg, bool qwen2 = false,
                                          const std::function<void(core::CausalLm&)>& train = {})
    {
        auto model = makeBase(qwen2);
        core::injectLora(*model, cfg, 123);
        randomizeAdapters(*model, 7);
        if (train)
            train(*model);
        core::saveAdapter(*model, cfg, dir);
        return model;
    }

    // Loads dir into a fresh base and checks the logits equal `adapted`'s exactly; returns the loaded config.
    core::LoraConfig expectRoundTrip(const std::string& dir, core::CausalLm& adapted, bool qwen2 = false)
    {
        auto fresh = makeBase(qwen2);
        const auto before = logits(*fresh);
        const auto cfg = core::loadAdapter(*fresh, dir);
        const auto after = logits(*fresh);
        [&] {
            QVERIFY(!torch::allclose(before, after, 1e-3, 1e-3)); // the adapter does something
            QVERIFY(torch::equal(after, logits(adapted)));
        }();
        return cfg;
    }

    // One field of dir/adapter_config.json changed, as by hand.
    static void setConfigField(const std::string& dir, const std::string& key, const json& value)
    {
        auto j = core::readOrderedJsonFile(dir + "/adapter_config.json", "adapter config");
        j[key] = value;
        core::writeOrderedJsonFileAtomically(dir + "/adapter_config.json", j);
    }

    // Loading dir must fail naming `file` and every part; the model must be left exactly as it was.
    void expectLoadError(const std::string& dir, const std::string& file, std::initializer_list<const char*> parts)
    {
        auto model = makeBase();
        const auto before = logits(*model);
        const auto namesBefore = model->named_parameters().keys();
        const QString message = errorOf([&] { core::loadAdapter(*model, dir); });
        QVERIFY2(!message.isEmpty(), "expected core::Error");
        QVERIFY2(message.contains(QString::fromStdString(file)), qPrintable(message));
        for (const char* part : parts)
            QVERIFY2(message.contains(part), qPrintable(message));
        QVERIFY(core::loraLayers(*model).empty());
        QCOMPARE(model->named_parameters().keys(), namesBefore);
        for (const auto& p : model->parameters())
            QVERIFY(!p.requires_grad());
        QVERIFY(torch::equal(logits(*model), before));
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void saveLoadRoundTrip()
    {
        const std::string dir = freshPath();
        auto cfg = baseConfig();
        cfg.useRslora = true;
        cfg.rankPattern = {{"down_proj", 2}};
        cfg.alphaPattern = {{"model.layers.1.self_attn.q_proj", 32}};
        auto adapted = saved(dir, cfg);
        const auto loaded = expectRoundTrip(dir, *adapted);
        QCOMPARE(loaded.r, 4);
        QCOMPARE(loaded.loraAlpha, 8.0);
        QCOMPARE(loaded.loraDropout, 0.05);
        QVERIFY(loaded.useRslora);
        QVERIFY(loaded.bias == core::LoraBias::None);
        QVERIFY(loaded.taskType == core::TaskType::CausalLm);
        QVERIFY(loaded.targetModules.kind == core::TargetModules::Kind::List);
        QCOMPARE(loaded.targetModules.names, cfg.targetModules.names);
        QCOMPARE(loaded.rankPattern, cfg.rankPattern);
        QCOMPARE(loaded.alphaPattern, cfg.alphaPattern);
        QCOMPARE(loaded.baseModelNameOrPath, std::string("tiny/base-model"));
    }

    // PEFT tries rank_pattern / alpha_pattern keys in the order of the dict, and the first that matches wins: with
    // "q_proj" first, layer 0's q_proj takes its r from "q_proj" even though the later key names it exactly. A sorted
    // map would try "layers\\.0..." first. Both orders must survive the file, since PEFT reads them in file order.
    void overlappingPatternsFollowTheirOrder()
    {
        const std::string exact = R"(layers\.0\.self_attn\.q_proj)";
        for (const bool shortFirst : {true, false}) {
            auto cfg = baseConfig();
            cfg.rankPattern = shortFirst ? core::OrderedMapping<int>{{"q_proj", 2}, {exact, 6}}
                                         : core::OrderedMapping<int>{{exact, 6}, {"q_proj", 2}};
            cfg.alphaPattern = shortFirst ? core::OrderedMapping<double>{{"q_proj", 4.0}, {exact, 24.0}}
                                          : core::OrderedMapping<double>{{exact, 24.0}, {"q_proj", 4.0}};
            const std::string dir = freshPath();
            auto adapted = saved(dir, cfg);
            const auto layer0 = [](core::CausalLm& model) {
                for (auto& [name, layer] : core::loraLayers(model))
                    if (name == "model.layers.0.self_attn.q_proj")
                        return layer;
                return std::shared_ptr<core::LoraLinear>();
            };
            QCOMPARE(layer0(*adapted)->rank(), shortFirst ? 2 : 6);
            QCOMPARE(layer0(*adapted)->scaling(), shortFirst ? 2.0 : 4.0);

            const std::string text = core::readWholeFile(dir + "/adapter_config.json");
            const auto rankPattern = text.find("\"rank_pattern\"");
            QVERIFY(rankPattern != std::string::npos);
            QCOMPARE(text.find("\"q_proj\"", rankPattern) < text.find("\"layers", rankPattern), shortFirst);

            const auto loaded = expectRoundTrip(dir, *adapted);
            QVERIFY(loaded.rankPattern == cfg.rankPattern);
            QVERIFY(loaded.alphaPattern == cfg.alphaPattern);
        }
    }

    void patternOfTheWrongKindNamesTheEntry()
    {
        const std::string dir = freshPath();
        saved(dir, baseConfig());
        setConfigField(dir, "rank_pattern", json({{"q_proj", 2.5}}));
        expectLoadError(dir, dir + "/adapter_config.json", {"rank_pattern[\"q_proj\"]", "whole number", "2.5"});
        setConfigField(dir, "rank_pattern", json::array({"q_proj"}));
        expectLoadError(dir, dir + "/adapter_config.json", {"\"rank_pattern\"", "must map module-name patterns"});
        // Past int: once narrowed silently to another rank.
        setConfigField(dir, "rank_pattern", json({{"q_proj", 4294967298LL}}));
        expectLoadError(dir, dir + "/adapter_config.json", {"rank_pattern[\"q_proj\"]", "whole number", "4294967298"});
        setConfigField(dir, "rank_pattern", nullptr);
        setConfigField(dir, "layers_to_transform", 4294967296LL);
        expectLoadError(dir, dir + "/adapter_config.json", {"layers_to_transform", "whole number", "4294967296"});
    }

    void adapterConfigHasEveryPeftField()
    {
        const std::string dir = freshPath();
        auto cfg = baseConfig();
        cfg.rankPattern = {{"down_proj", 2}};
        cfg.alphaPattern = {{"v_proj", 16.0}};
        cfg.layersToTransform = {0, 1};
        saved(dir, cfg);
        const json j = core::readJsonFile(dir + "/adapter_config.json", "adapter config");
        for (const char* key : {"peft_type", "r", "lora_alpha", "target_modules", "lora_dropout", "bias", "task_type",
                                "use_rslora", "init_lora_weights", "fan_in_fan_out", "modules_to_save",
                                "layers_to_transform", "rank_pattern", "alpha_pattern", "base_model_name_or_path",
                                "inference_mode"})
            QVERIFY2(j.contains(key), key);
        QCOMPARE(j.at("peft_type").get<std::string>(), std::string("LORA"));
        QCOMPARE(j.at("r").get<int>(), 4);
        QCOMPARE(j.at("lora_alpha").get<double>(), 8.0);
        QCOMPARE(j.at("lora_dropout").get<double>(), 0.05);
        QCOMPARE(j.at("bias").get<std::string>(), std::string("none"));
        QCOMPARE(j.at("task_type").get<std::string>(), std::string("CAUSAL_LM"));
        QCOMPARE(j.at("use_rslora").get<bool>(), false);
        QVERIFY(j.at("init_lora_weights") == json(true));
        QVERIFY(j.at("fan_in_fan_out") == json(false));
        QVERIFY(j.at("inference_mode") == json(true));
        QVERIFY(j.at("modules_to_save").is_null());
        QVERIFY(j.at("layers_to_transform") == json({0, 1}));
        QVERIFY(j.at("rank_pattern") == json({{"down_proj", 2}}));
        QVERIFY(j.at("alpha_pattern") == json({{"v_proj", 16.0}}));
        QCOMPARE(j.at("base_model_name_or_path").get<std::string>(), std::string("tiny/base-model"));
        const auto targets = j.at("target_modules").get<std::vector<std::string>>();
        QCOMPARE(std::set<std::string>(targets.begin(), targets.end()),
                 (std::set<std::string>{"q_proj", "v_proj", "down_proj"}));
        QVERIFY(!j.value("use_dora", false));

        auto gaussian = baseConfig();
        gaussian.initLoraWeights = core::LoraInit::Gaussian;
        const std::string dir2 = freshPath();
        saved(dir2, gaussian);
        QVERIFY(core::readJsonFile(dir2 + "/adapter_config.json", "adapter config").at("init_lora_weights") == json("gaussian"));
    }

    void safetensorsKeysArePefts()
    {
        const std::string dir = freshPath();
        auto cfg = baseConfig();
        cfg.rankPattern = {{"down_proj", 2}};
        saved(dir, cfg);
        const auto file = core::SafetensorsFile::open(dir + "/adapter_model.safetensors");
        QCOMPARE(file->metadata().at("format"), std::string("pt"));
        std::set<std::string> expected;
        for (int l : {0, 1})
            for (const char* m : {"self_attn.q_proj", "self_attn.v_proj", "mlp.down_proj"})
                for (const char* ab : {"lora_A", "lora_B"})
                    expected.insert("base_model.model.model.layers." + std::to_string(l) + "." + m + "." + ab + ".weight");
        const auto names = file->names();
        QCOMPARE(std::set<std::string>(names.begin(), names.end()), expected);
        QVERIFY(file->entry("base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight").shape ==
                std::vector<int64_t>({4, 32}));
        QVERIFY(file->entry("base_model.model.model.layers.1.self_attn.v_proj.lora_B.weight").shape ==
                std::vector<int64_t>({16, 4}));
        QVERIFY(file->entry("base_model.model.model.layers.0.mlp.down_proj.lora_A.weight").shape ==
                std::vector<int64_t>({2, 48}));
        QCOMPARE(file->entry("base_model.model.model.layers.0.mlp.down_proj.lora_B.weight").dtype, std::string("F32"));
        for (const auto& name : names)
            QVERIFY2(name.find("default") == std::string::npos, name.c_str()); // no adapter name in keys
    }

    void readmeModelCard()
    {
        const std::string dir = freshPath();
        auto model = makeBase();
        const auto cfg = baseConfig();
        core::injectLora(*model, cfg, 1);
        core::AdapterCard card;
        card.title = "Tiny test adapter";
        card.facts = {{"final train loss", "1.234"}};
        core::saveAdapter(*model, cfg, dir, card);
        QVERIFY(fs::is_regular_file(dir + "/README.md"));
        const QString readme = QString::fromStdString(readBytes(dir + "/README.md"));
        QVERIFY(readme.contains("library_name: peft"));
        QVERIFY(readme.contains("base_model: tiny/base-model"));
        QVERIFY(readme.contains("# Tiny test adapter"));
        QVERIFY(readme.contains("PeftModel.from_pretrained"));
        QVERIFY(readme.contains("| final train loss | 1.234 |"));
        QVERIFY(readme.contains("| r | 4 |"));
    }

    void fullModuleNamesRoundTrip()
    {
        // Targets given by full name must be saved as given: shortening them to "q_proj" would adapt every layer's
        // q_proj on load and miss tensors.
        const std::string dir = freshPath();
        auto cfg = baseConfig();
        cfg.targetModules.names = {"model.layers.1.self_attn.q_proj", "model.layers.0.mlp.down_proj"};
        auto adapted = saved(dir, cfg);
        const json j = core::readJsonFile(dir + "/adapter_config.json", "adapter config");
        const auto targets = j.at("target_modules").get<std::vector<std::string>>();
        QCOMPARE(std::set<std::string>(targets.begin(), targets.end()),
                 (std::set<std::string>{"model.layers.1.self_attn.q_proj", "model.layers.0.mlp.down_proj"}));
        expectRoundTrip(dir, *adapted);
    }

    void allLinearAndRegexRoundTrip()
    {
        {
            const std::string dir = freshPath();
            auto cfg = baseConfig();
            cfg.targetModules.kind = core::TargetModules::Kind::AllLinear;
            cfg.targetModules.names.clear();
            cfg.excludeModules = {"model.layers.0.mlp.up_proj"};
            auto adapted = saved(dir, cfg);
            // PEFT stores "all-linear" resolved to the short names of the linear layers (never the output head).
            const json targets = core::readJsonFile(dir + "/adapter_config.json", "adapter config").at("target_modules");
            QVERIFY(targets.is_array());
            const auto names = targets.get<std::vector<std::string>>();
            QCOMPARE(std::set<std::string>(names.begin(), names.end()),
                     (std::set<std::string>{"q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"}));
            expectRoundTrip(dir, *adapted);
            QCOMPARE(core::SafetensorsFile::open(dir + "/adapter_model.safetensors")->names().size(), size_t(2 * 13));
        }
        {
            const std::string dir = freshPath();
            auto cfg = baseConfig();
            cfg.targetModules.kind = core::TargetModules::Kind::Regex;
            cfg.targetModules.regex = R"(.*\.layers\.1\.self_attn\.(k|o)_proj)";
            auto adapted = saved(dir, cfg);
            QVERIFY(core::readJsonFile(dir + "/adapter_config.json", "adapter config").at("target_modules") == json(cfg.targetModules.regex));
            const auto loaded = expectRoundTrip(dir, *adapted);
            QVERIFY(loaded.targetModules.kind == core::TargetModules::Kind::Regex);
            QCOMPARE(core::SafetensorsFile::open(dir + "/adapter_model.safetensors")->names().size(), size_t(4));
        }
    }

    void layersToTransformRoundTrip()
    {
        const std::string dir = freshPath();
        auto cfg = baseConfig();
        cfg.layersToTransform = {1};
        auto adapted = saved(dir, cfg);
        QVERIFY(core::readJsonFile(dir + "/adapter_config.json", "adapter config").at("layers_to_transform") == json({1}));
        const auto loaded = expectRoundTrip(dir, *adapted);
        QCOMPARE(loaded.layersToTransform, std::vector<int>({1}));
        QCOMPARE(core::SafetensorsFile::open(dir + "/adapter_model.safetensors")->names().size(), size_t(6));
    }

    void biasAllSavesEveryBias()
    {
        const std::string dir = freshPath();
        auto cfg = baseConfig();
        cfg.targetModules.names = {"q_proj"};
        cfg.bias = core::LoraBias::All;
        auto adapted = saved(dir, cfg, /*qwen2=*/true, [](core::CausalLm& m) {
            torch::NoGradGuard noGrad;
            for (auto& item : m.named_parameters())
                if (item.key().find(".bias") != std::string::npos)
                    item.value().add_(0.5); // "trained" biases
        });
        const auto names = core::SafetensorsFile::open(dir + "/adapter_model.safetensors")->names();
        const std::set<std::string> keys(names.begin(), names.end());
        QVERIFY(keys.count("base_model.model.model.layers.0.self_attn.q_proj.base_layer.bias"));
        QVERIFY(keys.count("base_model.model.model.layers.1.self_attn.k_proj.bias"));
        QVERIFY(keys.count("base_model.model.model.layers.1.self_attn.v_proj.bias"));
        QCOMPARE(keys.size(), size_t(2 * (2 + 3)));
        expectRoundTrip(dir, *adapted, /*qwen2=*/true);
    }

    void biasLoraOnlySavesTargetedBiases()
    {
        const std::string dir = freshPath();
        auto cfg = baseConfig();
        cfg.targetModules.names = {"q_proj", "o_proj"};
        cfg.bias = core::LoraBias::LoraOnly;
        auto adapted = saved(dir, cfg, true, [](core::CausalLm& m) {
            torch::NoGradGuard noGrad;
            m.named_parameters()["model.layers.1.self_attn.q_proj.base_layer.bias"].add_(0.5);
        });
        const auto names = core::SafetensorsFile::open(dir + "/adapter_model.safetensors")->names();
        const std::set<std::string> keys(names.begin(), names.end());
        QVERIFY(keys.count("base_model.model.model.layers.1.self_attn.q_proj.base_layer.bias"));
        QVERIFY(!keys.count("base_model.model.model.layers.1.self_attn.k_proj.bias"));
        QCOMPARE(keys.size(), size_t(2 * (4 + 1)));
        expectRoundTrip(dir, *adapted, true);
    }

    void modulesToSaveRoundTrip()
    {
        const std::string dir = freshPath();
        auto cfg = baseConfig();
        cfg.modulesToSave = {"lm_head"};
        auto adapted = saved(dir, cfg, false, [](core::CausalLm& m) {
            torch::NoGradGuard noGrad;
            m.named_parameters()["lm_head.weight"].mul_(1.5);
        });
        const auto file = core::SafetensorsFile::open(dir + "/adapter_model.safetensors");
        QVERIFY(file->contains("base_model.model.lm_head.weight"));
        QVERIFY(file->entry("base_model.model.lm_head.weight").shape == std::vector<int64_t>({64, 32}));
        QVERIFY(core::readJsonFile(dir + "/adapter_config.json", "adapter config").at("modules_to_save") == json({"lm_head"}));
        expectRoundTrip(dir, *adapted);
    }

    void modulesToSaveOfAWholeBlock()
    {
        // A module to save that contains other modules (a whole MLP) saves all of its weights.
        const std::string dir = freshPath();
        auto cfg = baseConfig();
        cfg.targetModules.names = {"q_proj"};
        cfg.modulesToSave = {"model.layers.1.mlp"};
        auto adapted = saved(dir, cfg, false, [](core::CausalLm& m) {
            torch::NoGradGuard noGrad;
            m.named_parameters()["model.layers.1.mlp.up_proj.weight"].mul_(1.5);
        });
        const auto file = core::SafetensorsFile::open(dir + "/adapter_model.safetensors");
        for (const char* p : {"gate_proj", "up_proj", "down_proj"})
            QVERIFY2(file->contains(std::string("base_model.model.model.layers.1.mlp.") + p + ".weight"), p);
        QCOMPARE(file->names().size(), size_t(4 + 3));
        expectRoundTrip(dir, *adapted);
    }

    void peftWrittenConfigLoads()
    {
        // adapter_config.json as PEFT 0.13 writes it: more fields than LoRA Workbench uses, target_modules as a set.
        const std::string dir = freshPath();
        auto adapted = saved(dir, baseConfig());
        const json peft = json::parse(R"({
          "alpha_pattern": {}, "auto_mapping": null, "base_model_name_or_path": "tiny/base-model", "bias": "none",
          "fan_in_fan_out": false, "inference_mode": true, "init_lora_weights": true, "layer_replication": null,
          "layers_pattern": null, "layers_to_transform": null, "loftq_config": {}, "lora_alpha": 8,
          "lora_dropout": 0.05, "megatron_config": null, "megatron_core": "megatron.core", "modules_to_save": null,
          "peft_type": "LORA", "r": 4, "rank_pattern": {}, "revision": null,
          "target_modules": ["down_proj", "v_proj", "q_proj"], "task_type": "CAUSAL_LM", "use_dora": false,
          "use_rslora": false})");
        core::writeJsonFileAtomically(dir + "/adapter_config.json", peft);
        const auto cfg = expectRoundTrip(dir, *adapted);
        QCOMPARE(cfg.loraAlpha, 8.0);
        QCOMPARE(cfg.targetModules.names.size(), size_t(3));
    }

    void loraBiasRefused()
    {
        // PEFT 0.14's lora_bias adds a bias to lora_B, which this engine does not have.
        const std::string dir = freshPath();
        saved(dir, baseConfig());
        setConfigField(dir, "lora_bias", true);
        expectLoadError(dir, dir + "/adapter_config.json", {"lora_bias"});
    }

    void savingReplacesAnExistingAdapter()
    {
        const std::string dir = freshPath();
        saved(dir, baseConfig());
        auto cfg = baseConfig();
        cfg.targetModules.names = {"k_proj"};
        auto adapted = saved(dir, cfg);
        QCOMPARE(core::SafetensorsFile::open(dir + "/adapter_model.safetensors")->names().size(), size_t(4));
        expectRoundTrip(dir, *adapted);
        // Nothing left next to it.
        for (const auto& entry : fs::directory_iterator(fs::path(dir).parent_path()))
            QVERIFY2(entry.path().filename().string().find(".tmp") == std::string::npos &&
                         entry.path().filename().string().find(".old") == std::string::npos,
                     entry.path().c_str());
    }

    void savingWithoutAdaptersIsRefused()
    {
        auto model = makeBase();
        const std::string dir = freshPath();
        QVERIFY(errorOf([&] { core::saveAdapter(*model, baseConfig(), dir); }).contains("no LoRA layers"));
        QVERIFY(!fs::exists(dir));
    }

    // ---- bad adapters ----

    void missingFolder() { expectLoadError(freshPath(), "adapter", {"not found"}); }

    void missingConfig()
    {
        const std::string dir = freshPath();
        saved(dir, baseConfig());
        fs::remove(dir + "/adapter_config.json");
        expectLoadError(dir, dir + "/adapter_config.json", {"not found"});
    }

    void configNotJson()
    {
        const std::string dir = freshPath();
        saved(dir, baseConfig());
        testutil::writeBytes(dir + "/adapter_config.json", "{\"peft_type\": \"LORA\", ");
        expectLoadError(dir, dir + "/adapter_config.json", {"not valid JSON"});
    }

    void notLora()
    {
        const std::string dir = freshPath();
        saved(dir, baseConfig());
        setConfigField(dir, "peft_type", "PREFIX_TUNING");
        expectLoadError(dir, dir + "/adapter_config.json", {"PREFIX_TUNING", "LORA"});
    }

    // DoRA: the magnitude vectors travel under PEFT's key (<module>.lora_magnitude_vector) and use_dora in the config;
    // trained magnitudes (not the norms a fresh injection starts from) come back.
    void doraRoundTrip()
    {
        const std::string dir = freshPath();
        auto cfg = baseConfig();
        cfg.useDora = true;
        auto adapted = saved(dir, cfg, false, [](core::CausalLm& model) {
            torch::NoGradGuard noGrad;
            for (auto& [name, layer] : core::loraLayers(model))
                layer->magnitude().mul_(1.25);
        });
        QVERIFY(core::readJsonFile(dir + "/adapter_config.json", "adapter config").at("use_dora").get<bool>());
        const auto file = core::SafetensorsFile::open(dir + "/adapter_model.safetensors");
        QVERIFY(file->contains("base_model.model.model.layers.0.self_attn.q_proj.lora_magnitude_vector"));
        QVERIFY(expectRoundTrip(dir, *adapted).useDora);
    }

    // use_dora without its magnitude vectors: refused naming the weights file and the missing key, model untouched.
    void doraWithoutMagnitudesIsRefused()
    {
        const std::string dir = freshPath();
        saved(dir, baseConfig());
        setConfigField(dir, "use_dora", true);
        expectLoadError(dir, dir + "/adapter_model.safetensors", {"lora_magnitude_vector", "missing"});
    }

    void unimplementedVariantsAreRefusedNamingFieldAndValue()
    {
        const std::pair<const char*, json> cases[] = {
            {"use_qalora", true}, {"layer_replication", json::parse("[[0, 2]]")},
            {"trainable_token_indices", json::parse("[1, 2]")}, {"init_lora_weights", "bright_new_init"},
            {"layers_pattern", "h"}};
        for (const auto& [field, value] : cases) {
            const std::string dir = freshPath();
            saved(dir, baseConfig());
            setConfigField(dir, field, value);
            const std::string shown = value.is_string() ? value.get<std::string>() : value.dump();
            expectLoadError(dir, dir + "/adapter_config.json", {field, shown.c_str()});
        }
    }

    void newerPeftFieldsLoadWithAWarningNamingThem()
    {
        // PEFT warns about and ignores fields it does not know (a config from a newer version); so do we.
        const std::string dir = freshPath();
        auto adapted = saved(dir, baseConfig());
        QVERIFY(core::adapterConfigWarning(dir).empty());
        setConfigField(dir, "zeta_config", json::object({{"k", 1}}));
        setConfigField(dir, "use_flux", false);
        expectRoundTrip(dir, *adapted);
        const QString warning = QString::fromStdString(core::adapterConfigWarning(dir));
        QVERIFY2(warning.contains("use_flux, zeta_config") && warning.contains("ignored"), qPrintable(warning));
    }

    void trainedFromPissaIsSavedAsPlainLoraOfTwiceTheRank()
    {
        // PEFT's save_pretrained with path_initial_model_for_weight_conversion: [A; A₀], [B, −B₀], r and alpha doubled
        // (rsLoRA: alpha × √2), patterns likewise, init_lora_weights true — an adapter for the original base.
        for (bool rslora : {false, true}) {
            const std::string dir = freshPath();
            auto cfg = baseConfig();
            cfg.initLoraWeights = core::LoraInit::Pissa;
            cfg.useRslora = rslora;
            cfg.rankPattern = {{"v_proj", 2}};
            cfg.alphaPattern = {{"down_proj", 4.0}};
            auto adapted = saved(dir, cfg);
            const auto j = core::readJsonFile(dir + "/adapter_config.json", "adapter config");
            const double factor = rslora ? std::sqrt(2.0) : 2.0;
            QCOMPARE(j.at("r").get<int>(), 8);
            QVERIFY(std::abs(j.at("lora_alpha").get<double>() - 8 * factor) < 1e-12);
            QCOMPARE(j.at("rank_pattern").at("v_proj").get<int>(), 4);
            QVERIFY(std::abs(j.at("alpha_pattern").at("down_proj").get<double>() - 4 * factor) < 1e-12);
            QCOMPARE(j.at("init_lora_weights"), json(true));
            const auto file = core::SafetensorsFile::open(dir + "/adapter_model.safetensors");
            QCOMPARE(file->entry("base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight").shape,
                     (std::vector<int64_t>{8, 32}));
            QCOMPARE(file->entry("base_model.model.model.layers.0.self_attn.v_proj.lora_B.weight").shape,
                     (std::vector<int64_t>{16, 4}));
            QVERIFY(readBytes(dir + "/README.md").find("plain LoRA of rank 8") != std::string::npos);
            // On a fresh (original) base it is the trained model.
            auto fresh = makeBase();
            core::loadAdapter(*fresh, dir);
            QVERIFY(core::adapterConfigWarning(dir).empty());
            QVERIFY(torch::allclose(logits(*fresh), logits(*adapted), 1e-4, 1e-4));
        }
    }

    void anUnconvertedPissaAdapterLoadsAsPeftLoadsIt()
    {
        // PEFT saved straight from PiSSA / OLoRA (config still says so): loading runs the init again on the base
        // given and puts the file's A and B on its residual.
        for (const char* init : {"pissa", "olora"}) {
            auto cfg = baseConfig();
            core::parseInitLoraWeights(init, "test", cfg.initLoraWeights, cfg.initNiter);
            auto adapted = makeBase();
            core::injectLora(*adapted, cfg, 1);
            randomizeAdapters(*adapted, 2);
            const std::string dir = freshPath();
            fs::create_directories(dir);
            core::writeOrderedJsonFileAtomically(dir + "/adapter_config.json",
                                                 core::adapterConfigJson(cfg, cfg.targetModules.names));
            core::saveSafetensors(dir + "/adapter_model.safetensors", core::adapterTensors(*adapted, cfg),
                                  {{"format", "pt"}});
            auto fresh = makeBase();
            core::loadAdapter(*fresh, dir);
            QVERIFY(torch::allclose(logits(*fresh), logits(*adapted), 1e-4, 1e-4));
            QVERIFY(core::adapterConfigWarning(dir).empty());
            // A broken file leaves the base exactly as it was: the residual is only taken once every tensor fits.
            auto tensors = readAll(dir + "/adapter_model.safetensors");
            tensors.pop_back();
            core::saveSafetensors(dir + "/adapter_model.safetensors", tensors, {{"format", "pt"}});
            expectLoadError(dir, dir + "/adapter_model.safetensors", {"missing"});
        }
    }

    void aRandomizedPissaAdapterLoadsWithAWarning()
    {
        // pissa_niter_N drew its SVD at random; loading draws again, so the residual is close but not the same.
        const std::string dir = freshPath();
        saved(dir, baseConfig());
        setConfigField(dir, "init_lora_weights", "pissa_niter_4");
        auto fresh = makeBase();
        const auto cfg = core::loadAdapter(*fresh, dir);
        QVERIFY(cfg.initLoraWeights == core::LoraInit::PissaNiter && cfg.initNiter == 4);
        QVERIFY(torch::isfinite(logits(*fresh)).all().item<bool>());
        const QString warning = QString::fromStdString(core::adapterConfigWarning(dir));
        QVERIFY2(warning.contains("pissa_niter_4") && warning.contains("random"), qPrintable(warning));
        // corda and loftq cannot be redone here: the adapter loads as plain LoRA, with a warning about its base.
        setConfigField(dir, "init_lora_weights", "corda");
        const QString corda = QString::fromStdString(core::adapterConfigWarning(dir));
        QVERIFY2(corda.contains("corda") && corda.contains("base model saved with it"), qPrintable(corda));
    }

    void badConfigValue()
    {
        const std::string dir = freshPath();
        saved(dir, baseConfig());
        setConfigField(dir, "r", 0);
        expectLoadError(dir, dir + "/adapter_config.json", {"lora.r"});
    }

    void missingTensor()
    {
        const std::string dir = freshPath();
        saved(dir, baseConfig());
        auto tensors = readAll(dir + "/adapter_model.safetensors");
        const std::string gone = "base_model.model.model.layers.1.mlp.down_proj.lora_B.weight";
        tensors.erase(std::remove_if(tensors.begin(), tensors.end(), [&](const auto& t) { return t.first == gone; }),
                      tensors.end());
        core::saveSafetensors(dir + "/adapter_model.safetensors", tensors, {{"format", "pt"}});
        expectLoadError(dir, dir + "/adapter_model.safetensors", {gone.c_str(), "missing"});
    }

    void wrongShape()
    {
        const std::string dir = freshPath();
        saved(dir, baseConfig());
        auto tensors = readAll(dir + "/adapter_model.safetensors");
        const std::string bad = "base_model.model.model.layers.0.self_attn.v_proj.lora_A.weight";
        for (auto& [name, t] : tensors)
            if (name == bad)
                t = torch::zeros({4, 16});
        core::saveSafetensors(dir + "/adapter_model.safetensors", tensors, {{"format", "pt"}});
        expectLoadError(dir, dir + "/adapter_model.safetensors", {bad.c_str(), "[4, 16]", "[4, 32]"});
    }

    void unexpectedTensor()
    {
        const std::string dir = freshPath();
        saved(dir, baseConfig());
        auto tensors = readAll(dir + "/adapter_model.safetensors");
        const std::string extra = "base_model.model.model.layers.0.self_attn.k_proj.lora_A.weight";
        tensors.emplace_back(extra, torch::zeros({4, 32}));
        core::saveSafetensors(dir + "/adapter_model.safetensors", tensors, {{"format", "pt"}});
        expectLoadError(dir, dir + "/adapter_model.safetensors", {extra.c_str(), "unexpected"});
    }

    void pickleOnly()
    {
        const std::string dir = freshPath();
        saved(dir, baseConfig());
        fs::remove(dir + "/adapter_model.safetensors");
        testutil::writeBytes(dir + "/adapter_model.bin", "\x80\x02}q\x00.");
        expectLoadError(dir, dir, {"adapter_model.bin", "safetensors"});
    }

    void missingWeights()
    {
        const std::string dir = freshPath();
        saved(dir, baseConfig());
        fs::remove(dir + "/adapter_model.safetensors");
        expectLoadError(dir, dir + "/adapter_model.safetensors", {"not found"});
    }

    void corruptWeights()
    {
        const std::string dir = freshPath();
        saved(dir, baseConfig());
        fs::resize_file(dir + "/adapter_model.safetensors", fs::file_size(dir + "/adapter_model.safetensors") - 64);
        expectLoadError(dir, dir + "/adapter_model.safetensors", {});
    }

    void adapterForAnotherModel()
    {
        // Made for a model with a wider MLP: every shape check must name the tensor.
        const std::string dir = freshPath();
        auto other = testutil::randomModel(tinyConfig(false, /*intermediateSize=*/64), 1);
        const auto cfg = baseConfig();
        core::injectLora(*other, cfg, 1);
        core::saveAdapter(*other, cfg, dir);
        expectLoadError(dir, dir + "/adapter_model.safetensors", {"down_proj.lora_A.weight", "[4, 64]", "[4, 48]"});
    }

    void failedSaveLeavesPreviousAdapterIntact()
    {
        const std::string dir = freshPath();
        auto model = saved(dir, baseConfig());
        const auto before = folderBytes(dir);
        QCOMPARE(before.size(), size_t(3));
        QVERIFY(before.at("adapter_model.safetensors").size() > 4096);

        randomizeAdapters(*model, 99); // new values that must not reach the folder
        // A full disk: files may not grow past 4 KiB (enough for adapter_config.json, not for the weights). With
        // SIGXFSZ ignored the write fails with EFBIG instead of killing the process.
        QString message;
        bool otherException = false;
        {
            testutil::FileSizeLimit limit(4096);
            QVERIFY(limit.isActive());
            try {
                core::saveAdapter(*model, baseConfig(), dir);
            } catch (const core::Error& e) {
                message = QString::fromStdString(e.what());
            } catch (...) {
                otherException = true;
            }
        }

        QVERIFY(!otherException);
        QVERIFY2(!message.isEmpty(), "expected core::Error from the full disk");
        QVERIFY2(message.contains("adapter_model.safetensors"), qPrintable(message));
        QCOMPARE(folderBytes(dir), before);
        for (const auto& entry : fs::directory_iterator(fs::path(dir).parent_path()))
            QVERIFY2(entry.path().filename().string().find(".tmp") == std::string::npos, entry.path().c_str());

        // The folder still loads, with the old values.
        auto fresh = makeBase();
        core::loadAdapter(*fresh, dir);
        QVERIFY(!torch::equal(logits(*fresh), logits(*model)));
        core::saveAdapter(*model, baseConfig(), dir); // and saving works again afterwards
        QVERIFY(folderBytes(dir) != before);
    }

    void loadingIntoAnAdaptedModelIsRefused()
    {
        const std::string dir = freshPath();
        saved(dir, baseConfig());
        auto model = makeBase();
        core::loadAdapter(*model, dir);
        const auto adapted = logits(*model);
        QVERIFY(errorOf([&] { core::loadAdapter(*model, dir); }).contains("already"));
        QVERIFY(torch::equal(logits(*model), adapted));
    }
};

QTEST_APPLESS_MAIN(TestAdapterIo)
#include "test_adapter_io.moc"
