// prepareData end to end (files → train/validation examples), statistics and the per-record preview, with a byte-level
// stand-in tokenizer so that lengths and ids are known exactly.
#include "common/ErrorCapture.h"
#include "common/FileBytes.h"
#include "core/data/DatasetReader.h"
#include "core/data/DatasetStats.h"
#include "core/data/ExampleBuilder.h"
#include "core/data/PreparedData.h"
#include "core/data/PromptTemplate.h"
#include "core/data/RecordPreview.h"
#include "core/tokenizer/Tokenizer.h"

#include <nlohmann/json.hpp>

#include <QTemporaryDir>
#include <QtTest>

#include <set>

namespace {

// ids: 1 <s>, 2 </s>, 3 + byte.
class ByteTokenizer : public core::Tokenizer {
public:
    std::vector<int> encode(const std::string& text) const override
    {
        std::vector<int> ids;
        for (unsigned char c : text)
            ids.push_back(3 + c);
        return ids;
    }
    std::string decode(const std::vector<int>& ids) const override
    {
        std::string text;
        for (int id : ids)
            if (id >= 3)
                text += static_cast<char>(id - 3);
        return text;
    }
    std::string idToPiece(int id) const override
    {
        return id == 1 ? "<s>" : id == 2 ? "</s>" : std::string(1, static_cast<char>(id - 3));
    }
    int vocabSize() const override { return 259; }
    int bosId() const override { return 1; }
    int eosId() const override { return 2; }
    int padId() const override { return -1; }
};

using testutil::errorOf;

std::set<int64_t> indicesOf(const std::vector<core::Example>& examples)
{
    std::set<int64_t> out;
    for (const auto& e : examples)
        out.insert(e.recordIndex);
    return out;
}

} // namespace

class TestDataPrepare : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    ByteTokenizer m_tok;

    std::string writeFile(const QString& name, const std::string& bytes)
    {
        return testutil::writeBytesIn(m_dir, name, bytes);
    }

    // n records; record i has an output of i % 7 + 1 characters and an input on every third.
    std::string writeRecords(const QString& name, int n)
    {
        std::string text;
        for (int i = 0; i < n; ++i)
            text += "{\"instruction\": \"task " + std::to_string(i) + "\", \"input\": \"" + (i % 3 ? "" : "in") +
                    "\", \"output\": \"" + std::string(size_t(i % 7 + 1), 'o') + "\"}\n";
        return writeFile(name, text);
    }

