// A model directory laid out as the Hub has Llama 3.x, Qwen2.5 and Qwen3 (tokenizer.json + tokenizer_config.json, no
// tokenizer.model) through the CLI: `lorawb tokenize` gives HF tokenizers' ids (the committed fixtures), the data
// preview and a short training run work on it, and broken tokenizer files end in exit 2 naming the file.
#include "CliFixture.h"
#include "core/model/ModelLoader.h"
#include "core/tokenizer/HfTokenizer.h"

#include <nlohmann/json.hpp>

#include <QJsonArray>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const fs::path kFixtures = fs::path(LORAWB_TEST_DATA_DIR) / "reference" / "tokenizers";

std::vector<int> idsOf(const QJsonObject& object)
{
    std::vector<int> ids;
    for (const QJsonValue& v : object.value("ids").toArray())
        ids.push_back(v.toInt());
    return ids;
}

std::vector<json> fixtureCases(const std::string& family)
{
    std::vector<json> cases;
    std::ifstream in(kFixtures / family / "cases.jsonl");
    std::string line;
    while (std::getline(in, line))
        if (!line.empty())
            cases.push_back(json::parse(line));
    return cases;
}

} // namespace

class TestCliTokenize : public clitest::CliSuite {
    Q_OBJECT
private:
    // A tiny random model whose embeddings fit the family's tokenizer, with that tokenizer's two files.
    QString modelWithTokenizerJson(const std::string& family, int64_t extraVocab = 0, int64_t fewerVocab = 0)
    {
        static int made = 0;
        const QString dir = path(QString::fromStdString(family + "_model_" + std::to_string(++made)));
        const auto tok = core::HfTokenizer::fromDirectory((kFixtures / family).string());
        auto cfg = testutil::tinyConfig(tok->vocabSize() + extraVocab - fewerVocab, 256, 64);
        cfg.torchDtype = "float32";
        fs::create_directories(dir.toStdString());
        core::saveModelDirectory(*testutil::randomModel(cfg, 5), dir.toStdString());
        for (const char* file : {"tokenizer.json", "tokenizer_config.json"})
            fs::copy_file(kFixtures / family / file, fs::path(dir.toStdString()) / file);
        return dir;
    }

private Q_SLOTS:
    void initTestCase() { makeFixtures(); }

    void tokenizeGivesHfIds_data()
    {
        QTest::addColumn<QString>("family");
        for (const char* family : {"llama3", "qwen2", "llama2_spm"})
            QTest::newRow(family) << family;
    }

    void tokenizeGivesHfIds()
    {
        QFETCH(QString, family);
        const QString model = modelWithTokenizerJson(family.toStdString());
        const std::vector<json> cases = fixtureCases(family.toStdString());
        QVERIFY(cases.size() >= 10);
        int checked = 0;
        for (std::size_t i = 0; i < cases.size(); i += 4) {
            const std::string raw = cases[i].at("text").get<std::string>();
            // One command-line argument: no NUL, and no BOM (QProcess drops a leading U+FEFF on the way).
            if (raw.find('\0') != std::string::npos || raw.find("\xEF\xBB\xBF") != std::string::npos)
                continue;
            ++checked;
            const QString text = QString::fromStdString(raw);
            const auto with = clitest::runLorawb({"tokenize", "--model", model, "--text", text, "--json"});
            QVERIFY2(with.finished && with.exitCode == 0, qPrintable(with.describe()));
            QVERIFY2(idsOf(with.json()) == cases[i].at("ids_with_special").get<std::vector<int>>(),
                     qPrintable(text + "\n" + with.out));
            const auto without =
                clitest::runLorawb({"tokenize", "--model", model, "--text", text, "--no-special-tokens", "--json"});
            QVERIFY2(idsOf(without.json()) == cases[i].at("ids").get<std::vector<int>>(), qPrintable(text));
            QCOMPARE(without.json().value("pieces").toArray().size(), static_cast<int>(cases[i].at("ids").size()));
        }
        QVERIFY(checked >= 15);
    }

    void tokenizeFileGivesOneObjectPerLine()
    {
        const QString model = modelWithTokenizerJson("llama3");
        const QString file = path("lines.txt");
        testutil::writeBytes(file.toStdString(), "Hello world\n<|eot_id|>\r\n안녕하세요\n");
        const auto r = clitest::runLorawb({"tokenize", "--model", model, "--file", file, "--json"});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        const QStringList lines = r.out.split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        const auto tok = core::HfTokenizer::fromDirectory((kFixtures / "llama3").string());
        const QJsonObject second = QJsonDocument::fromJson(lines[1].toUtf8()).object();
        QCOMPARE(idsOf(second), tok->encodeWithSpecialTokens("<|eot_id|>"));
        QCOMPARE(second.value("pieces").toArray().last().toString(), QString("<|eot_id|>"));
    }

    void previewAndTrainOnATokenizerJsonModel()
    {
        const QString model = modelWithTokenizerJson("qwen2");
        const auto preview = clitest::runLorawb({"data", "preview", m_records, "--model", model, "--json"});
        QVERIFY2(preview.finished && preview.exitCode == 0, qPrintable(preview.describe()));
        const QString experiment = path("qwen_train.yaml");
        testutil::writeBytes(experiment.toStdString(),
                             clitest::experimentYaml(model, m_records, path("qwen_run")).toStdString());
        const auto train = clitest::runLorawb({"train", experiment, "--no-history"}, 300000);
        QVERIFY2(train.finished && train.exitCode == 0, qPrintable(train.describe()));
        QVERIFY(fs::is_regular_file(path("qwen_run/adapter/adapter_model.safetensors").toStdString()));
    }

    void brokenTokenizerJsonIsExit2NamingTheFile()
    {
        const QString model = modelWithTokenizerJson("llama3");
        testutil::writeBytes(model.toStdString() + "/tokenizer.json", "{\"model\": [1, 2");
        const auto r = clitest::runLorawb({"tokenize", "--model", model, "--text", "hi"});
        QVERIFY2(r.finished && !r.crashed && r.exitCode == 2, qPrintable(r.describe()));
        QVERIFY2(r.err.contains("tokenizer.json"), qPrintable(r.err));
    }

    void tokenizerLargerThanTheEmbeddingsIsExit2()
    {
        const QString model = modelWithTokenizerJson("llama3", 0, /*fewerVocab=*/10);
        const auto r = clitest::runLorawb({"eval", "--model", model, "--text", m_records});
        QVERIFY2(r.finished && !r.crashed && r.exitCode == 2, qPrintable(r.describe()));
        QVERIFY2(r.err.contains("tokenizer.json") && r.err.contains("vocab_size"), qPrintable(r.err));
    }

    void usageErrors()
    {
        const auto noInput = clitest::runLorawb({"tokenize", "--model", m_model});
        QCOMPARE(noInput.exitCode, 2);
        const auto noModel = clitest::runLorawb({"tokenize", "--model", path("missing"), "--text", "x"});
        QCOMPARE(noModel.exitCode, 2);
        QVERIFY(noModel.err.contains("missing"));
    }

    void sentencepieceModelsStillTokenize()
    {
        const auto r = clitest::runLorawb({"tokenize", "--model", m_model, "--text", "the quick fox", "--json"});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(idsOf(r.json()).front(), 1); // BOS, as LlamaTokenizer adds it
    }
};

QTEST_GUILESS_MAIN(TestCliTokenize)
#include "test_cli_tokenize.moc"
