// ModelLoader: a Hugging Face model directory built here (tiny random model + a trained tokenizer) loads back
// exactly, in every layout the loader accepts, and every kind of broken directory ends in a core::Error.
#include "common/ErrorCapture.h"
#include "common/FileBytes.h"
#include "common/TinyModels.h"
#include "common/TinyTokenizer.h"
#include "core/io/JsonFile.h"
#include "core/io/Safetensors.h"
#include "core/model/ModelLoader.h"
#include "core/tokenizer/SentencePieceTokenizer.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>

namespace fs = std::filesystem;
using testutil::errorOf;

namespace {

// Vocabulary 128: larger than the tokenizer's 96 pieces, as a model's must be, and covering fixedIds().
core::ModelConfig tinyConfig(bool tied)
{
    auto c = testutil::tinyConfig(/*vocabSize=*/128);
    c.tieWordEmbeddings = tied;
    return c;
}

// The tensors a checkpoint of `model` holds (a tied head is not stored, as transformers does).
std::vector<std::pair<std::string, at::Tensor>> checkpointTensors(core::CausalLm& model)
{
    std::vector<std::pair<std::string, at::Tensor>> out;
    for (const auto& item : model.named_parameters()) {
        if (model.config().tieWordEmbeddings && item.key() == "lm_head.weight")
            continue;
        out.emplace_back(item.key(), item.value().detach().clone());
    }
    return out;
}

torch::Tensor fixedIds()
{
    return torch::tensor({1, 5, 17, 99, 3, 64, 127, 8, 8, 42}, torch::kInt64).view({2, 5});
}

} // namespace

