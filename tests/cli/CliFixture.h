#pragma once
// Shared by the CLI suites: runs the real lorawb binary (LORAWB_CLI_PATH) with a timeout, and builds the fixtures it
// needs in a temporary directory: a tiny random Llama model (config.json + model.safetensors), a sentencepiece
// tokenizer.model, Alpaca records and an experiment file.
#include "common/FileBytes.h"
#include "common/TinyModels.h"
#include "common/TinyTokenizer.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QtTest>

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

// The run history every lorawb started by a suite records into: a database of the suite's own in a temporary folder,
// never the user's (a suite that checks the history passes its own --db).
inline QString suiteDatabasePath()
{
    static QTemporaryDir dir;
    return dir.filePath(QStringLiteral("runs.sqlite"));
}

inline Result runLorawb(const QStringList& args, int timeoutMs = 120000)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LORAWB_DB"), suiteDatabasePath());
    process.setProcessEnvironment(env);
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

// resources/experiments/<name> copied into dir with its repository paths (model:, path:) made absolute, so that a
// suite runs the bundled demo from its own working folder. Empty when the file cannot be read or written.
inline QString absoluteDemoExperiment(const QString& name, const QString& dir)
{
    const QString source = QStringLiteral(LORAWB_SOURCE_DIR);
    QFile demo(source + "/resources/experiments/" + name);
    if (!demo.open(QIODevice::ReadOnly))
        return {};
    QString text = QString::fromUtf8(demo.readAll());
    text.replace(QRegularExpression("(model|path): resources/"), "\\1: " + source + "/resources/");
    const QString path = dir + "/" + name;
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(text.toUtf8()) < 0)
        return {};
    return path;
}

// lorawb train <experiment> --output <out> --set … (each of sets).
inline Result trainExperiment(const QString& experiment, const QString& out, const QStringList& sets,
                              int timeoutMs = 600000)
{
    QStringList args{"train", experiment, "--output", out};
    for (const QString& set : sets)
        args << "--set" << set;
    return runLorawb(args, timeoutMs);
}

// lorawb train <experiment> --output <out> --set … killed with SIGKILL once <out>/checkpoints/<checkpoint> exists,
// then the same command with --resume. killedMidRun: the kill landed while the run went on (not after its end) and
// left no adapter behind. Returns the resumed run.
inline Result killAtCheckpointThenResume(const QString& experiment, const QString& out, const QStringList& sets,
                                         const QString& checkpoint, bool& killedMidRun)
{
    QStringList args{"train", experiment, "--output", out};
    for (const QString& set : sets)
        args << "--set" << set;
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LORAWB_DB"), suiteDatabasePath());
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(LORAWB_CLI_PATH), args);
    killedMidRun = false;
    if (!process.waitForStarted(20000))
        return {};
    QElapsedTimer clock;
    clock.start();
    while (!QFileInfo::exists(out + "/checkpoints/" + checkpoint) && process.state() == QProcess::Running &&
           clock.elapsed() < 600000)
        process.waitForFinished(50);
    killedMidRun = process.state() == QProcess::Running;
    process.kill();
    process.waitForFinished(20000);
    killedMidRun = killedMidRun && !QFileInfo::exists(out + "/adapter/adapter_model.safetensors");
    return runLorawb(QStringList(args) << "--resume", 600000);
}

// Vocabulary 320 = the tokenizer's; 256 positions hold the Alpaca prompts (max_length 128). `lorawb info` reports the
// float32 written as torch_dtype.
inline core::ModelConfig tinyConfig()
{
    auto cfg = testutil::tinyConfig(/*vocabSize=*/320, /*maxPositions=*/256, /*intermediateSize=*/64);
    cfg.torchDtype = "float32";
    return cfg;
}

// A tokenizer trained in workDir; the Alpaca template's words are among its lines so prompts tokenize compactly.
inline std::string trainTokenizer(const QString& workDir)
{
    const std::vector<std::string> lines{
        "Below is an instruction that describes a task. Write a response that appropriately completes the request.",
        "### Instruction: ### Input: ### Response: paired with an input that provides further context.",
        "the quick brown fox jumps over the lazy dog", "name the colour of the sky. it is blue.",
        "what is two plus three? it is five.", "reverse the word cat: tac"};
    return testutil::trainTinyTokenizer(workDir, lines, 300, /*numbered=*/false, /*vocabSize=*/320,
                                        "--byte_fallback=true");
}

// dir/config.json, dir/model.safetensors, dir/tokenizer.model (trained once into tokenizerModel).
inline void makeTinyModel(const QString& dir, const std::string& tokenizerModel)
{
    testutil::saveModelWithTokenizer(*testutil::randomModel(tinyConfig(), /*seed=*/3), dir.toStdString(),
                                     tokenizerModel);
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
    testutil::writeBytes(path, text);
}

// The base of the CLI suites: what every one of them starts from, in a temporary directory.
class CliSuite : public QObject {
protected:
    QTemporaryDir m_dir;
    QString m_model;   ///< the tiny model directory, with its tokenizer
    QString m_records; ///< Alpaca records (JSON Lines)

    QString path(const QString& name) const { return m_dir.filePath(name); }

    // Call from initTestCase. LORAWB_TEST_KEEP=1 keeps the fixtures, to try lorawb on them by hand.
    void makeFixtures()
    {
        QVERIFY(m_dir.isValid());
        if (qEnvironmentVariableIsSet("LORAWB_TEST_KEEP")) {
            m_dir.setAutoRemove(false);
            qInfo() << "fixtures kept in" << m_dir.path();
        }
        m_model = path("model");
        makeTinyModel(m_model, trainTokenizer(m_dir.path()));
        m_records = path("records.jsonl");
        writeRecords(m_records);
    }
};

// A suite around one bundled demo experiment (resources/experiments/<name>), copied with absolute paths into the
// suite's temporary folder (the suite runs elsewhere): trains it there with --set overrides, and writes small files
// beside it.
class DemoExperimentSuite : public QObject {
protected:
    QTemporaryDir m_dir;
    QString m_experiment;

    // Call from initTestCase.
    void prepareDemo(const QString& experimentName)
    {
        QVERIFY(m_dir.isValid());
        m_experiment = absoluteDemoExperiment(experimentName, m_dir.path());
        QVERIFY(!m_experiment.isEmpty());
    }

    // Trains the demo into <folder>/<name>; returns that output folder.
    QString train(const QString& name, const QStringList& sets, Result* result = nullptr)
    {
        const QString out = m_dir.filePath(name);
        const Result r = trainExperiment(m_experiment, out, sets);
        if (result)
            *result = r;
        return out;
    }

    QString writeFile(const QString& name, const QByteArray& content)
    {
        QFile file(m_dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
            return {};
        return file.fileName();
    }

    // The demo trained with `sets` ends in exit 2 (no crash, no hang), and stderr says `expected`.
    void expectRefused(const QStringList& sets, const QString& expected)
    {
        Result run;
        train("refused", sets, &run);
        QVERIFY2(run.finished && !run.crashed && run.exitCode == 2, qPrintable(run.describe()));
        QVERIFY2(run.err.contains(expected), qPrintable(run.err));
    }
};

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
