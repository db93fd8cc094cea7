// Bad input of every kind through the real lorawb binary: exit status 2, one message on stderr that names the file
// or field (and the fix), never a crash, an abort or a hang.
#include "CliFixture.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

using clitest::Result;
using clitest::runLorawb;

class TestCliBadInput : public clitest::CliSuite {
    Q_OBJECT
private:
    QString m_text;

    // A copy of the good model in a new directory, for one test to break.
    QString modelCopy(const QString& name)
    {
        const QString dir = path(name);
        QDir().mkpath(dir);
        for (const char* file : {"config.json", "model.safetensors", "tokenizer.model"})
            QFile::copy(m_model + "/" + file, dir + "/" + file);
        return dir;
    }

    static QByteArray readAll(const QString& file)
    {
        QFile f(file);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    // Exit 2, finished, no crash, exactly one "error:" message, containing every `needles` entry.
    static void expectBadInput(const Result& r, const QStringList& needles)
    {
        if (qEnvironmentVariableIsSet("LORAWB_TEST_VERBOSE")) // to read the messages themselves
            qInfo().noquote() << r.err.trimmed();
        QVERIFY2(r.finished, qPrintable("hang: " + r.describe()));
        QVERIFY2(!r.crashed, qPrintable(r.describe()));
        QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
        QVERIFY2(r.err.count("error:") == 1, qPrintable(r.describe()));
        QVERIFY2(!r.err.contains("terminate called"), qPrintable(r.describe()));
        for (const QString& needle : needles)
            QVERIFY2(r.err.contains(needle), qPrintable("expected '" + needle + "' in: " + r.err));
    }

    // Trains an experiment whose lora line (or a --set) is wrong.
    Result trainWith(const QString& name, const QString& loraLine, const QStringList& extra = {})
    {
        const QString yaml = path(name + ".yaml");
        testutil::writeBytes(yaml,
                             clitest::experimentYaml(m_model, m_records, path("runs/" + name), loraLine).toUtf8());
        return runLorawb(QStringList{"train", yaml} + extra);
    }

    static QString goodLora() { return "{r: 4, lora_alpha: 8, lora_dropout: 0.0, bias: none, target_modules: [q_proj]}"; }

private Q_SLOTS:
    void initTestCase()
    {
        makeFixtures();
        m_text = path("text.txt");
        testutil::writeBytes(m_text, "some text to score\n");
    }

    void missingModelDirectory()
    {
        expectBadInput(runLorawb({"info", path("no-such-model")}), {path("no-such-model"), "not found"});
        expectBadInput(runLorawb({"eval", "--model", path("no-such-model"), "--text", m_text}), {path("no-such-model")});
    }

    void missingConfigJson()
    {
        const QString dir = modelCopy("no-config");
        QFile::remove(dir + "/config.json");
        expectBadInput(runLorawb({"info", dir}), {dir + "/config.json", "not found"});
    }

    void configJsonThatIsNotJson()
    {
        const QString dir = modelCopy("bad-json");
        testutil::writeBytes(dir + "/config.json", "{\"architectures\": [\"LlamaForCausalLM\"], \"hidden_size\": ");
        expectBadInput(runLorawb({"info", dir}), {dir + "/config.json"});
    }

    void unknownArchitecture()
    {
        const QString dir = modelCopy("gpt2");
        QByteArray config = readAll(dir + "/config.json");
        config.replace("LlamaForCausalLM", "GPT2LMHeadModel");
        testutil::writeBytes(dir + "/config.json", config);
        expectBadInput(runLorawb({"info", dir}), {"GPT2LMHeadModel", "LlamaForCausalLM", "config.json"});
    }

    void headsThatDoNotDivide()
    {
        const QString dir = modelCopy("heads");
        QJsonObject config = QJsonDocument::fromJson(readAll(dir + "/config.json")).object();
        QCOMPARE(config["num_key_value_heads"].toInt(), 2);
        config["num_key_value_heads"] = 3; // 4 attention heads cannot share 3 key/value heads evenly
        testutil::writeBytes(dir + "/config.json", QJsonDocument(config).toJson());
        expectBadInput(runLorawb({"info", dir}), {"num_key_value_heads", "config.json"});
    }

    void corruptSafetensors()
    {
        const QString dir = modelCopy("corrupt-weights");
        QByteArray weights = readAll(dir + "/model.safetensors");
        testutil::writeBytes(dir + "/model.safetensors", weights.left(weights.size() / 2)); // truncated
        expectBadInput(runLorawb({"info", dir}), {"model.safetensors"});
        expectBadInput(runLorawb({"eval", "--model", dir, "--text", m_text}), {"model.safetensors"});
        testutil::writeBytes(dir + "/model.safetensors", "garbage, not a safetensors file at all");
        expectBadInput(runLorawb({"info", dir}), {"model.safetensors"});
    }

    void missingTokenizerModel()
    {
        const QString dir = modelCopy("no-tokenizer");
        QFile::remove(dir + "/tokenizer.model");
        expectBadInput(runLorawb({"eval", "--model", dir, "--text", m_text}), {"tokenizer.model"});
        expectBadInput(runLorawb({"generate", "--model", dir, "--prompt", "hi"}), {"tokenizer.model"});
        expectBadInput(runLorawb({"data", "stats", m_records, "--model", dir}), {"tokenizer.model"});
    }

    void corruptTokenizerModel()
    {
        const QString dir = modelCopy("bad-tokenizer");
        testutil::writeBytes(dir + "/tokenizer.model", "this is not a sentencepiece model \x01\x02");
        expectBadInput(runLorawb({"eval", "--model", dir, "--text", m_text}), {dir + "/tokenizer.model"});
    }

    void rankZero() { expectBadInput(trainWith("r0", "{r: 0, lora_alpha: 8, target_modules: [q_proj]}"), {"r"}); }

    void rankZeroBySet()
    {
        expectBadInput(trainWith("r0set", goodLora(), {"--set", "lora.r=0"}), {"lora.r"});
    }

    void alphaZero()
    {
        expectBadInput(trainWith("alpha0", "{r: 4, lora_alpha: 0, target_modules: [q_proj]}"), {"lora_alpha"});
    }

    void dropoutOutOfRange()
    {
        expectBadInput(trainWith("dropout", "{r: 4, lora_alpha: 8, lora_dropout: 1.5, target_modules: [q_proj]}"),
                       {"lora_dropout", "1.5"});
    }

    void unknownBias()
    {
        expectBadInput(trainWith("bias", "{r: 4, lora_alpha: 8, bias: bogus, target_modules: [q_proj]}"),
                       {"bias", "bogus", "lora_only"});
    }

    void unknownTaskType()
    {
        expectBadInput(trainWith("task", goodLora(), {"--set", "task_type=BOGUS"}), {"task_type", "BOGUS"});
    }

    void unknownTargetModule()
    {
        expectBadInput(trainWith("target", "{r: 4, lora_alpha: 8, target_modules: [q_proj, qq_proj]}"),
                       {"target_modules", "qq_proj", "down_proj"});
    }

    void unknownYamlKey()
    {
        expectBadInput(trainWith("key", "{r: 4, lora_alpha: 8, target_modules: [q_proj], lora_alhpa: 3}"),
                       {"lora_alhpa"});
        expectBadInput(trainWith("setkey", goodLora(), {"--set", "train.learnign_rate=0.1"}), {"learnign_rate"});
    }

    void missingExperimentFile()
    {
        expectBadInput(runLorawb({"train", path("nowhere.yaml")}), {path("nowhere.yaml")});
    }

    void emptyDataset()
    {
        const QString empty = path("empty.jsonl");
        testutil::writeBytes(empty, "");
        const QString yaml = path("empty.yaml");
        testutil::writeBytes(yaml, clitest::experimentYaml(m_model, empty, path("runs/empty")).toUtf8());
        expectBadInput(runLorawb({"train", yaml}), {empty});
        expectBadInput(runLorawb({"eval", "--model", m_model, "--data", empty}), {empty});
        expectBadInput(runLorawb({"data", "preview", empty}), {empty});
    }

    void emptyTextToEvaluate()
    {
        const QString empty = path("empty.txt");
        testutil::writeBytes(empty, "");
        expectBadInput(runLorawb({"eval", "--model", m_model, "--text", empty}), {empty});
    }

    void cudaAskedForOnACpuBuild()
    {
        const Result version = runLorawb({"--version"});
        QVERIFY2(version.exitCode == 0, qPrintable(version.describe()));
        if (version.out.contains("CUDA available"))
            QSKIP("this machine has CUDA");
        expectBadInput(runLorawb({"eval", "--model", m_model, "--text", m_text, "--device", "cuda"}),
                       {"--device", "CUDA is not available"});
        expectBadInput(runLorawb({"bench", "--config", "tiny", "--batch", "1", "--seq", "8", "--steps", "1",
                                  "--device", "cuda"}),
                       {"CUDA is not available"});
        expectBadInput(trainWith("cuda", goodLora(), {"--set", "train.device=cuda"}),
                       {"train.device", "CUDA is not available"});
    }

    void unknownCommandAndFlags()
    {
        expectBadInput(runLorawb({"frobnicate"}), {"unknown command 'frobnicate'"});
        expectBadInput(runLorawb({"--frobnicate"}), {"unknown option '--frobnicate'"});
        expectBadInput(runLorawb({"info", m_model, "--jsn"}), {"unknown option --jsn", "lorawb info --help"});
        expectBadInput(runLorawb({"eval", "--model", m_model}), {"--text or --data"});
        expectBadInput(runLorawb({"eval", "--model", m_model, "--text", m_text, "--data", m_records}),
                       {"only one of --text or --data"});
        expectBadInput(runLorawb({"eval", "--model"}), {"--model needs a value"});
        expectBadInput(runLorawb({"data", "peek", m_records}), {"unknown subcommand 'peek'"});
        expectBadInput(runLorawb({"info", m_model, "extra"}), {"unexpected argument 'extra'"});
    }

    void badNumbersNameTheOption()
    {
        expectBadInput(runLorawb({"bench", "--config", "tiny", "--batch", "two", "--seq", "8", "--steps", "1"}),
                       {"--batch", "two"});
        expectBadInput(runLorawb({"bench", "--config", "tiny", "--batch", "0", "--seq", "8", "--steps", "1"}),
                       {"--batch"});
        expectBadInput(runLorawb({"bench", "--config", "huge", "--batch", "1", "--seq", "8", "--steps", "1"}),
                       {"huge", "tinyllama-1.1b"});
        expectBadInput(runLorawb({"bench", "--config", "tiny", "--batch", "1", "--seq", "100000", "--steps", "1"}),
                       {"--seq", "max_position_embeddings"});
        expectBadInput(runLorawb({"generate", "--model", m_model, "--prompt", "hi", "--temperature", "-1"}),
                       {"--temperature"});
        expectBadInput(runLorawb({"generate", "--model", m_model, "--prompt", "hi", "--max-new-tokens", "0"}),
                       {"--max-new-tokens"});
        expectBadInput(runLorawb({"data", "preview", m_records, "--index", "99"}), {"no record 99", m_records});
    }

    void adapterDirectoryThatIsNotOne()
    {
        expectBadInput(runLorawb({"eval", "--model", m_model, "--adapter", path("no-adapter"), "--text", m_text}),
                       {path("no-adapter")});
    }

    void brokenDatasetNamesTheLine()
    {
        const QString broken = path("broken.jsonl");
        testutil::writeBytes(broken,
                             "{\"instruction\": \"a\", \"input\": \"\", \"output\": \"b\"}\n{\"instruction\": \n");
        // preview reaches past a bad record (record 1 is fine), but naming the bad one stops it, and stats stops too.
        expectBadInput(runLorawb({"data", "preview", broken, "--index", "1"}), {broken, "line 2"});
        expectBadInput(runLorawb({"data", "stats", broken, "--model", m_model}), {broken, "line 2"});
        expectBadInput(runLorawb({"eval", "--model", m_model, "--data", broken}), {broken});
    }
};

QTEST_APPLESS_MAIN(TestCliBadInput)
#include "test_cli_bad_input.moc"
