#pragma once
// Shared by the CLI suites: runs the real lorawb binary (LORAWB_CLI_PATH) with a timeout, and builds the fixtures it
// needs in a temporary directory: a tiny random Llama model (config.json + model.safetensors), a sentencepiece
// tokenizer.model, Alpaca records and an experiment file.
#include "core/model/CausalLm.h"
#include "core/model/ModelLoader.h"
#include "core/tokenizer/SentencePieceTokenizer.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QtTest>

#include <fstream>

namespace clitest {

struct Result {
    bool finished = false; ///< ended by itself within the timeout (no hang)
    bool crashed = false;  ///< ended by a signal (abort, segfault)
    int exitCode = -1;
    QString out, err;

    // The last stdout line that is a JSON object (what --json prints).
    QJsonObject json() const
    {
        const QStringList lines = out.split('\n', Qt::SkipEmptyParts);
        for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
            const QJsonDocument doc = QJsonDocument::fromJson(it->toUtf8());
            if (doc.isObject())
                return doc.object();
        }
        return {};
    }
    QString describe() const
    {
        return QString("exit %1%2\n--- stdout ---\n%3\n--- stderr ---\n%4")
            .arg(exitCode)
            .arg(crashed ? " (crashed)" : finished ? "" : " (did not finish: hang)")
            .arg(out.left(3000), err.left(3000));
    }
};

inline Result runLorawb(const QStringList& args, int timeoutMs = 120000)
{
    QProcess process;
    process.setProgram(QStringLiteral(LORAWB_CLI_PATH));
    process.setArguments(args);
    process.start();
    Result result;
    if (!process.waitForStarted(20000))
        return result;
    process.closeWriteChannel(); // no command may wait for stdin
    result.finished = process.waitForFinished(timeoutMs);
    if (!result.finished) {
        process.kill();
        process.waitForFinished(5000);
    }
    result.crashed = process.exitStatus() == QProcess::CrashExit;
    result.exitCode = process.exitCode();
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

inline void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
    file.write(bytes);
}

inline core::ModelConfig tinyConfig()
{
    core::ModelConfig cfg;
    cfg.architecture = "LlamaForCausalLM";
    cfg.modelType = "llama";
    cfg.vocabSize = 320;
    cfg.hiddenSize = 32;
    cfg.intermediateSize = 64;
    cfg.numHiddenLayers = 2;
    cfg.numAttentionHeads = 4;
    cfg.numKeyValueHeads = 2;
    cfg.headDim = 8;
    cfg.maxPositionEmbeddings = 256;
    cfg.rmsNormEps = 1e-5;
    cfg.bosTokenId = 1;
    cfg.eosTokenId = 2;
    cfg.torchDtype = "float32";
    return cfg;
}

// Lines the tokenizer learns from; the Alpaca template's words are among them so prompts tokenize compactly.
inline void writeCorpus(const std::string& path)
{
    std::ofstream out(path);
    const char* lines[] = {"Below is an instruction that describes a task. Write a response that appropriately "
                           "completes the request.",
                           "### Instruction: ### Input: ### Response: paired with an input that provides further context.",
                           "the quick brown fox jumps over the lazy dog", "name the colour of the sky. it is blue.",
                           "what is two plus three? it is five.", "reverse the word cat: tac"};
    for (int i = 0; i < 300; ++i)
        out << lines[i % 6] << "\n";
}

// dir/config.json, dir/model.safetensors, dir/tokenizer.model (trained once into tokenizerModel).
inline void makeTinyModel(const QString& dir, const std::string& tokenizerModel)
{
    QVERIFY(QDir().mkpath(dir));
    core::CausalLm model(tinyConfig());
    core::initializeRandomWeights(model, /*seed=*/3);
    core::saveModelDirectory(model, dir.toStdString());
    QVERIFY(QFile::copy(QString::fromStdString(tokenizerModel), dir + "/tokenizer.model"));
}

inline std::string trainTokenizer(const QString& workDir)
{
    const std::string corpus = (workDir + "/corpus.txt").toStdString();
    writeCorpus(corpus);
    const std::string prefix = (workDir + "/tok").toStdString();
    core::trainSentencePiece("--input=" + corpus + " --model_prefix=" + prefix +
                             " --vocab_size=320 --model_type=bpe --byte_fallback=true --minloglevel=2");
    return prefix + ".model";
}

inline void writeRecords(const QString& path, int copies = 2)
{
    QByteArray text;
    const char* records[] = {
        R"({"instruction": "Name the colour of the sky.", "input": "", "output": "It is blue."})",
        R"({"instruction": "What is two plus three?", "input": "", "output": "It is five."})",
        R"({"instruction": "Reverse the word.", "input": "cat", "output": "tac"})",
        R"({"instruction": "Name the colour of the grass.", "input": "", "output": "It is green."})",
    };
    for (int c = 0; c < copies; ++c)
        for (const char* r : records)
            text += QByteArray(r) + "\n";
    writeFile(path, text);
}

// An experiment file; `extra` lines are appended to the lora / train sections through flow-style overrides in
// the tests themselves (--set), so the base stays valid.
inline QString experimentYaml(const QString& model, const QString& data, const QString& output,
                              const QString& loraLine = "{r: 4, lora_alpha: 8, lora_dropout: 0.0, bias: none, "
                                                        "target_modules: [q_proj, v_proj]}")
{
    return QString("model: %1\n"
                   "task_type: CAUSAL_LM\n"
                   "lora: %4\n"
                   "data: {path: %2, format: alpaca, validation_split: 0.25, max_length: 128}\n"
                   "train: {max_steps: 3, batch_size: 2, learning_rate: 1.0e-3, lr_scheduler: constant, "
                   "eval_every: 2, seed: 1, device: cpu}\n"
                   "output_dir: %3\n")
        .arg(model, data, output, loraLine);
}

} // namespace clitest
