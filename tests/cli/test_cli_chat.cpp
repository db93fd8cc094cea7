// Chat data through the CLI, on model directories laid out as the Hub has Qwen2.5-Instruct and Llama-3.1-Instruct
// (tokenizer.json, tokenizer_config.json with its chat_template, config.json, random tiny weights): the preview shows
// what trains, a run trains on the assistant's turns, generate --chat continues the template's generation prompt,
// and bad chat records or a model without a template end in exit 2 with the file, record and fix.
#include "CliFixture.h"
#include "core/model/ModelLoader.h"
#include "core/tokenizer/HfTokenizer.h"

#include <QJsonArray>

#include <filesystem>

namespace fs = std::filesystem;

namespace {

const fs::path kFixtures = fs::path(LORAWB_TEST_DATA_DIR) / "reference" / "tokenizers";

const char* const kChats =
    R"({"messages": [{"role": "user", "content": "Name the colour of the sky."}, {"role": "assistant", "content": "It is blue."}]})"
    "\n"
    R"({"messages": [{"role": "system", "content": "Answer briefly."}, {"role": "user", "content": "Two plus three?"}, {"role": "assistant", "content": "Five."}, {"role": "user", "content": "And four?"}, {"role": "assistant", "content": "Seven."}]})"
    "\n"
    R"({"conversations": [{"from": "human", "value": "Reverse cat."}, {"from": "gpt", "value": "tac"}]})"
    "\n"
    R"({"messages": [{"role": "user", "content": "Name the colour of grass."}, {"role": "assistant", "content": "It is green."}]})"
    "\n";

} // namespace

class TestCliChat : public clitest::CliSuite {
    Q_OBJECT
private:
    QString m_chats;

    QString modelLike(const std::string& family)
    {
        const QString dir = path(QString::fromStdString(family + "_instruct"));
        const auto tok = core::HfTokenizer::fromDirectory((kFixtures / family).string());
        auto cfg = testutil::tinyConfig(tok->vocabSize(), 256, 64);
        cfg.torchDtype = "float32";
        fs::create_directories(dir.toStdString());
        core::saveModelDirectory(*testutil::randomModel(cfg, 9), dir.toStdString());
        for (const char* file : {"tokenizer.json", "tokenizer_config.json"})
            fs::copy_file(kFixtures / family / file, fs::path(dir.toStdString()) / file,
                          fs::copy_options::overwrite_existing);
        return dir;
    }

private Q_SLOTS:
    void initTestCase()
    {
        makeFixtures();
        m_chats = path("chats.jsonl");
        testutil::writeBytes(m_chats.toStdString(), kChats);
    }

    void previewShowsTheTemplateAndWhatTrains_data()
    {
        QTest::addColumn<QString>("family");
        QTest::addColumn<QString>("header"); // the model's own template at work
        QTest::newRow("Qwen2.5-like") << "qwen2" << "<|im_start|>system\n";
        QTest::newRow("Llama-3.1-like") << "llama3" << "<|start_header_id|>user<|end_header_id|>";
    }

    void previewShowsTheTemplateAndWhatTrains()
    {
        QFETCH(QString, family);
        QFETCH(QString, header);
        const QString model = modelLike(family.toStdString());
        const auto r = clitest::runLorawb(
            {"data", "preview", m_chats, "--model", model, "--format", "messages", "--index", "1", "--json"});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        const QJsonObject j = r.json();
        QVERIFY2(j.value("text").toString().contains(header), qPrintable(j.value("text").toString()));
        QVERIFY(j.value("completion").toString().startsWith("Five."));
        int trained = 0, untrained = 0;
        QString trainedText;
        for (const QJsonValue& t : j.value("tokens").toArray()) {
            if (t.toObject().value("trained").toBool()) {
                ++trained;
                trainedText += t.toObject().value("piece").toString();
            } else {
                ++untrained;
            }
        }
        QCOMPARE(trained, j.value("trained_tokens").toInt());
        QVERIFY(trained > 0 && untrained > trained);
        QVERIFY2(!trainedText.contains("three") && !trainedText.contains("four"), qPrintable(trainedText));
    }

