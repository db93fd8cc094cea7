// Chat datasets (data.format: messages): records read and checked, conversations rendered by a chat template, and
// the loss placed on the assistant's turns only (every turn with train_on_prompt) — on tokenizer.json files written by
// HF tokenizers (tests/data/reference/tokenizers) and on a sentencepiece model. Every bad record is named.
#include "common/ErrorCapture.h"
#include "common/FileBytes.h"
#include "common/TinyTokenizer.h"
#include "core/data/ChatExamples.h"
#include "core/data/ChatFormatter.h"
#include "core/data/ChatRecordReader.h"
#include "core/data/PreparedData.h"
#include "core/data/RecordPreview.h"
#include "core/tokenizer/HfTokenizer.h"
#include "core/tokenizer/SentencePieceTokenizer.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace {

const std::string kFixtures = std::string(LORAWB_TEST_DATA_DIR) + "/reference/tokenizers/";

const char* const kTwoTurns =
    R"({"messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Capital of France?"},)"
    R"( {"role": "assistant", "content": "Paris."}, {"role": "user", "content": "And of Italy?"},)"
    R"( {"role": "assistant", "content": "Rome."}]})";

// The text of the trained tokens, span by span (a new span where an untrained token interrupts).
std::vector<std::string> trainedSpans(const core::Example& e, const core::Tokenizer& tok)
{
    std::vector<std::string> spans;
    bool open = false;
    for (std::size_t i = 0; i < e.inputIds.size(); ++i) {
        const bool trained = e.labels[i] != core::kIgnoreIndex;
        if (trained && !open)
            spans.emplace_back();
        if (trained)
            tok.appendTokenText(static_cast<int>(e.inputIds[i]), spans.back());
        open = trained;
    }
    return spans;
}

core::ChatRecord record(const char* text) { return core::chatRecordFromJson(json::parse(text)); }

} // namespace