class TestModelLoader : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::string m_tokenizerPath;
    int m_counter = 0;

    std::string freshDir()
    {
        const std::string dir = m_dir.filePath(QString("m%1").arg(++m_counter)).toStdString();
        fs::create_directories(dir);
        return dir;
    }

    void addTokenizer(const std::string& dir) { fs::copy_file(m_tokenizerPath, dir + "/tokenizer.model"); }

    // A saved random model with its tokenizer; returns the in-memory model.
    std::shared_ptr<core::CausalLm> savedModel(const std::string& dir, bool tied, uint64_t seed = 3)
    {
        auto model = testutil::randomModel(tinyConfig(tied), seed);
        testutil::saveModelWithTokenizer(*model, dir, m_tokenizerPath);
        return model;
    }

    static core::LoadOptions cpu()
    {
        core::LoadOptions o;
        o.device = "cpu";
        return o;
    }

    // Loading dir on the CPU must fail with a message that contains every one of parts.
    static void expectLoadError(const std::string& dir, const QStringList& parts)
    {
        testutil::expectError([&] { core::loadModel(dir, cpu()); }, parts);
    }

    static void writeConfig(const std::string& dir, const core::ModelConfig& cfg)
    {
        core::writeJsonFileAtomically(dir + "/config.json", cfg.toJson());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // Smaller than the model's vocab_size (128), as a tokenizer must be.
        m_tokenizerPath = testutil::trainTinyTokenizer(m_dir.path(), testutil::proverbs(), 200, /*numbered=*/false,
                                                       /*vocabSize=*/96, "--character_coverage=1.0");
        QVERIFY(fs::is_regular_file(m_tokenizerPath));
    }

    void roundTripGivesIdenticalLogits()
    {
        const std::string dir = freshDir();
        auto original = savedModel(dir, /*tied=*/false);
        QVERIFY(fs::is_regular_file(dir + "/model.safetensors"));
        QVERIFY(fs::is_regular_file(dir + "/config.json"));

        const auto loaded = core::loadModel(dir, cpu());
        QVERIFY(loaded.model);
        QVERIFY(loaded.tokenizer);
        QCOMPARE(loaded.tokenizer->vocabSize(), 96);
        QVERIFY(loaded.device.is_cpu());
        QVERIFY(loaded.dtype == torch::kFloat);
        QCOMPARE(loaded.model->config().numKeyValueHeads, int64_t(2));
        QVERIFY(!loaded.model->is_training());
        for (const auto& p : loaded.model->parameters())
            QVERIFY(!p.requires_grad()); // a loaded base model is frozen

        torch::NoGradGuard noGrad;
        const auto expected = original->logits(fixedIds());
        const auto got = loaded.model->logits(fixedIds());
        QVERIFY(torch::equal(expected, got));
        // And the weights are really those of the file, not a coincidence of seeds.
        const auto savedFile = core::SafetensorsFile::open(dir + "/model.safetensors");
        QVERIFY(torch::equal(savedFile->tensor("model.layers.1.mlp.down_proj.weight"),
                             loaded.model->named_parameters()["model.layers.1.mlp.down_proj.weight"]));
    }

    void weightsOnlyLoadSkipsTokenizer()
    {
        const std::string dir = freshDir();
        savedModel(dir, false);
        fs::remove(dir + "/tokenizer.model");
        auto options = cpu();
        options.loadTokenizer = false;
        const auto loaded = core::loadModel(dir, options);
        QVERIFY(loaded.model);
        QVERIFY(!loaded.tokenizer);
    }

    void tiedEmbeddings()
    {
        const std::string dir = freshDir();
        auto original = savedModel(dir, /*tied=*/true);
        const auto file = core::SafetensorsFile::open(dir + "/model.safetensors");
        QVERIFY(!file->contains("lm_head.weight"));
        QVERIFY(file->contains("model.embed_tokens.weight"));
        QCOMPARE(file->metadata().at("format"), std::string("pt"));

        const auto loaded = core::loadModel(dir, cpu());
        auto& model = *loaded.model;
        QVERIFY(model.config().tieWordEmbeddings);
        QCOMPARE(model.linear("lm_head")->baseWeight().data_ptr(), model.stack()->embedTokens->weight.data_ptr());
        QVERIFY(torch::equal(model.linear("lm_head")->baseWeight(), file->tensor("model.embed_tokens.weight")));
        torch::NoGradGuard noGrad;
        QVERIFY(torch::equal(original->logits(fixedIds()), model.logits(fixedIds())));
    }

    void shardedCheckpoint()
    {
        const std::string dir = freshDir();
        auto model = testutil::randomModel(tinyConfig(false), 11);
        const auto tensors = checkpointTensors(*model);
        std::vector<std::pair<std::string, at::Tensor>> first, second;
        nlohmann::json weightMap = nlohmann::json::object();
        int64_t totalSize = 0;
        for (size_t i = 0; i < tensors.size(); ++i) {
            const bool inFirst = i < tensors.size() / 2;
            (inFirst ? first : second).push_back(tensors[i]);
            weightMap[tensors[i].first] = inFirst ? "model-00001-of-00002.safetensors" : "model-00002-of-00002.safetensors";
            totalSize += tensors[i].second.numel() * 4;
        }
        QVERIFY(!first.empty() && !second.empty());
        core::saveSafetensors(dir + "/model-00001-of-00002.safetensors", first, {{"format", "pt"}});
        core::saveSafetensors(dir + "/model-00002-of-00002.safetensors", second, {{"format", "pt"}});
        core::writeJsonFileAtomically(dir + "/model.safetensors.index.json",
                                      {{"metadata", {{"total_size", totalSize}}}, {"weight_map", weightMap}});
        writeConfig(dir, model->config());
        addTokenizer(dir);
        QVERIFY(!fs::exists(dir + "/model.safetensors"));

        const auto loaded = core::loadModel(dir, cpu());
        torch::NoGradGuard noGrad;
        QVERIFY(torch::equal(model->logits(fixedIds()), loaded.model->logits(fixedIds())));
    }

    void halfPrecisionCheckpointsLoad()
    {
        for (const auto dtype : {torch::kBFloat16, torch::kHalf}) {
            const std::string dir = freshDir();
            auto model = testutil::randomModel(tinyConfig(false), 5);
            auto tensors = checkpointTensors(*model);
            for (auto& [name, t] : tensors)
                t = t.to(dtype);
            core::saveSafetensors(dir + "/model.safetensors", tensors, {{"format", "pt"}});
            const auto stored = core::SafetensorsFile::open(dir + "/model.safetensors");
            QCOMPARE(stored->entry("model.norm.weight").dtype, std::string(dtype == torch::kBFloat16 ? "BF16" : "F16"));
            writeConfig(dir, model->config());
            addTokenizer(dir);

            // float32 load: every weight equals the stored half-precision value widened.
            const auto loaded = core::loadModel(dir, cpu());
            const auto params = loaded.model->named_parameters();
            for (const auto& [name, t] : tensors) {
                QVERIFY(params.find(name)->scalar_type() == torch::kFloat);
                QVERIFY2(torch::equal(*params.find(name), t.to(torch::kFloat)), name.c_str());
            }
            // The in-memory model rounded the same way gives the same logits.
            {
                torch::NoGradGuard noGrad;
                for (auto& item : model->named_parameters())
                    item.value().copy_(item.value().to(dtype).to(torch::kFloat));
                QVERIFY(torch::equal(model->logits(fixedIds()), loaded.model->logits(fixedIds())));
            }

            // Asked for in the stored precision, the weights stay in it.
            auto options = cpu();
            options.dtype = dtype == torch::kBFloat16 ? "bfloat16" : "float16";
            core::LoadedModel narrow;
            try {
                narrow = core::loadModel(dir, options);
            } catch (const core::Error& e) {
                // libtorch 1.13 has no float16 matmul on the CPU: refused up front, not at the first forward.
                QVERIFY(dtype == torch::kHalf);
                QVERIFY2(QString(e.what()).contains("float16 is not supported on the CPU"), e.what());
                continue;
            }
            QVERIFY(narrow.dtype == dtype);
            QVERIFY(narrow.model->named_parameters()["model.layers.0.self_attn.q_proj.weight"].scalar_type() == dtype);
            torch::NoGradGuard noGrad;
            const auto logits = narrow.model->logits(fixedIds());
            QVERIFY(logits.scalar_type() == torch::kFloat);
            QVERIFY(torch::isfinite(logits).all().item<bool>());
        }
    }

    void randomInitialisationFollowsTransformers()
    {
        // normal(0, 0.02) for weights, 1 for norms, 0 for biases; reproducible from the seed.
        auto cfg = tinyConfig(false);
        cfg.qkvBias = true;
        core::CausalLm a(cfg), b(cfg), c(cfg);
        core::initializeRandomWeights(a, 9);
        core::initializeRandomWeights(b, 9);
        core::initializeRandomWeights(c, 10);
        const auto pa = a.named_parameters(), pb = b.named_parameters(), pc = c.named_parameters();
        for (const auto& item : pa) {
            const auto& name = item.key();
            const auto& t = item.value();
            QVERIFY2(torch::equal(t, pb[name]), name.c_str());
            if (name.find("norm") != std::string::npos) {
                QVERIFY2(torch::equal(t, torch::ones_like(t)), name.c_str());
            } else if (name.find(".bias") != std::string::npos) {
                QVERIFY2(torch::equal(t, torch::zeros_like(t)), name.c_str());
            } else {
                QVERIFY2(!torch::equal(t, pc[name]), name.c_str());
                QVERIFY2(std::abs(t.std().item<double>() - 0.02) < 0.004, name.c_str());
                QVERIFY2(std::abs(t.mean().item<double>()) < 0.004, name.c_str());
            }
        }
    }

    // ---- bad input: each ends in core::Error naming the file and the problem ----

    void shapeDisagreesWithConfig()
    {
        const std::string dir = freshDir();
        savedModel(dir, false);
        auto cfg = tinyConfig(false);
        cfg.intermediateSize = 64; // the file has 48
        writeConfig(dir, cfg);
        expectLoadError(dir, {QString::fromStdString(dir + "/model.safetensors"), "model.layers.0.mlp.gate_proj.weight",
                              "[48, 32]", "[64, 32]", "config.json"});
    }

    void missingTensor()
    {
        const std::string dir = freshDir();
        auto model = testutil::randomModel(tinyConfig(false), 1);
        auto tensors = checkpointTensors(*model);
        tensors.erase(std::remove_if(tensors.begin(), tensors.end(),
                                     [](const auto& t) { return t.first == "model.layers.1.mlp.up_proj.weight"; }),
                      tensors.end());
        core::saveSafetensors(dir + "/model.safetensors", tensors);
        writeConfig(dir, model->config());
        addTokenizer(dir);
        expectLoadError(dir, {"model.layers.1.mlp.up_proj.weight", "missing", QString::fromStdString(dir)});
    }

    void untiedConfigNeedsLmHead()
    {
        // Weights saved tied, config says untied: lm_head.weight is missing.
        const std::string dir = freshDir();
        savedModel(dir, /*tied=*/true);
        writeConfig(dir, tinyConfig(false));
        expectLoadError(dir, {"lm_head.weight", "tie_word_embeddings"});
    }

    void missingTokenizer()
    {
        const std::string dir = freshDir();
        savedModel(dir, false);
        fs::remove(dir + "/tokenizer.model");
        // Neither tokenizer file: the message names the directory and both files it looked for.
        expectLoadError(dir, {QString::fromStdString(dir), "no tokenizer.json and no tokenizer.model"});
    }

    void corruptTokenizer()
    {
        const std::string dir = freshDir();
        savedModel(dir, false);
        testutil::writeBytes(dir + "/tokenizer.model", "not a sentencepiece model \x01\x02\x03");
        expectLoadError(dir, {QString::fromStdString(dir + "/tokenizer.model"), "not a valid sentencepiece model"});
    }

    void tokenizerLargerThanVocab()
    {
        const std::string dir = freshDir();
        auto cfg = tinyConfig(false);
        cfg.vocabSize = 64; // the tokenizer has 96 pieces
        testutil::saveModelWithTokenizer(*testutil::randomModel(cfg, 1), dir, m_tokenizerPath);
        expectLoadError(dir, {"tokenizer.model", "96", "vocab_size"});
    }

    void pickleOnlyDirectoryRefused()
    {
        const std::string dir = freshDir();
        writeConfig(dir, tinyConfig(false));
        addTokenizer(dir);
        testutil::writeBytes(dir + "/pytorch_model.bin", "\x80\x02}q\x00.");
        expectLoadError(dir, {"pytorch_model.bin", "pickle", "safetensors", QString::fromStdString(dir)});
    }

    void noWeightsAtAll()
    {
        const std::string dir = freshDir();
        writeConfig(dir, tinyConfig(false));
        addTokenizer(dir);
        expectLoadError(dir, {QString::fromStdString(dir), "model.safetensors"});
    }

    void truncatedWeights()
    {
        const std::string dir = freshDir();
        savedModel(dir, false);
        const auto size = fs::file_size(dir + "/model.safetensors");
        fs::resize_file(dir + "/model.safetensors", size - 100);
        expectLoadError(dir, {QString::fromStdString(dir + "/model.safetensors")});
    }

    void missingConfig()
    {
        const std::string dir = freshDir();
        savedModel(dir, false);
        fs::remove(dir + "/config.json");
        expectLoadError(dir, {QString::fromStdString(dir + "/config.json"), "not found"});
    }

    void cudaAskedForButAbsent()
    {
        if (torch::cuda::is_available())
            QSKIP("this machine has CUDA");
        const std::string dir = freshDir();
        savedModel(dir, false);
        core::LoadOptions options;
        options.device = "cuda";
        const QString message = errorOf([&] { core::loadModel(dir, options); });
        QVERIFY2(message.contains("CUDA is not available"), qPrintable(message));
        QVERIFY2(message.contains("cpu"), qPrintable(message)); // says what to use instead
        options.device = "cuda:1";
        QVERIFY(errorOf([&] { core::loadModel(dir, options); }).contains("CUDA is not available"));
    }

    void unknownDeviceAndDtype()
    {
        const std::string dir = freshDir();
        savedModel(dir, false);
        core::LoadOptions options;
        options.device = "tpu";
        QVERIFY(errorOf([&] { core::loadModel(dir, options); }).contains("tpu"));
        options = cpu();
        options.dtype = "float8";
        QVERIFY(errorOf([&] { core::loadModel(dir, options); }).contains("float8"));
    }
};

QTEST_APPLESS_MAIN(TestModelLoader)
#include "test_model_loader.moc"
