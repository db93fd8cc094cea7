// data.format pairs: query / positive / negative records read from JSON Lines and CSV (other column names mapped by
// data.columns), each text tokenized as tokenizer(text) does, max_length applied to every text of a pair (truncate
// cuts, drop leaves the pair out), validation held out by record, and every bad record refused with its file, record
// and fix.
#include "common/ErrorCapture.h"
#include "core/data/ExampleBuilder.h"
#include "core/data/PairData.h"
#include "core/data/PreparedData.h"
#include "core/tokenizer/DefaultEncoding.h"
#include "core/tokenizer/Tokenizer.h"
#include "core/tokenizer/TokenizerLoader.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using testutil::expectError;

namespace {

const std::string kDemoModel = std::string(LORAWB_SOURCE_DIR) + "/resources/demo/model";

} // namespace

class TestPairData : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::shared_ptr<const core::Tokenizer> m_tok;

    std::string write(const std::string& name, const std::string& text)
    {
        const std::string path = (m_dir.path() + "/").toStdString() + name;
        std::ofstream(path) << text;
        return path;
    }

    core::DataConfig config(const std::string& path)
    {
        core::DataConfig cfg;
        cfg.path = path;
        cfg.format = core::DataFormat::Pairs;
        cfg.validationSplit = 0;
        return cfg;
    }

    std::vector<int64_t> ids(const std::string& text)
    {
        const auto encoded = core::encodeWithDefaultSpecialTokens(*m_tok, text);
        return {encoded.begin(), encoded.end()};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_tok = core::loadTokenizer(kDemoModel);
        QVERIFY(m_tok->bosId() >= 0);
    }

    void readsJsonLinesWithAndWithoutNegatives()
    {
        const auto path = write("p.jsonl", R"({"query": "In the beginning", "positive": "God created the heaven", "negative": "and the earth was void"}
{"query": "Let there be light", "positive": "and there was light"}
)");
        const core::PreparedData data = core::prepareData(config(path), *m_tok);
        QCOMPARE(data.train.size(), size_t(2));
        const core::Example& first = data.train[0];
        QCOMPARE(first.inputIds, ids("In the beginning"));
        QCOMPARE(first.inputIds.front(), int64_t(m_tok->bosId())); // tokenizer(text): BOS first
        QCOMPARE(first.positiveIds, ids("God created the heaven"));
        QCOMPARE(first.negativeIds, ids("and the earth was void"));
        QVERIFY(data.train[1].negativeIds.empty());
        QCOMPARE(first.labels.size(), first.inputIds.size());
        QVERIFY(std::all_of(first.labels.begin(), first.labels.end(),
                            [](int64_t l) { return l == core::kIgnoreIndex; }));
        QCOMPARE(core::lossItemCount(first), int64_t(1)); // one cross-entropy per query
        QVERIFY(data.classes.empty());
    }

    void readsCsvWithMappedColumnsAndHoldsOutRecords()
    {
        std::string csv = "anchor,pos\n";
        for (int i = 0; i < 10; ++i)
            csv += "question " + std::to_string(i) + ",answer " + std::to_string(i) + "\n";
        core::DataConfig cfg = config(write("p.csv", csv));
        cfg.columns = {{"anchor", "query"}, {"pos", "positive"}};
        cfg.validationSplit = 0.2;
        const core::PreparedData data = core::prepareData(cfg, *m_tok);
        QCOMPARE(data.train.size(), size_t(8));
        QCOMPARE(data.validation.size(), size_t(2));
        for (const auto* set : {&data.train, &data.validation})
            for (const core::Example& e : *set)
                QCOMPARE(e.positiveIds, ids("answer " + std::to_string(e.recordIndex)));
    }

    void maxLengthCutsOrDropsEveryText()
    {
        const auto path = write("long.jsonl", R"({"query": "a", "positive": "one two three four five six seven eight nine ten"}
{"query": "b", "positive": "c"}
)");
        core::DataConfig cfg = config(path);
        cfg.maxLength = 4;
        const core::PreparedData cut = core::prepareData(cfg, *m_tok);
        QCOMPARE(cut.train.size(), size_t(2));
        QCOMPARE(cut.train[0].positiveIds.size(), size_t(4));
        QVERIFY(cut.train[0].truncated);
        QCOMPARE(cut.report.truncated, int64_t(1));
        cfg.overlong = core::OverlongPolicy::Drop;
        const core::PreparedData dropped = core::prepareData(cfg, *m_tok);
        QCOMPARE(dropped.train.size(), size_t(1));
        QCOMPARE(dropped.report.dropped, int64_t(1));
        QCOMPARE(dropped.train[0].recordIndex, int64_t(1));
    }

    void onePairWarns()
    {
        const core::PreparedData data =
            core::prepareData(config(write("one.jsonl", R"({"query": "a", "positive": "b"})" "\n")), *m_tok);
        QCOMPARE(data.report.warnings.size(), size_t(1));
        QVERIFY(QString::fromStdString(data.report.warnings[0]).contains("in-batch"));
    }

    void badRecordsAreRefusedWithTheirPlace()
    {
        const auto same = write("same.jsonl", R"({"query": "a", "positive": "b"}
{"query": "x", "positive": "x"}
)");
        expectError([&] { core::prepareData(config(same), *m_tok); },
                    {"same.jsonl", "record 2", "the positive is the query itself"});
        const auto negative = write("neg.jsonl", R"({"query": "a", "positive": "b", "negative": "b"})" "\n");
        expectError([&] { core::prepareData(config(negative), *m_tok); },
                    {"neg.jsonl", "record 1", "the negative equals the positive"});
        const auto missing = write("missing.jsonl", R"({"query": "a", "document_text": "b"})" "\n");
        expectError([&] { core::prepareData(config(missing), *m_tok); }, {"missing.jsonl", "positive"});
        // An unknown column name in data.columns is refused with the fields the format has.
        core::DataConfig mapped = config(missing);
        mapped.columns = {{"document_text", "passage"}};
        expectError([&] { mapped.validate(); }, {"data.columns", "query"});
    }

    void evaluationReaderCutsAndCounts()
    {
        const auto path = write("eval.jsonl", R"({"query": "a", "positive": "one two three four five six"}
{"query": "b", "positive": "c", "negative": "d"}
)");
        core::DataConfig cfg = config(path);
        cfg.maxLength = 3;
        core::DatasetReport report;
        const auto examples = core::readPairExamples(cfg, *m_tok, report);
        QCOMPARE(examples.size(), size_t(2)); // evaluation cuts, it never drops
        QVERIFY(examples[0].truncated);
        QCOMPARE(examples[0].positiveIds.size(), size_t(3));
        QCOMPARE(report.records, int64_t(2));
    }
};

QTEST_GUILESS_MAIN(TestPairData)
#include "test_pair_data.moc"