    void statsTrainAndGenerateOnAQwenLikeModel()
    {
        const QString model = modelLike("qwen2");
        const auto stats = clitest::runLorawb({"data", "stats", m_chats, "--model", model, "--format", "messages", "--json"});
        QVERIFY2(stats.finished && stats.exitCode == 0, qPrintable(stats.describe()));
        const QString experiment = path("chat_train.yaml");
        testutil::writeBytes(experiment.toStdString(),
                             QString("model: %1\ntask_type: CAUSAL_LM\n"
                                     "lora: {r: 4, lora_alpha: 8, lora_dropout: 0.0, target_modules: [q_proj, v_proj]}\n"
                                     "data: {path: %2, format: messages, chat_template: model, validation_split: 0.25, "
                                     "max_length: 128}\n"
                                     "train: {max_steps: 2, batch_size: 2, learning_rate: 1.0e-3, eval_every: 2, "
                                     "seed: 1, device: cpu}\n"
                                     "output_dir: %3\n")
                                 .arg(model, m_chats, path("chat_run"))
                                 .toStdString());
        const auto train = clitest::runLorawb({"train", experiment, "--no-history"}, 300000);
        QVERIFY2(train.finished && train.exitCode == 0, qPrintable(train.describe()));
        QVERIFY(fs::is_regular_file(path("chat_run/adapter/adapter_model.safetensors").toStdString()));
        const auto gen = clitest::runLorawb({"generate", "--model", model, "--adapter", path("chat_run/adapter"),
                                             "--prompt", "Hello", "--chat", "--max-new-tokens", "3", "--json"});
        QVERIFY2(gen.finished && gen.exitCode == 0, qPrintable(gen.describe()));
        QVERIFY2(gen.json().value("prompt").toString().endsWith("<|im_start|>user\nHello<|im_end|>\n"
                                                                  "<|im_start|>assistant\n"),
                 qPrintable(gen.json().value("prompt").toString()));
    }

    void badChatRecordIsExit2NamingRecordAndRole()
    {
        const QString model = modelLike("qwen2");
        const QString bad = path("bad_chats.jsonl");
        testutil::writeBytes(bad.toStdString(), std::string(kChats) +
                                                    R"({"messages": [{"role": "narrator", "content": "x"}]})" "\n");
        const auto r = clitest::runLorawb({"data", "stats", bad, "--model", model, "--format", "messages"});
        QVERIFY2(r.finished && !r.crashed && r.exitCode == 2, qPrintable(r.describe()));
        QVERIFY2(r.err.contains("bad_chats.jsonl") && r.err.contains("record 5") && r.err.contains("narrator"),
                 qPrintable(r.err));
    }

    void modelWithoutTemplateNamesTheSetting()
    {
        // The suite's sentencepiece model has no tokenizer_config.json, so no chat template of its own.
        const auto r = clitest::runLorawb({"data", "preview", m_chats, "--model", m_model, "--format", "messages"});
        QVERIFY2(r.finished && r.exitCode == 2, qPrintable(r.describe()));
        QVERIFY2(r.err.contains("data.chat_template") && r.err.contains("chatml"), qPrintable(r.err));
        // A built-in template serves it.
        const auto ok = clitest::runLorawb(
            {"data", "preview", m_chats, "--model", m_model, "--format", "messages", "--chat-template", "mistral"});
        QVERIFY2(ok.finished && ok.exitCode == 0, qPrintable(ok.describe()));
        QVERIFY(ok.out.contains("[INST] Name the colour of the sky. [/INST]"));
    }
};

QTEST_GUILESS_MAIN(TestCliChat)
#include "test_cli_chat.moc"
