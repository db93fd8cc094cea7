// ModelLoader: a Hugging Face model directory built here (tiny random model + a trained tokenizer) loads back
// exactly, in every layout the loader accepts, and every kind of broken directory ends in a core::Error.
#include "core/common/Error.h"
#include "core/io/JsonFile.h"
#include "core/io/Safetensors.h"
#include "core/model/ModelLoader.h"
#include "core/tokenizer/SentencePieceTokenizer.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace {

core::ModelConfig tinyConfig(bool tied)
{
    core::ModelConfig c;
    c.architecture = "LlamaForCausalLM";
    c.modelType = "llama";
    c.vocabSize = 128;
    c.hiddenSize = 32;
    c.intermediateSize = 48;
    c.numHiddenLayers = 2;
    c.numAttentionHeads = 4;
    c.numKeyValueHeads = 2;
    c.headDim = 8;
    c.maxPositionEmbeddings = 64;
    c.rmsNormEps = 1e-5;
    c.tieWordEmbeddings = tied;
    c.bosTokenId = 1;
    c.eosTokenId = 2;
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

QString errorOf(const std::function<void()>& f)
{
    try {
        f();
    } catch (const core::Error& e) {
        return QString::fromStdString(e.what());
    }
    return QString();
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
        auto model = std::make_shared<core::CausalLm>(tinyConfig(tied));
        core::initializeRandomWeights(*model, seed);
        model->eval();
        core::saveModelDirectory(*model, dir);
        addTokenizer(dir);
        return model;
    }

    static core::LoadOptions cpu()
    {
        core::LoadOptions o;
        o.device = "cpu";
        return o;
    }

    static void writeConfig(const std::string& dir, const core::ModelConfig& cfg)
    {
        core::writeJsonFileAtomically(dir + "/config.json", cfg.toJson());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const std::string corpus = m_dir.filePath("corpus.txt").toStdString();
        std::ofstream out(corpus);
        const char* lines[] = {"the quick brown fox jumps over the lazy dog", "a stitch in time saves nine",
                               "to be or not to be that is the question", "all that glitters is not gold"};
        for (int i = 0; i < 200; ++i)
            out << lines[i % 4] << "\n";
        out.close();
        const std::string prefix = m_dir.filePath("tok").toStdString();
        // Smaller than the model's vocab_size (128), as a tokenizer must be.
        core::trainSentencePiece("--input=" + corpus + " --model_prefix=" + prefix +
                                 " --vocab_size=96 --model_type=bpe --character_coverage=1.0 --minloglevel=2");
        m_tokenizerPath = prefix + ".model";
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
        auto model = std::make_shared<core::CausalLm>(tinyConfig(false));
        core::initializeRandomWeights(*model, 11);
        model->eval();
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
            auto model = std::make_shared<core::CausalLm>(tinyConfig(false));
            core::initializeRandomWeights(*model, 5);
            model->eval();
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
        const QString message = errorOf([&] { core::loadModel(dir, cpu()); });
        QVERIFY2(!message.isEmpty(), "expected core::Error");
        QVERIFY2(message.contains(QString::fromStdString(dir + "/model.safetensors")), qPrintable(message));
        QVERIFY2(message.contains("model.layers.0.mlp.gate_proj.weight"), qPrintable(message));
        QVERIFY2(message.contains("[48, 32]"), qPrintable(message));
        QVERIFY2(message.contains("[64, 32]"), qPrintable(message));
        QVERIFY2(message.contains("config.json"), qPrintable(message));
    }

    void missingTensor()
    {
        const std::string dir = freshDir();
        auto model = std::make_shared<core::CausalLm>(tinyConfig(false));
        core::initializeRandomWeights(*model, 1);
        auto tensors = checkpointTensors(*model);
        tensors.erase(std::remove_if(tensors.begin(), tensors.end(),
                                     [](const auto& t) { return t.first == "model.layers.1.mlp.up_proj.weight"; }),
                      tensors.end());
        core::saveSafetensors(dir + "/model.safetensors", tensors);
        writeConfig(dir, model->config());
        addTokenizer(dir);
        const QString message = errorOf([&] { core::loadModel(dir, cpu()); });
        QVERIFY2(message.contains("model.layers.1.mlp.up_proj.weight"), qPrintable(message));
        QVERIFY2(message.contains("missing"), qPrintable(message));
        QVERIFY2(message.contains(QString::fromStdString(dir)), qPrintable(message));
    }

    void untiedConfigNeedsLmHead()
    {
        // Weights saved tied, config says untied: lm_head.weight is missing.
        const std::string dir = freshDir();
        savedModel(dir, /*tied=*/true);
        writeConfig(dir, tinyConfig(false));
        const QString message = errorOf([&] { core::loadModel(dir, cpu()); });
        QVERIFY2(message.contains("lm_head.weight"), qPrintable(message));
        QVERIFY2(message.contains("tie_word_embeddings"), qPrintable(message));
    }

    void missingTokenizer()
    {
        const std::string dir = freshDir();
        savedModel(dir, false);
        fs::remove(dir + "/tokenizer.model");
        const QString message = errorOf([&] { core::loadModel(dir, cpu()); });
        QVERIFY2(message.contains(QString::fromStdString(dir + "/tokenizer.model")), qPrintable(message));
        QVERIFY2(message.contains("not found"), qPrintable(message));
    }

    void corruptTokenizer()
    {
        const std::string dir = freshDir();
        savedModel(dir, false);
        std::ofstream(dir + "/tokenizer.model", std::ios::trunc) << "not a sentencepiece model \x01\x02\x03";
        const QString message = errorOf([&] { core::loadModel(dir, cpu()); });
        QVERIFY2(message.contains(QString::fromStdString(dir + "/tokenizer.model")), qPrintable(message));
        QVERIFY2(message.contains("not a valid sentencepiece model"), qPrintable(message));
    }

    void tokenizerLargerThanVocab()
    {
        const std::string dir = freshDir();
        auto cfg = tinyConfig(false);
        cfg.vocabSize = 64; // the tokenizer has 96 pieces
        auto model = std::make_shared<core::CausalLm>(cfg);
        core::initializeRandomWeights(*model, 1);
        core::saveModelDirectory(*model, dir);
        addTokenizer(dir);
        const QString message = errorOf([&] { core::loadModel(dir, cpu()); });
        QVERIFY2(message.contains("tokenizer.model"), qPrintable(message));
        QVERIFY2(message.contains("96"), qPrintable(message));
        QVERIFY2(message.contains("vocab_size"), qPrintable(message));
    }

    void pickleOnlyDirectoryRefused()
    {
        const std::string dir = freshDir();
        writeConfig(dir, tinyConfig(false));
        addTokenizer(dir);
        std::ofstream(dir + "/pytorch_model.bin") << "\x80\x02}q\x00.";
        const QString message = errorOf([&] { core::loadModel(dir, cpu()); });
        QVERIFY2(message.contains("pytorch_model.bin"), qPrintable(message));
        QVERIFY2(message.contains("pickle"), qPrintable(message));
        QVERIFY2(message.contains("safetensors"), qPrintable(message));
        QVERIFY2(message.contains(QString::fromStdString(dir)), qPrintable(message));
    }

    void noWeightsAtAll()
    {
        const std::string dir = freshDir();
        writeConfig(dir, tinyConfig(false));
        addTokenizer(dir);
        const QString message = errorOf([&] { core::loadModel(dir, cpu()); });
        QVERIFY2(message.contains(QString::fromStdString(dir)), qPrintable(message));
        QVERIFY2(message.contains("model.safetensors"), qPrintable(message));
    }

    void truncatedWeights()
    {
        const std::string dir = freshDir();
        savedModel(dir, false);
        const auto size = fs::file_size(dir + "/model.safetensors");
        fs::resize_file(dir + "/model.safetensors", size - 100);
        const QString message = errorOf([&] { core::loadModel(dir, cpu()); });
        QVERIFY2(message.contains(QString::fromStdString(dir + "/model.safetensors")), qPrintable(message));
    }

    void missingConfig()
    {
        const std::string dir = freshDir();
        savedModel(dir, false);
        fs::remove(dir + "/config.json");
        const QString message = errorOf([&] { core::loadModel(dir, cpu()); });
        QVERIFY2(message.contains(QString::fromStdString(dir + "/config.json")), qPrintable(message));
        QVERIFY2(message.contains("not found"), qPrintable(message));
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