class TestChatData : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<core::HfTokenizer> m_qwen, m_llama3;
    std::unique_ptr<core::SentencePieceTokenizer> m_spm;

    std::string file(const std::string& name, const std::string& text)
    {
        const std::string path = m_dir.filePath(QString::fromStdString(name)).toStdString();
        testutil::writeBytes(path, text);
        return path;
    }
    core::DataConfig config(const std::string& path, const std::string& chatTemplate)
    {
        core::DataConfig cfg;
        cfg.path = path;
        cfg.format = core::DataFormat::Messages;
        cfg.chatTemplate = chatTemplate;
        cfg.maxLength = 512;
        cfg.tokenizeThreads = 1;
        return cfg;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_qwen = core::HfTokenizer::fromDirectory(kFixtures + "qwen2");
        m_llama3 = core::HfTokenizer::fromDirectory(kFixtures + "llama3");
        m_spm = core::SentencePieceTokenizer::fromFile(testutil::trainTinyTokenizer(
            m_dir.path(), testutil::proverbs(), 200, false, 320, "--byte_fallback=true"));
    }

    void chatmlTrainsTheAnswersAndTheirEndOfTurn()
    {
        const core::ChatFormatter chatml("{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + "
                                         "message['content'] + '<|im_end|>' + '\\n' }}{% endfor %}{% if "
                                         "add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}",
                                         "test", "", "<|im_end|>");
        const auto segments = chatml.segments(record(kTwoTurns));
        std::string all;
        for (const auto& s : segments)
            all += s.text;
        QCOMPARE(QString::fromStdString(all),
                 QString("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nCapital of France?<|im_end|>\n"
                         "<|im_start|>assistant\nParis.<|im_end|>\n<|im_start|>user\nAnd of Italy?<|im_end|>\n"
                         "<|im_start|>assistant\nRome.<|im_end|>\n"));
        const core::Example e = core::tokenizeConversation(segments, *m_qwen, false);
        const auto spans = trainedSpans(e, *m_qwen);
        QCOMPARE(spans.size(), std::size_t(2));
        QCOMPARE(QString::fromStdString(spans[0]), QString("Paris.<|im_end|>\n"));
        QCOMPARE(QString::fromStdString(spans[1]), QString("Rome.<|im_end|>\n"));
        // The special-token text is one id each, as HF tokenizers makes it.
        QCOMPARE(e.inputIds.front(), int64_t(m_qwen->tokenToId("<|im_start|>")));
        // Every turn trains with train_on_prompt.
        const core::Example all_ = core::tokenizeConversation(segments, *m_qwen, true);
        QCOMPARE(all_.inputIds, e.inputIds);
        for (std::size_t i = 0; i < all_.labels.size(); ++i)
            QCOMPARE(all_.labels[i], all_.inputIds[i]);
    }

    void builtinTemplatesMaskByTurn_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("firstAnswer"); // what the first answer's trained span is
        QTest::newRow("chatml") << "chatml" << "Paris.<|im_end|>\n";
        QTest::newRow("llama3") << "llama3" << "Paris.<|eot_id|>";
        QTest::newRow("phi3") << "phi3" << "Paris.<|end|>\n";
        QTest::newRow("alpaca") << "alpaca" << "Paris.<|eot_id|>\n\n";
    }

    void builtinTemplatesMaskByTurn()
    {
        QFETCH(QString, name);
        QFETCH(QString, firstAnswer);
        const core::ChatFormatter formatter = core::ChatFormatter::forTokenizer(name.toStdString(), *m_llama3);
        const core::Example e = core::tokenizeConversation(formatter.segments(record(kTwoTurns)), *m_llama3, false);
        const auto spans = trainedSpans(e, *m_llama3);
        QCOMPARE(spans.size(), std::size_t(2));
        QCOMPARE(QString::fromStdString(spans[0]), firstAnswer);
        QVERIFY(QString::fromStdString(spans[1]).startsWith("Rome."));
        // No question text is ever trained.
        for (const auto& s : spans)
            QVERIFY(s.find("France") == std::string::npos && s.find("Italy") == std::string::npos);
    }

    void mistralTemplateOnSentencepieceWritesBosAsItsId()
    {
        const core::ChatFormatter mistral = core::ChatFormatter::forTokenizer("mistral", *m_spm);
        const core::Example e = core::tokenizeConversation(mistral.segments(record(kTwoTurns)), *m_spm, false);
        QCOMPARE(e.inputIds.front(), int64_t(m_spm->bosId()));
        // "</s>" after each answer is the EOS id, and trained.
        int trainedEos = 0;
        for (std::size_t i = 0; i < e.inputIds.size(); ++i)
            trainedEos += e.inputIds[i] == m_spm->eosId() && e.labels[i] != core::kIgnoreIndex;
        QCOMPARE(trainedEos, 2);
    }

    void modelsOwnTemplateOrAClearMessage()
    {
        QVERIFY(!m_llama3->chatTemplate().empty());
        const core::ChatFormatter own = core::ChatFormatter::forTokenizer("model", *m_llama3);
        QVERIFY(!own.segments(record(kTwoTurns)).empty());
        testutil::expectError([&] { core::ChatFormatter::forTokenizer("model", *m_spm); },
                              {"data.chat_template", "no chat template", "chatml"});
        testutil::expectError([&] { core::ChatFormatter::forTokenizer("vicuna", *m_spm); },
                              {"data.chat_template", "vicuna", "chatml", "llama3"});
    }

    void shareGptIsMappedOntoMessages()
    {
        const core::ChatRecord r = record(R"({"conversations": [{"from": "system", "value": "s"},
            {"from": "human", "value": "q"}, {"from": "gpt", "value": "a"}, {"from": "observation", "value": "o"},
            {"from": "function_call", "value": "f"}]})");
        QCOMPARE(r.messages.size(), std::size_t(5));
        QCOMPARE(QString::fromStdString(r.messages[1]["role"].get<std::string>()), QString("user"));
        QCOMPARE(QString::fromStdString(r.messages[2]["role"].get<std::string>()), QString("assistant"));
        QCOMPARE(QString::fromStdString(r.messages[3]["role"].get<std::string>()), QString("tool"));
        QCOMPARE(QString::fromStdString(r.messages[4]["role"].get<std::string>()), QString("assistant"));
    }

    void prepareDataSplitsAndMasks()
    {
        std::string lines;
        for (int i = 0; i < 10; ++i)
            lines += std::string(kTwoTurns) + "\n";
        core::DataConfig cfg = config(file("chat.jsonl", lines), "chatml");
        cfg.validationSplit = 0.2;
        const core::PreparedData data = core::prepareData(cfg, *m_qwen);
        QCOMPARE(data.train.size(), std::size_t(8));
        QCOMPARE(data.validation.size(), std::size_t(2));
        QCOMPARE(trainedSpans(data.train[0], *m_qwen).size(), std::size_t(2));
        // A JSON array reads the same.
        const core::PreparedData fromArray =
            core::prepareData(config(file("chat.json", "[" + std::string(kTwoTurns) + "]"), "chatml"), *m_qwen);
        QCOMPARE(fromArray.train[0].inputIds, data.train[0].inputIds);
    }

    void previewShowsWhatTrains()
    {
        const core::DataConfig cfg = config(file("preview.jsonl", std::string(kTwoTurns) + "\n"), "chatml");
        const core::RecordPreview p = core::previewFileRecord(cfg, 0, m_qwen.get());
        QVERIFY(p.prompt.find("Capital of France?") != std::string::npos);
        QVERIFY(p.completion.rfind("Paris.", 0) == 0);
        int trained = 0;
        for (const auto& t : p.tokens)
            trained += t.trained;
        QCOMPARE(int64_t(trained), p.trainedTokens);
        QVERIFY(trained > 0 && trained < static_cast<int>(p.tokens.size()));
    }

    void badRecordsAreNamed_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown role") << R"({"messages": [{"role": "bot", "content": "x"}]})" << "unknown role \"bot\"";
        QTest::newRow("content not a string")
            << R"({"messages": [{"role": "user", "content": 5}, {"role": "assistant", "content": "a"}]})"
            << "\"content\" must be a string";
        QTest::newRow("no assistant turn") << R"({"messages": [{"role": "user", "content": "q"}]})"
                                           << "no assistant turn";
        QTest::newRow("unknown sharegpt speaker")
            << R"({"conversations": [{"from": "robot", "value": "x"}]})" << "unknown \"from\": \"robot\"";
        QTest::newRow("no messages") << R"({"instruction": "x", "output": "y"})" << "data.format: alpaca";
        QTest::newRow("not json") << R"({"messages": [)" << "not valid JSON";
        // Found by fuzz_dataset: a number beyond a double's range is nlohmann's out_of_range, not a parse_error.
        QTest::newRow("number overflow") << R"({"messages": [], "weight": 8e88888})" << "number overflow";
    }

    void badRecordsAreNamed()
    {
        QFETCH(QString, line);
        QFETCH(QString, expected);
        const std::string path = file("bad.jsonl", std::string(kTwoTurns) + "\n" + line.toStdString() + "\n");
        testutil::expectError([&] { core::readChatRecords(path, config(path, "chatml")); },
                              {QString::fromStdString(path), "record 2", "line 2", expected});
        // skip_invalid skips it and counts it.
        core::DataConfig skipping = config(path, "chatml");
        skipping.skipInvalid = true;
        const core::ChatRecordSet set = core::readChatRecords(path, skipping);
        QCOMPARE(set.records.size(), std::size_t(1));
        QCOMPARE(set.report.skipped, int64_t(1));
    }

    void templateErrorNamesTheRecord()
    {
        // The mistral template has no tool role: its raise_exception message, with file and record.
        const std::string path = file("tool.jsonl", std::string(kTwoTurns) + "\n" +
                                                        R"({"messages": [{"role": "user", "content": "q"},)"
                                                        R"( {"role": "tool", "content": "t"},)"
                                                        R"( {"role": "assistant", "content": "a"}]})" "\n");
        testutil::expectError([&] { core::prepareData(config(path, "mistral"), *m_spm); },
                              {QString::fromStdString(path), "record 2", "user and assistant turns"});
    }

    void chatTemplateSettingIsChecked()
    {
        core::DataConfig cfg = config("x.jsonl", "vicuna");
        testutil::expectError([&] { cfg.validate(); }, {"data.chat_template", "vicuna", "chatml"});
        cfg.format = core::DataFormat::Alpaca;
        cfg.chatTemplate = "chatml";
        testutil::expectError([&] { cfg.validate(); }, {"data.chat_template", "data.format: messages"});
    }
};

QTEST_APPLESS_MAIN(TestChatData)
#include "test_chat_data.moc"
