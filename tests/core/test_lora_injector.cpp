// LoraInjector: PEFT's target matching (suffix rule, regex, all-linear, exclude, layers, rank/alpha patterns), what
// trains under each bias setting, the trainable-parameters line, and disable/merge on a whole model.
#include "common/ErrorCapture.h"
#include "common/TinyModels.h"
#include "core/lora/LoraInjector.h"
#include "core/lora/ParameterCount.h"
#include "core/model/ModelLoader.h"

#include <torch/torch.h>

#include <QtTest>

#include <cstdio>
#include <set>

namespace {

using testutil::errorOf;

// Llama: hidden 32, 4 heads of 8, 2 kv heads (k/v out 16), MLP 48, vocab 64. qwen2: q/k/v biases.
core::ModelConfig tinyConfig(bool qwen2 = false, bool tied = false)
{
    auto c = testutil::tinyConfig(/*vocabSize=*/64, /*maxPositions=*/64, /*intermediateSize=*/48);
    if (qwen2)
        c = testutil::asQwen2(c);
    c.tieWordEmbeddings = tied;
    return c;
}

// Frozen, as a loaded base model is; non-zero biases make the bias settings observable.
std::shared_ptr<core::CausalLm> makeModel(bool qwen2 = false, bool tied = false)
{
    auto model = testutil::randomModel(tinyConfig(qwen2, tied), 3, /*matrixScale=*/5.0);
    testutil::randomizeBiases(*model, 4);
    testutil::freeze(*model);
    return model;
}

core::LoraConfig listConfig(std::vector<std::string> names, int r = 4, double alpha = 8)
{
    core::LoraConfig cfg;
    cfg.r = r;
    cfg.loraAlpha = alpha;
    cfg.targetModules.kind = core::TargetModules::Kind::List;
    cfg.targetModules.names = std::move(names);
    return cfg;
}

std::vector<std::string> layerNames(const std::string& suffix)
{
    return {"model.layers.0." + suffix, "model.layers.1." + suffix};
}

torch::Tensor ids() { return torch::tensor({3, 17, 5, 60, 22, 9, 41, 0}, torch::kInt64).view({2, 4}); }

void randomizeAdapters(core::CausalLm& model, uint64_t seed)
{
    torch::NoGradGuard noGrad;
    auto gen = at::detail::createCPUGenerator(seed);
    for (auto& [name, layer] : core::loraLayers(model))
        layer->loraB().copy_(at::normal(0.0, 0.5, layer->loraB().sizes(), gen, torch::kFloat32));
}

// "1,234,567", written independently of the engine's helper.
std::string grouped(int64_t v)
{
    std::string s = std::to_string(v), out;
    int count = 0;
    for (auto it = s.rbegin(); it != s.rend(); ++it) {
        if (count > 0 && count % 3 == 0)
            out.insert(out.begin(), ',');
        out.insert(out.begin(), *it);
        ++count;
    }
    return out;
}

std::set<std::string> trainableNames(core::CausalLm& model)
{
    std::set<std::string> out;
    for (const auto& item : model.named_parameters())
        if (item.value().requires_grad())
            out.insert(item.key());
    return out;
}

} // namespace

