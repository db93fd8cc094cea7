// ModelConfig: Hugging Face config.json of the supported LLaMA-family architectures, and every way it can be wrong.
#include "common/ErrorCapture.h"
#include "common/FileBytes.h"
#include "core/model/ModelConfig.h"
#include "core/model/ModelLoader.h"

#include <nlohmann/json.hpp>

#include <QTemporaryDir>
#include <QtTest>

using nlohmann::json;

class TestModelConfig : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    int m_counter = 0;

    // A tiny Llama config.json with grouped-query attention.
    static json llamaJson()
    {
        return json{{"architectures", {"LlamaForCausalLM"}},
                    {"model_type", "llama"},
                    {"vocab_size", 96},
                    {"hidden_size", 32},
                    {"intermediate_size", 64},
                    {"num_hidden_layers", 2},
                    {"num_attention_heads", 4},
                    {"num_key_value_heads", 2},
                    {"max_position_embeddings", 128},
                    {"rms_norm_eps", 1e-5},
                    {"rope_theta", 500000.0},
                    {"hidden_act", "silu"},
                    {"tie_word_embeddings", true},
                    {"bos_token_id", 1},
                    {"eos_token_id", 2},
                    {"torch_dtype", "bfloat16"}};
    }

    // Writes text as <fresh dir>/config.json and returns the directory.
    std::string writeConfigText(const std::string& text)
    {
        const std::string dir = m_dir.filePath(QString("model%1").arg(++m_counter)).toStdString();
        QDir().mkpath(QString::fromStdString(dir));
        testutil::writeBytes(dir + "/config.json", text);
        return dir;
    }
    std::string writeConfig(const json& j) { return writeConfigText(j.dump(2)); }

    // Loads dir's config.json and returns the core::Error message; fails the test when nothing is thrown.
    static QString loadError(const std::string& dir)
    {
        return testutil::errorOf([&] { core::loadModelConfig(dir); });
    }

    // llama3 rope scaling with these numbers, and rope_theta.
    static void verifyLlama3Rope(const core::ModelConfig& cfg, double factor, double lowFreqFactor,
                                 double highFreqFactor, int64_t originalMaxPositions, double ropeTheta)
    {
        QVERIFY(cfg.ropeScaling.has_value());
        QCOMPARE(QString::fromStdString(cfg.ropeScaling->type), QString("llama3"));
        QCOMPARE(cfg.ropeScaling->factor, factor);
        QCOMPARE(cfg.ropeScaling->lowFreqFactor, lowFreqFactor);
        QCOMPARE(cfg.ropeScaling->highFreqFactor, highFreqFactor);
        QCOMPARE(cfg.ropeScaling->originalMaxPositionEmbeddings, originalMaxPositions);
        QCOMPARE(cfg.ropeTheta, ropeTheta);
    }