private Q_SLOTS:
    void splitsByRecordWithSeed()
    {
        core::DataConfig cfg;
        cfg.path = writeRecords("r.jsonl", 100);
        cfg.validationSplit = 0.1;
        const core::PreparedData data = core::prepareData(cfg, m_tok);
        QCOMPARE(data.train.size(), size_t(90));
        QCOMPARE(data.validation.size(), size_t(10));
        QCOMPARE(data.report.records, int64_t(100));
        std::set<int64_t> all = indicesOf(data.train);
        const std::set<int64_t> held = indicesOf(data.validation);
        all.insert(held.begin(), held.end());
        QCOMPARE(all.size(), size_t(100));
        // Each example is what tokenizeRecord makes of its record.
        const core::RecordSet records = core::readAlpacaRecords(cfg.path, cfg);
        const core::Example& first = data.validation.front();
        const core::Example expected = core::tokenizeRecord(
            core::PromptTemplate::alpaca().format(records.records[size_t(first.recordIndex)]), m_tok, false);
        QCOMPARE(first.inputIds, expected.inputIds);
        QCOMPARE(first.labels, expected.labels);
        // Same seed, same split, also with another max_length; another seed, another split.
        core::DataConfig shorter = cfg;
        size_t longest = 0;
        for (const auto& e : data.train)
            longest = std::max(longest, e.inputIds.size());
        shorter.maxLength = int(longest) - 2;
        const core::PreparedData cut = core::prepareData(shorter, m_tok);
        QVERIFY(cut.report.truncated > 0);
        QCOMPARE(indicesOf(cut.validation), held);
        core::DataConfig reseeded = cfg;
        reseeded.splitSeed = 7;
        QVERIFY(indicesOf(core::prepareData(reseeded, m_tok).validation) != held);
        QCOMPARE(core::validationIndices(100, 0.1, 42), core::validationIndices(100, 0.1, 42));
        QCOMPARE(core::validationIndices(5, 0.01, 1).size(), size_t(1)); // at least one
        QCOMPARE(core::validationIndices(2, 0.9, 1).size(), size_t(1));  // at least one left to train
    }

    void separateValidationFile()
    {
        core::DataConfig cfg;
        cfg.path = writeRecords("t.jsonl", 20);
        cfg.validationPath = writeFile("v.csv", "instruction,output\nx,y\nz,w\n");
        const core::PreparedData data = core::prepareData(cfg, m_tok);
        QCOMPARE(data.train.size(), size_t(20));
        QCOMPARE(data.validation.size(), size_t(2));
        QCOMPARE(data.validation[1].recordIndex, int64_t(1));
        QCOMPARE(data.report.records, int64_t(22));
    }

    void maxLengthPolicyIsCounted()
    {
        // Without input, the Alpaca prompt is 1 + 140 + len("task N") tokens; outputs are 1..7 long, + EOS.
        core::DataConfig cfg;
        cfg.path = writeRecords("m.jsonl", 30);
        const core::PreparedData full = core::prepareData(cfg, m_tok);
        QCOMPARE(full.report.truncated, int64_t(0));
        int64_t longest = 0;
        for (const auto& e : full.train)
            longest = std::max<int64_t>(longest, int64_t(e.inputIds.size()));
        cfg.maxLength = int(longest - 3);
        const core::PreparedData cut = core::prepareData(cfg, m_tok);
        QVERIFY(cut.report.truncated > 0);
        QCOMPARE(cut.report.dropped, int64_t(0));
        QCOMPARE(int64_t(cut.train.size()), int64_t(30));
        for (const auto& e : cut.train) {
            QVERIFY(int64_t(e.inputIds.size()) <= cfg.maxLength);
            QCOMPARE(e.truncated, int64_t(e.inputIds.size()) == cfg.maxLength && e.labels.back() != 2);
        }
        cfg.overlong = core::OverlongPolicy::Drop;
        const core::PreparedData dropped = core::prepareData(cfg, m_tok);
        QCOMPARE(dropped.report.dropped, cut.report.truncated);
        QCOMPARE(int64_t(dropped.train.size()), 30 - dropped.report.dropped);
        // Nothing left at all is an error that says what happened.
        cfg.maxLength = 20;
        const QString m = errorOf([&] { core::prepareData(cfg, m_tok); });
        VERIFY_CONTAINS(m, "no training example is left");
        VERIFY_CONTAINS(m, "30 dropped by data.max_length = 20");
    }

    void skippedRecordsAreReported()
    {
        core::DataConfig cfg;
        cfg.path = writeFile("s.jsonl", "{\"instruction\": \"a\", \"output\": \"b\"}\n{\"instruction\": 3}\n"
                                        "{\"instruction\": \"c\", \"output\": \"d\"}\n");
        VERIFY_CONTAINS(errorOf([&] { core::prepareData(cfg, m_tok); }), "record 2 (line 2)");
        cfg.skipInvalid = true;
        const core::PreparedData data = core::prepareData(cfg, m_tok);
        QCOMPARE(data.train.size(), size_t(2));
        QCOMPARE(data.train[1].recordIndex, int64_t(2));
        QCOMPARE(data.report.skipped, int64_t(1));
        QCOMPARE(data.report.firstSkipReasons.size(), size_t(1));
    }

    void userTemplateColumnsAndTrainOnPrompt()
    {
        core::DataConfig cfg;
        cfg.path = writeFile("u.csv", "q,a\nhi,yo\n");
        cfg.columns = {{"q", "instruction"}, {"a", "output"}};
        cfg.templateWithInput = "Q:{instruction} A:{output}!";
        const core::PreparedData data = core::prepareData(cfg, m_tok);
        const auto& e = data.train.at(0);
        QCOMPARE(QString::fromStdString(m_tok.decode({e.inputIds.begin(), e.inputIds.end()})), QString("Q:hi A:yo!"));
        QCOMPARE(core::trainedTokenCount(e), int64_t(4)); // "yo!" + EOS
        cfg.trainOnPrompt = true;
        QCOMPARE(core::trainedTokenCount(core::prepareData(cfg, m_tok).train.at(0)), int64_t(e.inputIds.size() - 1));
    }

    void textFormatCutsWindows()
    {
        core::DataConfig cfg;
        cfg.format = core::DataFormat::Text;
        cfg.path = writeFile("t.txt", "abcdefghij\r\nklmnopqrst"); // 21 chars after CRLF → LF, + BOS = 22 ids
        cfg.maxLength = 8;
        const core::PreparedData data = core::prepareData(cfg, m_tok);
        QCOMPARE(data.train.size(), size_t(3));
        QCOMPARE(data.train[0].inputIds.front(), int64_t(1));
        QCOMPARE(data.train[0].inputIds.size(), size_t(8));
        QCOMPARE(data.train[2].inputIds.size(), size_t(6));
        QCOMPARE(data.train[1].labels, data.train[1].inputIds);
        QCOMPARE(data.train[1].inputIds[3], int64_t(3 + '\n')); // BOS a…g | h i j \n k…
        cfg.validationSplit = 0.3;
        const core::PreparedData split = core::prepareData(cfg, m_tok);
        QCOMPARE(split.train.size() + split.validation.size(), size_t(3));
        QCOMPARE(split.validation.size(), size_t(1));
    }

    void statsDescribeLengthsAndTrainedShare()
    {
        std::vector<core::Example> examples;
        for (int n : {2, 4, 4, 6, 10, 30}) {
            core::Example e;
            e.inputIds.assign(size_t(n), 5);
            e.labels = e.inputIds;
            e.labels[0] = core::kIgnoreIndex;
            e.labels[1] = core::kIgnoreIndex; // one masked target per example
            examples.push_back(e);
        }
        core::DatasetReport report;
        report.records = 7;
        report.dropped = 1;
        const core::DatasetStats s = core::computeStats(examples, report, 4);
        QCOMPARE(s.examples, int64_t(6));
        QCOMPARE(s.minLength, int64_t(2));
        QCOMPARE(s.maxLength, int64_t(30));
        QCOMPARE(s.medianLength, 5.0);               // numpy.median([2, 4, 4, 6, 10, 30])
        QCOMPARE(s.p95Length, 25.0);                 // numpy.percentile(…, 95) = 10 + 0.75 * 20
        QCOMPARE(s.meanLength, 56.0 / 6.0);
        QCOMPARE(s.totalTokens, int64_t(56));
        QCOMPARE(s.trainedTokens, int64_t(56 - 12));
        QCOMPARE(s.trainedShare, 44.0 / 56.0);
        QCOMPARE(s.histogramEdges, (std::vector<int64_t>{2, 10, 18, 26, 34}));
        QCOMPARE(s.histogramCounts, (std::vector<int64_t>{4, 1, 0, 1}));
        QCOMPARE(s.records, int64_t(7));
        QCOMPARE(s.dropped, int64_t(1));
        const nlohmann::json j = core::toJson(s);
        QCOMPARE(j["length"]["p95"].get<double>(), 25.0);
        QCOMPARE(j["tokens"]["trained"].get<int64_t>(), int64_t(44));
        QVERIFY(QString::fromStdString(core::formatStats(s)).contains("median 5.0"));
        QCOMPARE(core::computeStats({}, report).examples, int64_t(0));
    }

    void previewShowsTokensAndTrainedFlags()
    {
        core::DataConfig cfg;
        cfg.templateWithInput = "Q:{instruction}\n";
        const core::AlpacaRecord record{"hi", "", "yo"};
        const core::RecordPreview p = core::previewRecord(record, 4, cfg, m_tok);
        QCOMPARE(p.recordIndex, int64_t(4));
        QCOMPARE(QString::fromStdString(p.prompt), QString("Q:hi\n"));
        QCOMPARE(QString::fromStdString(p.completion), QString("yo"));
        QCOMPARE(p.tokens.size(), size_t(9)); // <s> Q : h i \n y o </s>
        QCOMPARE(QString::fromStdString(p.tokens[0].piece), QString("<s>"));
        QCOMPARE(p.tokens[6].id, int64_t(3 + 'y'));
        QCOMPARE(QString::fromStdString(p.tokens[6].piece), QString("y"));
        for (size_t i = 0; i < p.tokens.size(); ++i)
            QCOMPARE(p.tokens[i].trained, i >= 6);
        QCOMPARE(p.trainedTokens, int64_t(3));
        QVERIFY(!p.truncated && !p.dropped);
        const nlohmann::json j = core::toJson(p);
        QCOMPARE(j["text"].get<std::string>(), std::string("Q:hi\nyo"));
        QCOMPARE(j["tokens"][8]["piece"].get<std::string>(), std::string("</s>"));
        QVERIFY(QString::fromStdString(core::formatPreview(p)).contains("</s>"));
        // max_length shows in the preview as in training.
        cfg.maxLength = 8;
        const core::RecordPreview cut = core::previewRecord(record, 4, cfg, m_tok);
        QVERIFY(cut.truncated);
        QCOMPARE(cut.tokens.size(), size_t(8));
        QCOMPARE(cut.fullLength, int64_t(9));
        cfg.overlong = core::OverlongPolicy::Drop;
        const core::RecordPreview dropped = core::previewRecord(record, 4, cfg, m_tok);
        QVERIFY(dropped.dropped);
        QCOMPARE(dropped.tokens.size(), size_t(9));
        // Without a tokenizer: text only.
        QVERIFY(core::previewRecord(record, 0, cfg).tokens.empty());
    }

    void previewFileRecordFindsTheRecordOrSaysWhy()
    {
        core::DataConfig cfg;
        cfg.path = writeFile("p.jsonl", "{\"instruction\": \"a\", \"output\": \"b\"}\n{\"instruction\": \"c\"}\n"
                                        "{\"instruction\": \"d\", \"output\": \"e\"}\n");
        const core::RecordPreview p = core::previewFileRecord(cfg, 2, &m_tok);
        QCOMPARE(p.recordIndex, int64_t(2));
        QVERIFY(QString::fromStdString(p.prompt).contains("### Instruction:\nd\n"));
        QCOMPARE(QString::fromStdString(p.completion), QString("e"));
        QVERIFY(!p.tokens.empty());
        QVERIFY(core::previewFileRecord(cfg, 0, nullptr).tokens.empty());
        QVERIFY(QString::fromStdString(core::formatPreview(p)).startsWith("record 3 (index 2)"));
        const QString invalid = errorOf([&] { core::previewFileRecord(cfg, 1, &m_tok); });
        VERIFY_CONTAINS(invalid, "record 1 (record 2 counting from 1) is invalid");
        VERIFY_CONTAINS(invalid, "missing field 'output'");
        VERIFY_CONTAINS(errorOf([&] { core::previewFileRecord(cfg, 3, &m_tok); }), "the file has 3 records (0 to 2)");
        cfg.format = core::DataFormat::Text;
        cfg.path = writeFile("w.txt", "abcdefgh");
        cfg.maxLength = 4;
        const core::RecordPreview window = core::previewFileRecord(cfg, 1, &m_tok);
        QCOMPARE(QString::fromStdString(window.completion), QString("defg"));
        QCOMPARE(window.trainedTokens, int64_t(3));
        VERIFY_CONTAINS(errorOf([&] { core::previewFileRecord(cfg, 2, &m_tok); }),
                        "gives 2 windows"); // 9 ids: the 1-token tail is left out
    }
};

QTEST_APPLESS_MAIN(TestDataPrepare)
#include "test_data_prepare.moc"
