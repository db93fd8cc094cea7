#pragma once
// Fixtures for the UI suites, made in a temporary folder: a sentencepiece tokenizer, a tiny random Llama-style model
// saved as a Hugging Face directory (optionally with Qwen2-style q/k/v biases), and small Alpaca datasets.
#include "core/model/CausalLm.h"
#include "core/model/ModelLoader.h"
#include "core/tokenizer/SentencePieceTokenizer.h"
#include "ui/i18n/UiLanguage.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <string>

namespace fixture {

inline core::ModelConfig tinyConfig(bool qkvBias)
{
    core::ModelConfig c;
    c.architecture = qkvBias ? "Qwen2ForCausalLM" : "LlamaForCausalLM";
    c.modelType = qkvBias ? "qwen2" : "llama";
    c.vocabSize = 128;
    c.hiddenSize = 32;
    c.intermediateSize = 48;
    c.numHiddenLayers = 2;
    c.numAttentionHeads = 4;
    c.numKeyValueHeads = 2;
    c.headDim = 8;
    c.maxPositionEmbeddings = 256;
    c.rmsNormEps = 1e-5;
    c.qkvBias = qkvBias;
    c.bosTokenId = 1;
    c.eosTokenId = 2;
    return c;
}

class TinyWorkbench {
public:
    // Call once (initTestCase): QSettings go to the temporary folder, the tokenizer and both models are made.
    void setUp()
    {
        QVERIFY(m_dir.isValid());
        if (!qEnvironmentVariableIsEmpty("LORAWB_KEEP_FIXTURES")) { // for looking at the fixtures after a run
            m_dir.setAutoRemove(false);
            qInfo("fixtures kept in %s", qPrintable(m_dir.path()));
        }
        qputenv("XDG_CONFIG_HOME", m_dir.filePath("config").toUtf8());
        qputenv("XDG_DATA_HOME", m_dir.filePath("data").toUtf8());
        ui::applyUiLanguage(QStringLiteral("en")); // the English UI as the app shows it: plural forms included
        const std::string corpus = path("corpus.txt");
        {
            std::ofstream out(corpus);
            const char* lines[] = {
                "Below is an instruction that describes a task. Write a response that appropriately completes the "
                "request.",
                "### Instruction:", "### Response:", "### Input:",
                "Add one to the number 3", "Add one to the number 7", "the answer is 4", "the answer is 8",
                "all that glitters is not gold", "to be or not to be that is the question"};
            for (int i = 0; i < 300; ++i)
                out << lines[i % 10] << " " << i % 10 << "\n";
        }
        const std::string prefix = path("tok");
        core::trainSentencePiece("--input=" + corpus + " --model_prefix=" + prefix +
                                 " --vocab_size=96 --model_type=bpe --character_coverage=1.0 --minloglevel=2");
        makeModel(modelDir(), /*qkvBias=*/false);
        makeModel(qwenDir(), /*qkvBias=*/true);
        writeDataset(datasetPath(), 40);
        std::ofstream(path("corrupt.jsonl")) << "{\"instruction\": \"Add one to 3\", \"output\": \"4\"}\n"
                                             << "{\"instruction\": \"Add one to 5\", \"output\": \n";
    }

    std::string path(const std::string& name) const { return m_dir.filePath(QString::fromStdString(name)).toStdString(); }
    QString qpath(const std::string& name) const { return QString::fromStdString(path(name)); }
    std::string modelDir() const { return path("model"); }
    std::string qwenDir() const { return path("qwen"); }
    std::string datasetPath() const { return path("tasks.jsonl"); }
    std::string corruptPath() const { return path("corrupt.jsonl"); }

    void writeDataset(const std::string& file, int records) const
    {
        std::ofstream out(file);
        for (int i = 0; i < records; ++i) {
            const int n = i % 9;
            if (i % 3 == 0)
                out << "{\"instruction\": \"Add one to the number\", \"input\": \"" << n << "\", \"output\": \"the answer is "
                    << n + 1 << "\"}\n";
            else
                out << "{\"instruction\": \"Add one to the number " << n << "\", \"output\": \"the answer is " << n + 1
                    << "\"}\n";
        }
    }

    // A fresh CPU copy of a fixture model, with its tokenizer.
    static core::LoadedModel load(const std::string& dir)
    {
        core::LoadOptions options;
        options.device = "cpu";
        return core::loadModel(dir, options);
    }

private:
    void makeModel(const std::string& dir, bool qkvBias) const
    {
        std::filesystem::create_directories(dir);
        auto model = std::make_shared<core::CausalLm>(tinyConfig(qkvBias));
        core::initializeRandomWeights(*model, 7);
        core::saveModelDirectory(*model, dir);
        std::filesystem::copy_file(path("tok.model"), dir + "/tokenizer.model",
                                   std::filesystem::copy_options::overwrite_existing);
    }

    QTemporaryDir m_dir;
};

} // namespace fixture