#define EXPECT_ERROR(dir, ...)                                                                                    \
    do {                                                                                                          \
        const std::string directory = (dir);                                                                      \
        const QString message = loadError(directory);                                                             \
        QVERIFY2(!message.isEmpty(), "expected core::Error");                                                     \
        QVERIFY2(message.contains(QString::fromStdString(directory + "/config.json")), qPrintable(message));       \
        for (const char* part : {__VA_ARGS__})                                                                    \
            QVERIFY2(message.contains(QString(part)), qPrintable(message));                                       \
    } while (false)

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void parsesLlamaWithGqa()
    {
        const auto cfg = core::loadModelConfig(writeConfig(llamaJson()));
        QCOMPARE(QString::fromStdString(cfg.architecture), QString("LlamaForCausalLM"));
        QCOMPARE(QString::fromStdString(cfg.modelType), QString("llama"));
        QCOMPARE(cfg.vocabSize, int64_t(96));
        QCOMPARE(cfg.hiddenSize, int64_t(32));
        QCOMPARE(cfg.intermediateSize, int64_t(64));
        QCOMPARE(cfg.numHiddenLayers, int64_t(2));
        QCOMPARE(cfg.numAttentionHeads, int64_t(4));
        QCOMPARE(cfg.numKeyValueHeads, int64_t(2));
        QCOMPARE(cfg.headDim, int64_t(8)); // hidden_size / num_attention_heads
        QCOMPARE(cfg.maxPositionEmbeddings, int64_t(128));
        QCOMPARE(cfg.rmsNormEps, 1e-5);
        QCOMPARE(cfg.ropeTheta, 500000.0);
        QVERIFY(!cfg.ropeScaling);
        QVERIFY(cfg.tieWordEmbeddings);
        QVERIFY(!cfg.qkvBias);
        QVERIFY(!cfg.oBias);
        QVERIFY(!cfg.mlpBias);
        QCOMPARE(cfg.slidingWindow, int64_t(0));
        QCOMPARE(cfg.bosTokenId, int64_t(1));
        QCOMPARE(cfg.eosTokenId, int64_t(2));
        QCOMPARE(cfg.padTokenId, int64_t(-1));
        QCOMPARE(QString::fromStdString(cfg.torchDtype), QString("bfloat16"));
    }

    void kvHeadsDefaultToAttentionHeads()
    {
        auto j = llamaJson();
        j.erase("num_key_value_heads");
        j.erase("tie_word_embeddings");
        const auto cfg = core::loadModelConfig(writeConfig(j));
        QCOMPARE(cfg.numKeyValueHeads, int64_t(4));
        QVERIFY(!cfg.tieWordEmbeddings); // transformers' LlamaConfig default is False
    }

    void explicitHeadDimWins()
    {
        auto j = llamaJson();
        j["head_dim"] = 16; // Llama 3.x style: heads * head_dim need not equal hidden_size
        const auto cfg = core::loadModelConfig(writeConfig(j));
        QCOMPARE(cfg.headDim, int64_t(16));
    }

    void llamaAttentionAndMlpBias()
    {
        auto j = llamaJson();
        j["attention_bias"] = true;
        j["mlp_bias"] = true;
        const auto cfg = core::loadModelConfig(writeConfig(j));
        QVERIFY(cfg.qkvBias);
        QVERIFY(cfg.oBias);
        QVERIFY(cfg.mlpBias);
    }

    void llama3RopeScaling()
    {
        auto j = llamaJson();
        j["rope_scaling"] = {{"rope_type", "llama3"}, {"factor", 8.0}, {"low_freq_factor", 1.0},
                             {"high_freq_factor", 4.0}, {"original_max_position_embeddings", 64}};
        verifyLlama3Rope(core::loadModelConfig(writeConfig(j)), 8.0, 1.0, 4.0, 64, 500000.0);
    }

    void llama3RopeParametersTransformers5()
    {
        // transformers 5 moves rope_theta into rope_parameters together with the scaling.
        auto j = llamaJson();
        j.erase("rope_theta");
        j["rope_parameters"] = {{"rope_type", "llama3"}, {"rope_theta", 250000.0}, {"factor", 32.0},
                                {"low_freq_factor", 2.0}, {"high_freq_factor", 8.0},
                                {"original_max_position_embeddings", 8192}};
        verifyLlama3Rope(core::loadModelConfig(writeConfig(j)), 32.0, 2.0, 8.0, 8192, 250000.0);
    }

    void defaultRopeParametersMeanNoScaling()
    {
        auto j = llamaJson();
        j.erase("rope_theta");
        j["rope_parameters"] = {{"rope_type", "default"}, {"rope_theta", 10000.0}};
        const auto cfg = core::loadModelConfig(writeConfig(j));
        QVERIFY(!cfg.ropeScaling);
        QCOMPARE(cfg.ropeTheta, 10000.0);
    }

    void legacyTypeKeyAndLinearScaling()
    {
        auto j = llamaJson();
        j["rope_scaling"] = {{"type", "linear"}, {"factor", 2.0}};
        const auto cfg = core::loadModelConfig(writeConfig(j));
        QVERIFY(cfg.ropeScaling.has_value());
        QCOMPARE(QString::fromStdString(cfg.ropeScaling->type), QString("linear"));
        QCOMPARE(cfg.ropeScaling->factor, 2.0);
    }

    void qwen2HasQkvBias()
    {
        auto j = llamaJson();
        j["architectures"] = {"Qwen2ForCausalLM"};
        j["model_type"] = "qwen2";
        j["sliding_window"] = 32; // present in every Qwen2 config, but used only with use_sliding_window
        j["use_sliding_window"] = false;
        const auto cfg = core::loadModelConfig(writeConfig(j));
        QCOMPARE(QString::fromStdString(cfg.modelType), QString("qwen2"));
        QVERIFY(cfg.qkvBias);
        QVERIFY(!cfg.oBias);
        QVERIFY(!cfg.mlpBias);
        QCOMPARE(cfg.slidingWindow, int64_t(0));
    }

    void mistralSlidingWindow()
    {
        auto j = llamaJson();
        j["architectures"] = {"MistralForCausalLM"};
        j["model_type"] = "mistral";
        j["sliding_window"] = 16;
        const auto cfg = core::loadModelConfig(writeConfig(j));
        QCOMPARE(cfg.slidingWindow, int64_t(16));
        QVERIFY(!cfg.qkvBias);

        j["sliding_window"] = nullptr; // Mistral v0.2+ configs say null: full attention
        const auto full = core::loadModelConfig(writeConfig(j));
        QCOMPARE(full.slidingWindow, int64_t(0));
        // ... and toJson says null again: an absent key means MistralConfig's default, 4096.
        QCOMPARE(core::loadModelConfig(writeConfig(full.toJson())).slidingWindow, int64_t(0));
        j.erase("sliding_window");
        QCOMPARE(core::loadModelConfig(writeConfig(j)).slidingWindow, int64_t(4096));
    }

    void qwen2SlidesFromMaxWindowLayersOrLayerTypes()
    {
        // transformers: with use_sliding_window, layer i slides when i >= max_window_layers (default 28), unless
        // config.json lists layer_types itself.
        auto j = llamaJson();
        j["architectures"] = {"Qwen2ForCausalLM"};
        j["model_type"] = "qwen2";
        j["num_hidden_layers"] = 3;
        j["use_sliding_window"] = true;
        j["sliding_window"] = 24;
        j["max_window_layers"] = 1;
        const auto cfg = core::loadModelConfig(writeConfig(j));
        QCOMPARE(cfg.slidingWindowOf(0), int64_t(0));
        QCOMPARE(cfg.slidingWindowOf(1), int64_t(24));
        QCOMPARE(cfg.slidingWindowOf(2), int64_t(24));
        const auto back = core::loadModelConfig(writeConfig(cfg.toJson())); // written as layer_types
        QCOMPARE(back.slidingLayers, (std::vector<bool>{false, true, true}));
        j.erase("max_window_layers"); // 28 > 3 layers: no layer slides
        QCOMPARE(core::loadModelConfig(writeConfig(j)).slidingWindowOf(2), int64_t(0));
        j["layer_types"] = {"sliding_attention", "full_attention", "sliding_attention"};
        const auto listed = core::loadModelConfig(writeConfig(j));
        QCOMPARE(listed.slidingLayers, (std::vector<bool>{true, false, true}));
        // A model whose every layer slides is the plain case.
        j["layer_types"] = {"sliding_attention", "sliding_attention", "sliding_attention"};
        QVERIFY(core::loadModelConfig(writeConfig(j)).slidingLayers.empty());
        j["layer_types"] = {"sliding_attention", "full_attention"};
        const QString count = loadError(writeConfig(j));
        QVERIFY2(count.contains("layer_types") && count.contains("3 layers"), qPrintable(count));
        j["layer_types"] = {"sliding_attention", "full_attention", "chunked_attention"};
        const QString kind = loadError(writeConfig(j));
        QVERIFY2(kind.contains("chunked_attention"), qPrintable(kind));
    }

    void eosTokenIdList()
    {
        auto j = llamaJson();
        j["eos_token_id"] = {128001, 128008, 128009};
        j["pad_token_id"] = nullptr;
        const auto cfg = core::loadModelConfig(writeConfig(j));
        QCOMPARE(cfg.eosTokenId, int64_t(128001));
        QCOMPARE(cfg.padTokenId, int64_t(-1));
    }

    void toJsonRoundTrips()
    {
        for (const char* arch : {"LlamaForCausalLM", "MistralForCausalLM", "Qwen2ForCausalLM"}) {
            auto j = llamaJson();
            j["architectures"] = {arch};
            j.erase("model_type");
            j["rope_scaling"] = {{"rope_type", "llama3"}, {"factor", 8.0}, {"low_freq_factor", 1.0},
                                 {"high_freq_factor", 4.0}, {"original_max_position_embeddings", 64}};
            j["sliding_window"] = 24;
            if (std::string(arch) == "Qwen2ForCausalLM")
                j["use_sliding_window"] = true;
            const auto a = core::loadModelConfig(writeConfig(j));
            const auto b = core::loadModelConfig(writeConfig(a.toJson()));
            QCOMPARE(QString::fromStdString(b.architecture), QString(arch));
            QCOMPARE(b.modelType, a.modelType);
            QCOMPARE(b.vocabSize, a.vocabSize);
            QCOMPARE(b.numKeyValueHeads, a.numKeyValueHeads);
            QCOMPARE(b.headDim, a.headDim);
            QCOMPARE(b.qkvBias, a.qkvBias);
            QCOMPARE(b.oBias, a.oBias);
            QCOMPARE(b.tieWordEmbeddings, a.tieWordEmbeddings);
            QCOMPARE(b.slidingWindow, a.slidingWindow);
            QCOMPARE(b.slidingWindow, int64_t(24));
            QVERIFY(b.ropeScaling.has_value());
            QCOMPARE(b.ropeScaling->originalMaxPositionEmbeddings, int64_t(64));
            QCOMPARE(b.ropeTheta, a.ropeTheta);
            QCOMPARE(b.eosTokenId, a.eosTokenId);
        }
    }

    // Phi-3 (and Phi-4-mini, same class): fused projections, longrope under its old name "su" with the pretraining
    // length at the top level, partial rotation, residual dropout; toJson writes what reads back the same.
    void phi3LongropeAndPartialRotation()
    {
        auto j = llamaJson();
        j["architectures"] = {"Phi3ForCausalLM"};
        j.erase("model_type");
        j["max_position_embeddings"] = 128;
        j["original_max_position_embeddings"] = 16;
        j["partial_rotary_factor"] = 0.75; // 6 of the 8 dims of each head rotate
        j["rope_scaling"] = {{"type", "su"}, {"short_factor", {1.0, 1.1, 1.2}}, {"long_factor", {1.0, 2.0, 4.0}}};
        j["resid_pdrop"] = 0.1;
        j["sliding_window"] = 64;
        const auto a = core::loadModelConfig(writeConfig(j));
        QCOMPARE(QString::fromStdString(a.modelType), QString("phi3"));
        QVERIFY(a.fusedProjections);
        QVERIFY(!a.qkvBias && !a.oBias && !a.mlpBias);
        QCOMPARE(a.rotaryDim, int64_t(6));
        QCOMPARE(a.residualDropout, 0.1);
        QCOMPARE(a.slidingWindow, int64_t(64));
        QVERIFY(a.ropeScaling.has_value());
        QCOMPARE(QString::fromStdString(a.ropeScaling->type), QString("longrope"));
        QCOMPARE(a.ropeScaling->originalMaxPositionEmbeddings, int64_t(16));
        QCOMPARE(a.ropeScaling->factor, 8.0); // 128 / 16, transformers' default for Phi-3
        QCOMPARE(a.ropeScaling->longFactor, (std::vector<double>{1.0, 2.0, 4.0}));
        const auto b = core::loadModelConfig(writeConfig(a.toJson()));
        QVERIFY(b.fusedProjections);
        QCOMPARE(b.rotaryDim, a.rotaryDim);
        QCOMPARE(b.residualDropout, a.residualDropout);
        QCOMPARE(b.ropeScaling->type, a.ropeScaling->type);
        QCOMPARE(b.ropeScaling->shortFactor, a.ropeScaling->shortFactor);
        QCOMPARE(b.ropeScaling->longFactor, a.ropeScaling->longFactor);
        QCOMPARE(b.ropeScaling->originalMaxPositionEmbeddings, a.ropeScaling->originalMaxPositionEmbeddings);
        QCOMPARE(b.ropeScaling->factor, a.ropeScaling->factor);
    }

    // ---- bad input: each names config.json and the problem ----

    void longropeFactorsMustFitTheRotatingDims()
    {
        auto j = llamaJson();
        j["architectures"] = {"Phi3ForCausalLM"};
        j.erase("model_type");
        j["rope_scaling"] = {{"type", "longrope"}, {"short_factor", {1.0, 1.1, 1.2, 1.3}}, {"long_factor", {1.0, 2.0}}};
        EXPECT_ERROR(writeConfig(j), "long_factor", "has 2 numbers", "needs 4");
        j["rope_scaling"] = {{"type", "longrope"}, {"long_factor", {1.0, 2.0, 3.0, 4.0}}};
        EXPECT_ERROR(writeConfig(j), "short_factor", "list of 4 numbers");
        j["rope_scaling"] = nullptr;
        j["partial_rotary_factor"] = 1.5;
        EXPECT_ERROR(writeConfig(j), "partial_rotary_factor", "(0, 1]");
    }


    void missingConfigJson()
    {
        const std::string dir = m_dir.filePath("empty-model").toStdString();
        QDir().mkpath(QString::fromStdString(dir));
        EXPECT_ERROR(dir, "not found");
    }

    void missingDirectory()
    {
        const std::string dir = m_dir.filePath("no-such-model").toStdString();
        const QString message = loadError(dir);
        QVERIFY(message.contains(QString::fromStdString(dir)));
        QVERIFY(message.contains("not found"));
    }

    void nonJsonConfig()
    {
        const std::string dir = writeConfigText("{\"architectures\": [\"LlamaForCausalLM\"],\n  \"vocab_size\": 96,,}");
        EXPECT_ERROR(dir, "not valid JSON", "line 2");
    }

    void configNotAnObject()
    {
        EXPECT_ERROR(writeConfigText("[1, 2, 3]"), "JSON object");
    }

    void unknownArchitectureListsSupported()
    {
        auto j = llamaJson();
        j["architectures"] = {"GPT2LMHeadModel"};
        EXPECT_ERROR(writeConfig(j), "GPT2LMHeadModel", "not supported", "LlamaForCausalLM", "MistralForCausalLM",
                     "Qwen2ForCausalLM");
    }

    void missingArchitectures()
    {
        auto j = llamaJson();
        j.erase("architectures");
        EXPECT_ERROR(writeConfig(j), "architectures", "LlamaForCausalLM");
    }

    void hiddenNotDivisibleByHeads()
    {
        auto j = llamaJson();
        j["num_attention_heads"] = 5;
        j["num_key_value_heads"] = 5;
        EXPECT_ERROR(writeConfig(j), "hidden_size (32)", "num_attention_heads (5)", "not divisible");
    }

    void headsNotMultipleOfKvHeads()
    {
        auto j = llamaJson();
        j["num_key_value_heads"] = 3;
        EXPECT_ERROR(writeConfig(j), "num_attention_heads (4)", "num_key_value_heads (3)");
    }

    void missingRequiredField()
    {
        for (const char* field : {"vocab_size", "hidden_size", "intermediate_size", "num_hidden_layers",
                                  "num_attention_heads"}) {
            auto j = llamaJson();
            j.erase(field);
            EXPECT_ERROR(writeConfig(j), field, "missing");
        }
    }

    void nonPositiveField()
    {
        auto j = llamaJson();
        j["num_hidden_layers"] = 0;
        EXPECT_ERROR(writeConfig(j), "num_hidden_layers", "positive");
        j = llamaJson();
        j["hidden_size"] = "32";
        EXPECT_ERROR(writeConfig(j), "hidden_size", "integer");
    }

    void unsupportedHiddenAct()
    {
        auto j = llamaJson();
        j["hidden_act"] = "gelu";
        EXPECT_ERROR(writeConfig(j), "hidden_act", "gelu", "not supported");
    }

    void unsupportedRopeType()
    {
        auto j = llamaJson();
        j["rope_scaling"] = {{"rope_type", "yarn"}, {"factor", 4.0}};
        EXPECT_ERROR(writeConfig(j), "yarn", "not supported", "llama3");

        j = llamaJson();
        j["rope_parameters"] = {{"rope_type", "dynamic"}, {"factor", 2.0}, {"rope_theta", 10000.0}};
        EXPECT_ERROR(writeConfig(j), "dynamic", "not supported");
    }

    void badRopeFactor()
    {
        auto j = llamaJson();
        j["rope_scaling"] = {{"rope_type", "linear"}, {"factor", -2.0}};
        EXPECT_ERROR(writeConfig(j), "factor");
    }

    void wrongFieldType()
    {
        auto j = llamaJson();
        j["tie_word_embeddings"] = "yes";
        EXPECT_ERROR(writeConfig(j), "tie_word_embeddings", "wrong type");
        j = llamaJson();
        j["eos_token_id"] = "</s>";
        EXPECT_ERROR(writeConfig(j), "eos_token_id");
    }
};

QTEST_APPLESS_MAIN(TestModelConfig)
#include "test_model_config.moc"