class TestLoraInjector : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void discoversEveryLinear()
    {
        auto model = makeModel(/*qwen2=*/true);
        const auto modules = core::discoverLinearModules(*model);
        QCOMPARE(modules.size(), size_t(2 * 7 + 1));
        std::map<std::string, core::LinearModuleInfo> byName;
        for (const auto& m : modules)
            byName[m.name] = m;
        const auto& k = byName.at("model.layers.1.self_attn.k_proj");
        QCOMPARE(QString::fromStdString(k.shortName), QString("k_proj"));
        QCOMPARE(k.in, int64_t(32));
        QCOMPARE(k.out, int64_t(16));
        QVERIFY(k.hasBias);
        QCOMPARE(k.layer, 1);
        QVERIFY(!byName.at("model.layers.0.self_attn.o_proj").hasBias);
        const auto& down = byName.at("model.layers.0.mlp.down_proj");
        QCOMPARE(down.in, int64_t(48));
        QCOMPARE(down.out, int64_t(32));
        QCOMPARE(down.layer, 0);
        const auto& head = byName.at("lm_head");
        QCOMPARE(head.layer, -1);
        QCOMPARE(head.out, int64_t(64));

        const auto names = core::availableTargetNames(*model);
        const std::vector<std::string> expected = {"q_proj", "k_proj", "v_proj", "o_proj", "gate_proj",
                                                   "up_proj", "down_proj", "lm_head"};
        QCOMPARE(std::set<std::string>(names.begin(), names.end()), std::set<std::string>(expected.begin(), expected.end()));
        QCOMPARE(names.size(), expected.size());
    }

    void suffixRule()
    {
        auto model = makeModel();
        QCOMPARE(core::selectTargetModules(*model, listConfig({"q_proj"})), layerNames("self_attn.q_proj"));
        QCOMPARE(core::selectTargetModules(*model, listConfig({"self_attn.q_proj"})), layerNames("self_attn.q_proj"));
        QCOMPARE(core::selectTargetModules(*model, listConfig({"model.layers.1.mlp.down_proj"})),
                 std::vector<std::string>{"model.layers.1.mlp.down_proj"});
        // "proj" is a suffix of the string but not of a dotted component: no match, so an error.
        const QString message = errorOf([&] { core::selectTargetModules(*model, listConfig({"proj"})); });
        QVERIFY2(message.contains("\"proj\""), qPrintable(message));
        // "attn.q_proj" is not a component suffix either ("self_attn" is one component).
        QVERIFY(!errorOf([&] { core::selectTargetModules(*model, listConfig({"attn.q_proj"})); }).isEmpty());
        const auto both = core::selectTargetModules(*model, listConfig({"q_proj", "down_proj"}));
        QCOMPARE(both.size(), size_t(4));
    }

    void unknownTargetListsAvailableNames()
    {
        auto model = makeModel();
        const QString message = errorOf([&] { core::selectTargetModules(*model, listConfig({"q_proj", "query"})); });
        QVERIFY2(message.contains("\"query\""), qPrintable(message));
        QVERIFY2(message.contains("lora.target_modules"), qPrintable(message));
        for (const char* name : {"q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj", "lm_head"})
            QVERIFY2(message.contains(name), qPrintable(message));
        // The model is untouched by a failed injection.
        QVERIFY(!errorOf([&] { core::injectLora(*model, listConfig({"query"}), 0); }).isEmpty());
        QVERIFY(core::loraLayers(*model).empty());
    }

    void regexMustMatchWholeName()
    {
        auto model = makeModel();
        core::LoraConfig cfg = listConfig({});
        cfg.targetModules.kind = core::TargetModules::Kind::Regex;
        cfg.targetModules.regex = R"(.*\.(q|v)_proj)";
        QCOMPARE(core::selectTargetModules(*model, cfg),
                 (std::vector<std::string>{"model.layers.0.self_attn.q_proj", "model.layers.0.self_attn.v_proj",
                                           "model.layers.1.self_attn.q_proj", "model.layers.1.self_attn.v_proj"}));
        cfg.targetModules.regex = R"(model\.layers\.1\.mlp\..*)";
        QCOMPARE(core::selectTargetModules(*model, cfg).size(), size_t(3));
        // A partial match is not a match (re.fullmatch): "q_proj" alone selects nothing, which is an error.
        cfg.targetModules.regex = "q_proj";
        const QString message = errorOf([&] { core::selectTargetModules(*model, cfg); });
        QVERIFY2(message.contains("selects no module"), qPrintable(message));
        QVERIFY2(message.contains("q_proj, k_proj"), qPrintable(message));
    }

    void allLinearExcludesOutputHead()
    {
        auto model = makeModel();
        core::LoraConfig cfg = listConfig({});
        cfg.targetModules.kind = core::TargetModules::Kind::AllLinear;
        const auto selected = core::selectTargetModules(*model, cfg);
        QCOMPARE(selected.size(), size_t(14));
        QVERIFY(std::find(selected.begin(), selected.end(), "lm_head") == selected.end());
        // lm_head can still be named explicitly.
        QCOMPARE(core::selectTargetModules(*model, listConfig({"lm_head"})), std::vector<std::string>{"lm_head"});
    }

    void excludeModules()
    {
        auto model = makeModel();
        core::LoraConfig cfg = listConfig({});
        cfg.targetModules.kind = core::TargetModules::Kind::AllLinear;
        cfg.excludeModules = {"o_proj", "model.layers.1.mlp.up_proj"};
        const auto selected = core::selectTargetModules(*model, cfg);
        QCOMPARE(selected.size(), size_t(14 - 2 - 1));
        for (const auto& name : selected) {
            QVERIFY(name.find("o_proj") == std::string::npos);
            QVERIFY(name != "model.layers.1.mlp.up_proj");
        }
        QVERIFY(std::find(selected.begin(), selected.end(), "model.layers.0.mlp.up_proj") != selected.end());

        // A string is a regex over the whole name (PEFT's re.fullmatch), not a suffix.
        cfg.excludeModules.clear();
        cfg.excludeRegex = R"(.*layers\.1\..*_proj)";
        QCOMPARE(core::selectTargetModules(*model, cfg).size(), size_t(7));
        cfg.excludeRegex = "mlp"; // matches no whole name: nothing excluded
        QCOMPARE(core::selectTargetModules(*model, cfg).size(), size_t(14));
        cfg.excludeRegex = "(";
        QVERIFY_THROWS_EXCEPTION(core::Error, cfg.validate());
    }

    void targetEntryMatchingNothingIsATypoOnlyInOurSettings()
    {
        auto model = makeModel();
        const auto cfg = listConfig({"q_proj", "q_porj"});
        const QString message = errorOf([&] { core::selectTargetModules(*model, cfg); });
        QVERIFY2(message.contains("q_porj"), qPrintable(message));
        // An adapter PEFT wrote with such an entry loads: PEFT fails only when nothing matches.
        QCOMPARE(core::selectTargetModules(*model, cfg, /*requireEveryTarget=*/false).size(), size_t(2));
        QVERIFY(!errorOf([&] { core::selectTargetModules(*model, listConfig({"q_porj"}), false); }).isEmpty());
    }

    void layersToTransform()
    {
        auto model = makeModel();
        auto cfg = listConfig({"q_proj", "v_proj", "lm_head"});
        cfg.layersToTransform = {1};
        // "lm_head" names the module exactly, which PEFT's check_target_module_exists lets past layers_to_transform
        // (tests/data/reference/mistral/exact_name_layers shows it on PEFT itself); the suffix entries are filtered.
        auto selected = core::selectTargetModules(*model, cfg);
        std::sort(selected.begin(), selected.end());
        QCOMPARE(selected, (std::vector<std::string>{"lm_head", "model.layers.1.self_attn.q_proj",
                                                     "model.layers.1.self_attn.v_proj"}));
        cfg.layersToTransform = {0, 1};
        QCOMPARE(core::selectTargetModules(*model, cfg).size(), size_t(5));
        cfg.layersToTransform = {2};
        const QString message = errorOf([&] { core::selectTargetModules(*model, cfg); });
        QVERIFY2(message.contains("layers_to_transform"), qPrintable(message));
        QVERIFY2(message.contains("2 layers"), qPrintable(message));
    }

    void rankAndAlphaPatterns()
    {
        auto model = makeModel();
        auto cfg = listConfig({"q_proj", "v_proj", "down_proj"}, /*r=*/4, /*alpha=*/8);
        cfg.rankPattern = {{"v_proj", 2}, {"model.layers.1.mlp.down_proj", 6}};
        cfg.alphaPattern = {{"model.layers.1.self_attn.q_proj", 64}};
        const auto adapted = core::injectLora(*model, cfg, 0);
        QCOMPARE(adapted.size(), size_t(6));
        std::map<std::string, std::shared_ptr<core::LoraLinear>> layers;
        for (auto& [name, layer] : core::loraLayers(*model))
            layers[name] = layer;
        QCOMPARE(layers.size(), size_t(6));
        auto check = [&](const std::string& name, int r, double alpha, int64_t in, int64_t out) {
            const auto& layer = layers.at(name);
            QCOMPARE(layer->rank(), r);
            QCOMPARE(layer->scaling(), alpha / r);
            QVERIFY(layer->loraA().sizes() == at::IntArrayRef({r, in}));
            QVERIFY(layer->loraB().sizes() == at::IntArrayRef({out, r}));
        };
        check("model.layers.0.self_attn.q_proj", 4, 8, 32, 32);
        check("model.layers.1.self_attn.q_proj", 4, 64, 32, 32);
        check("model.layers.0.self_attn.v_proj", 2, 8, 32, 16);
        check("model.layers.1.self_attn.v_proj", 2, 8, 32, 16);
        check("model.layers.0.mlp.down_proj", 4, 8, 48, 32);
        check("model.layers.1.mlp.down_proj", 6, 8, 48, 32);
    }

    void parameterNamesArePefts()
    {
        auto model = makeModel();
        core::injectLora(*model, listConfig({"q_proj"}), 0);
        const auto params = model->named_parameters();
        QVERIFY(params.find("model.layers.0.self_attn.q_proj.base_layer.weight"));
        QVERIFY(params.find("model.layers.0.self_attn.q_proj.lora_A.weight"));
        QVERIFY(params.find("model.layers.1.self_attn.q_proj.lora_B.weight"));
        QVERIFY(!params.find("model.layers.0.self_attn.q_proj.weight"));
        QVERIFY(params.find("model.layers.0.self_attn.k_proj.weight")); // untouched
    }

    void biasNoneTrainsOnlyAdapters()
    {
        auto model = makeModel(/*qwen2=*/true);
        auto cfg = listConfig({"q_proj", "v_proj"});
        core::injectLora(*model, cfg, 0);
        std::set<std::string> expected;
        for (int l : {0, 1})
            for (const char* m : {"q_proj", "v_proj"})
                for (const char* ab : {"lora_A", "lora_B"})
                    expected.insert("model.layers." + std::to_string(l) + ".self_attn." + m + "." + ab + ".weight");
        QCOMPARE(trainableNames(*model), expected);
    }

    void biasAllTrainsEveryBias()
    {
        auto model = makeModel(true);
        auto cfg = listConfig({"q_proj", "v_proj"});
        cfg.bias = core::LoraBias::All;
        core::injectLora(*model, cfg, 0);
        std::set<std::string> expected;
        for (int l : {0, 1}) {
            const std::string pre = "model.layers." + std::to_string(l) + ".self_attn.";
            for (const char* m : {"q_proj", "v_proj"}) {
                expected.insert(pre + m + ".lora_A.weight");
                expected.insert(pre + m + ".lora_B.weight");
                expected.insert(pre + m + ".base_layer.bias");
            }
            expected.insert(pre + "k_proj.bias"); // not targeted, but "all" trains every bias
        }
        QCOMPARE(trainableNames(*model), expected);
    }

    void biasLoraOnlyTrainsTargetedBiases()
    {
        auto model = makeModel(true);
        auto cfg = listConfig({"q_proj", "v_proj", "o_proj"}); // o_proj has no bias in Qwen2
        cfg.bias = core::LoraBias::LoraOnly;
        core::injectLora(*model, cfg, 0);
        std::set<std::string> expected;
        for (int l : {0, 1}) {
            const std::string pre = "model.layers." + std::to_string(l) + ".self_attn.";
            for (const char* m : {"q_proj", "v_proj", "o_proj"}) {
                expected.insert(pre + m + ".lora_A.weight");
                expected.insert(pre + m + ".lora_B.weight");
            }
            expected.insert(pre + "q_proj.base_layer.bias");
            expected.insert(pre + "v_proj.base_layer.bias");
        }
        QCOMPARE(trainableNames(*model), expected);
    }

    void modulesToSaveMakesHeadTrainable()
    {
        auto model = makeModel();
        auto cfg = listConfig({"q_proj"});
        cfg.modulesToSave = {"lm_head"};
        core::injectLora(*model, cfg, 0);
        const auto trainable = trainableNames(*model);
        QVERIFY(trainable.count("lm_head.weight"));
        QVERIFY(!trainable.count("model.embed_tokens.weight"));
        QCOMPARE(trainable.size(), size_t(4 + 1));

        auto bad = makeModel();
        cfg.modulesToSave = {"classifier"};
        QVERIFY(errorOf([&] { core::injectLora(*bad, cfg, 0); }).contains("classifier"));
    }

    void modulesToSaveTrainACopyAsPeftDoes()
    {
        // PEFT's ModulesToSaveWrapper: the module trains as a copy, adapters off computes with the original, and the
        // original is counted beside the copy.
        for (bool tied : {false, true}) {
            auto model = makeModel(false, tied);
            torch::NoGradGuard noGrad;
            const auto base = model->logits(ids());
            const int64_t baseCount = core::countParameters(*model).all;
            auto cfg = listConfig({"q_proj"});
            cfg.modulesToSave = {"lm_head"};
            core::injectLora(*model, cfg, 0);
            QVERIFY(!model->lmHeadTied()); // a tie is broken (PEFT's default ensure_weight_tying false)
            const auto head = model->named_parameters()["lm_head.weight"];
            const auto embedBefore = model->stack()->embedTokens->weight.clone();
            head.add_(0.5); // "training"
            QVERIFY(torch::equal(model->stack()->embedTokens->weight, embedBefore)); // the input side is untouched
            const auto trained = model->logits(ids());
            QVERIFY(!torch::allclose(trained, base, 1e-3, 1e-3));
            core::setAdaptersEnabled(*model, false);
            QVERIFY(torch::equal(model->logits(ids()), base));
            core::setAdaptersEnabled(*model, true);
            QVERIFY(torch::equal(model->logits(ids()), trained));
            // Copy and original both counted, as print_trainable_parameters does (a tied original is counted once).
            QCOMPARE(core::countParameters(*model).all, baseCount + 64 * 32 + 2 * 4 * 32 * 2);
            // Unloading keeps the active (trained) copy, like PEFT's unload().
            core::removeLora(*model);
            QVERIFY(torch::equal(model->logits(ids()), trained));
            QVERIFY(model->savedParameters().empty());
        }
        // ensure_weight_tying: one trained matrix serves both sides.
        auto model = makeModel(false, /*tied=*/true);
        auto cfg = listConfig({"q_proj"});
        cfg.modulesToSave = {"lm_head"};
        cfg.ensureWeightTying = true;
        core::injectLora(*model, cfg, 0);
        QVERIFY(model->lmHeadTied());
        QVERIFY(model->stack()->embedTokens->weight.requires_grad());
    }

    void trainableParametersLine()
    {
        // PEFT's format, the example from its docs and the brief's.
        QCOMPARE(QString::fromStdString(core::trainableParametersLine({4194304, 6742609920})),
                 QString("trainable params: 4,194,304 || all params: 6,742,609,920 || trainable%: 0.0622"));
        QCOMPARE(QString::fromStdString(core::trainableParametersLine({1234, 5678})),
                 QString("trainable params: 1,234 || all params: 5,678 || trainable%: 21.7330"));
        QCOMPARE(QString::fromStdString(core::withThousandsSeparators(0)), QString("0"));
        QCOMPARE(QString::fromStdString(core::withThousandsSeparators(999)), QString("999"));
        QCOMPARE(QString::fromStdString(core::withThousandsSeparators(1000)), QString("1,000"));
        QCOMPARE(QString::fromStdString(core::withThousandsSeparators(123456789)), QString("123,456,789"));

        for (bool tied : {false, true}) {
            auto model = makeModel(false, tied);
            // Base parameters by hand: embedding, per layer q,k,v,o + gate,up,down + 2 norms, final norm, head.
            const int64_t perLayer = 32 * 32 + 2 * (32 * 16) + 32 * 32 + 3 * (32 * 48) + 2 * 32;
            const int64_t base = 64 * 32 + 2 * perLayer + 32 + (tied ? 0 : 64 * 32);
            QCOMPARE(core::countParameters(*model).all, base);
            QCOMPARE(core::countParameters(*model).trainable, int64_t(0));

            auto cfg = listConfig({"q_proj", "v_proj", "down_proj"}, 8, 16);
            cfg.rankPattern = {{"down_proj", 2}};
            core::injectLora(*model, cfg, 0);
            // r * (in + out) per adapted module.
            const int64_t trainable = 2 * (8 * (32 + 32) + 8 * (32 + 16) + 2 * (48 + 32));
            const int64_t all = base + trainable;
            char percent[32];
            std::snprintf(percent, sizeof percent, "%.4f", 100.0 * double(trainable) / double(all));
            const std::string expected = "trainable params: " + grouped(trainable) + " || all params: " + grouped(all) +
                                         " || trainable%: " + percent;
            QCOMPARE(QString::fromStdString(core::trainableParametersLine(core::countParameters(*model))),
                     QString::fromStdString(expected));
            QCOMPARE(core::trainableParameters(*model).size(), size_t(12));
        }
    }

    void disablingWithBiasNoneGivesBaseLogitsExactly()
    {
        auto model = makeModel(true);
        torch::NoGradGuard noGrad;
        const auto base = model->logits(ids());
        auto cfg = listConfig({"q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj", "lm_head"});
        core::injectLora(*model, cfg, 0);
        QVERIFY(torch::equal(model->logits(ids()), base)); // B = 0: a fresh adapter changes nothing
        randomizeAdapters(*model, 1);
        const auto adapted = model->logits(ids());
        QVERIFY(!torch::allclose(adapted, base, 1e-3, 1e-3));
        core::setAdaptersEnabled(*model, false);
        QVERIFY(torch::equal(model->logits(ids()), base));
        core::setAdaptersEnabled(*model, true);
        QVERIFY(torch::equal(model->logits(ids()), adapted));
    }

    void disablingWithBiasAllKeepsChangedBias()
    {
        auto model = makeModel(true);
        torch::NoGradGuard noGrad;
        const auto base = model->logits(ids());
        auto cfg = listConfig({"q_proj", "v_proj"});
        cfg.bias = core::LoraBias::All;
        core::injectLora(*model, cfg, 0);
        // Training moved a bias; disabling the adapters does not undo that (as in PEFT).
        model->named_parameters()["model.layers.0.self_attn.k_proj.bias"].add_(1.0);
        core::setAdaptersEnabled(*model, false);
        QVERIFY(!torch::allclose(model->logits(ids()), base, 1e-4, 1e-4));
    }

    void mergeAndUnmergeWholeModel()
    {
        auto model = makeModel();
        auto cfg = listConfig({"q_proj", "v_proj", "down_proj"});
        core::injectLora(*model, cfg, 0);
        randomizeAdapters(*model, 2);
        torch::NoGradGuard noGrad;
        const auto adapted = model->logits(ids());
        core::mergeAdapters(*model);
        for (auto& [name, layer] : core::loraLayers(*model))
            QVERIFY(layer->merged());
        QVERIFY(torch::allclose(model->logits(ids()), adapted, 1e-4, 1e-4));
        core::unmergeAdapters(*model);
        QVERIFY(torch::allclose(model->logits(ids()), adapted, 1e-4, 1e-4));
        for (auto& [name, layer] : core::loraLayers(*model))
            QVERIFY(!layer->merged());
    }

    void injectingTwiceIsRefused()
    {
        auto model = makeModel();
        core::injectLora(*model, listConfig({"q_proj"}), 0);
        const QString message = errorOf([&] { core::injectLora(*model, listConfig({"v_proj"}), 0); });
        QVERIFY2(message.contains("already"), qPrintable(message));
        QCOMPARE(core::loraLayers(*model).size(), size_t(2));
    }

    void removeLoraGivesBackTheBaseModel()
    {
        auto model = makeModel();
        torch::NoGradGuard noGrad;
        const auto base = model->logits(ids());
        const auto namesBefore = model->named_parameters().keys();
        auto cfg = listConfig({"q_proj", "down_proj"});
        core::injectLora(*model, cfg, 0);
        randomizeAdapters(*model, 3);
        core::mergeAdapters(*model);
        core::removeLora(*model);
        QVERIFY(core::loraLayers(*model).empty());
        QCOMPARE(model->named_parameters().keys(), namesBefore);
        QVERIFY(torch::allclose(model->logits(ids()), base, 1e-5, 1e-5));
        // A new injection works on the restored model.
        core::injectLora(*model, listConfig({"v_proj"}), 0);
        QCOMPARE(core::loraLayers(*model).size(), size_t(2));
    }

    void pissaAndOloraLeaveTheModelUnchangedUntilTrainedAndGiveItBack()
    {
        for (const auto init : {core::LoraInit::Pissa, core::LoraInit::PissaNiter, core::LoraInit::Olora}) {
            auto model = makeModel(/*qwen2=*/true);
            torch::NoGradGuard noGrad;
            const auto base = model->logits(ids());
            const auto weightBefore = model->named_parameters()["model.layers.0.self_attn.q_proj.weight"].clone();
            auto cfg = listConfig({"q_proj", "v_proj", "down_proj"});
            cfg.initLoraWeights = init;
            core::injectLora(*model, cfg, 5);
            const auto q = model->named_parameters()["model.layers.0.self_attn.q_proj.base_layer.weight"];
            QVERIFY(!torch::allclose(q, weightBefore, 1e-3, 1e-3)); // the base holds the residual now
            QVERIFY(torch::allclose(model->logits(ids()), base, 1e-4, 1e-4)); // but the model is the same
            randomizeAdapters(*model, 6);
            QVERIFY(!torch::allclose(model->logits(ids()), base, 1e-3, 1e-3));
            core::setAdaptersEnabled(*model, false); // off: the original model, not the residual
            QVERIFY(torch::allclose(model->logits(ids()), base, 1e-4, 1e-4));
            core::setAdaptersEnabled(*model, true);
            core::removeLora(*model);
            QVERIFY(torch::allclose(model->logits(ids()), base, 1e-4, 1e-4));
            QVERIFY(torch::allclose(model->named_parameters()["model.layers.0.self_attn.q_proj.weight"], weightBefore,
                                    1e-5, 1e-6));
        }
    }

    void pissaIsRefusedWhereItCannotWork()
    {
        auto expectRefused = [](const core::LoraConfig& cfg, bool tied, std::initializer_list<const char*> parts) {
            auto model = makeModel(false, tied);
            torch::NoGradGuard noGrad;
            const auto base = model->logits(ids());
            const QString message = errorOf([&] { core::injectLora(*model, cfg, 0); });
            for (const char* part : parts)
                QVERIFY2(message.contains(part), qPrintable(message));
            QVERIFY(core::loraLayers(*model).empty()); // refused before any change
            QVERIFY(torch::equal(model->logits(ids()), base));
        };
        // A tied lm_head: rewriting it would change the input embeddings too.
        auto tied = listConfig({"q_proj", "lm_head"});
        tied.initLoraWeights = core::LoraInit::Pissa;
        expectRefused(tied, true, {"lm_head", "embed_tokens", "pissa"});
        // r directions cannot come from a 16-row weight (k_proj: 32 in, 16 out) when r is 20, here by rank_pattern.
        auto tooLarge = listConfig({"q_proj", "k_proj"});
        tooLarge.initLoraWeights = core::LoraInit::Olora;
        tooLarge.rankPattern = {{"k_proj", 20}};
        expectRefused(tooLarge, false, {"k_proj", "r is 20", "at most 16", "olora"});
    }

    void adaptersFollowTheModelsTrainingMode()
    {
        // An adapter injected into a model in eval mode must not apply dropout (a new module starts in train mode).
        auto model = makeModel();
        auto cfg = listConfig({"q_proj", "v_proj"});
        cfg.loraDropout = 0.5;
        core::injectLora(*model, cfg, 0);
        for (auto& [name, layer] : core::loraLayers(*model))
            QVERIFY(!layer->is_training());
        randomizeAdapters(*model, 4);
        {
            torch::NoGradGuard noGrad;
            QVERIFY(torch::equal(model->logits(ids()), model->logits(ids()))); // deterministic: no dropout
        }
        model->train();
        for (auto& [name, layer] : core::loraLayers(*model))
            QVERIFY(layer->is_training());
        torch::NoGradGuard noGrad;
        QVERIFY(!torch::equal(model->logits(ids()), model->logits(ids()))); // dropout draws differ

        auto training = makeModel();
        training->train();
        core::injectLora(*training, cfg, 0);
        for (auto& [name, layer] : core::loraLayers(*training))
            QVERIFY(layer->is_training());
    }

    void adaptersFollowTheBaseDtype()
    {
        auto model = makeModel();
        model->to(torch::kBFloat16);
        core::injectLora(*model, listConfig({"q_proj"}), 0);
        for (auto& [name, layer] : core::loraLayers(*model)) {
            QVERIFY(layer->loraA().scalar_type() == torch::kFloat); // adapters stay float32 on a bf16 base
            QVERIFY(layer->baseWeight().scalar_type() == torch::kBFloat16);
        }
        torch::NoGradGuard noGrad;
        QVERIFY(torch::isfinite(model->logits(ids())).all().item<bool>());
    }
};

QTEST_APPLESS_MAIN(TestLoraInjector)
#include "test_lora_injector.moc"
