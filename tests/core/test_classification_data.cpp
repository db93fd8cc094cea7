// data.format seq_cls: classification records to SEQ_CLS examples — the classes settled from task: and the labels
// (names, indices, lists, numbers), the tokens as transformers' tokenizer(text, text_pair) gives them for a LLaMA
// tokenizer, every bad input named with its record and fix — and the scores evaluation reports.
#include "common/ErrorCapture.h"
#include "core/data/ClassificationData.h"
#include "core/data/LabelValues.h"
#include "core/data/PreparedData.h"
#include "core/eval/ClassificationMetrics.h"
#include "core/model/SequenceClassification.h"
#include "core/tokenizer/Tokenizer.h"
#include "core/tokenizer/TokenizerLoader.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

namespace {

const std::string kDemoModel = std::string(LORAWB_SOURCE_DIR) + "/resources/demo/model";

std::vector<core::RawLabel> raw(const std::vector<std::string>& texts)
{
    std::vector<core::RawLabel> out;
    for (const auto& text : texts)
        out.push_back(core::parseRawLabel(text, "test"));
    return out;
}

} // namespace

class TestClassificationData : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::shared_ptr<const core::Tokenizer> m_tok;

    std::string write(const std::string& name, const std::string& text)
    {
        const std::string path = (m_dir.path() + "/").toStdString() + name;
        std::ofstream(path) << text;
        return path;
    }

    core::PreparedData prepare(const std::string& path, const core::TaskConfig& task = {}, int maxLength = 512)
    {
        core::DataConfig cfg;
        cfg.path = path;
        cfg.format = core::DataFormat::SeqCls;
        cfg.maxLength = maxLength;
        return core::prepareData(cfg, *m_tok, task);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_tok = core::loadTokenizer(kDemoModel);
    }

    void namesAreSortedAndIndicesKept()
    {
        const auto names = core::settleClassLabels({}, raw({"new", "old", "new"}), "f");
        QVERIFY(names.problemType == core::ProblemType::SingleLabel);
        QCOMPARE(names.names, (std::vector<std::string>{"new", "old"}));
        // Indices only: transformers' default names, as many classes as the largest index + 1 (or task.num_labels).
        const auto indices = core::settleClassLabels({}, raw({"0", "2", "2"}), "f");
        QCOMPARE(indices.names, (std::vector<std::string>{"LABEL_0", "LABEL_1", "LABEL_2"}));
        core::TaskConfig five;
        five.numLabels = 5;
        QCOMPARE(core::settleClassLabels(five, raw({"0", "2"}), "f").numLabels, 5);
        // task.labels gives names and order; a record may use the name or the index.
        core::TaskConfig named;
        named.labels = {"law", "prophets", "gospels"};
        const auto classes = core::settleClassLabels(named, raw({"gospels", "1"}), "f");
        QCOMPARE(core::labelTarget(classes, core::parseRawLabel("gospels", "r"), "r"), std::vector<float>{2});
        QCOMPARE(core::labelTarget(classes, core::parseRawLabel("1", "r"), "r"), std::vector<float>{1});
    }

    void listsMeanMultiLabelAndOneOutputMeansRegression()
    {
        const auto multi = core::settleClassLabels({}, raw({"[\"a\", \"c\"]", "b"}), "f");
        QVERIFY(multi.problemType == core::ProblemType::MultiLabel);
        QCOMPARE(core::labelTarget(multi, core::parseRawLabel("[\"a\",\"c\"]", "r"), "r"),
                 (std::vector<float>{1, 0, 1}));
        core::TaskConfig one;
        one.numLabels = 1;
        const auto regression = core::settleClassLabels(one, raw({"0.25", "3"}), "f");
        QVERIFY(regression.problemType == core::ProblemType::Regression);
        QCOMPARE(core::labelTarget(regression, core::parseRawLabel("0.25", "r"), "r"), std::vector<float>{0.25f});
    }

    void badLabelsNameTheRecordAndTheFix()
    {
        core::TaskConfig named;
        named.labels = {"law", "prophets"};
        testutil::expectError([&] { prepare(write("unknown.jsonl", "{\"text\": \"a\", \"label\": \"law\"}\n"
                                                                   "{\"text\": \"b\", \"label\": \"psalms\"}\n"), named); },
                              {"unknown.jsonl: record 2", "label 'psalms'", "not one of the classes (law, prophets)"});
        core::TaskConfig three;
        three.numLabels = 3;
        testutil::expectError([&] { prepare(write("outside.jsonl", "{\"text\": \"a\", \"label\": 0}\n"
                                                                   "{\"text\": \"b\", \"label\": 7}\n"), three); },
                              {"outside.jsonl", "go up to 7", "task.num_labels 3"});
        testutil::expectError([&] { prepare(write("one.jsonl", "{\"text\": \"a\", \"label\": \"x\"}\n"
                                                               "{\"text\": \"b\", \"label\": \"x\"}\n")); },
                              {"one.jsonl", "only one class (x)", "at least two"});
        testutil::expectError([&] { prepare(write("object.jsonl", "{\"text\": \"a\", \"label\": {\"k\": 1}}\n")); },
                              {"object.jsonl: record 1", "must be a class name, a class index, a list of them"});
        testutil::expectError([&] { prepare(write("nolabel.jsonl", "{\"text\": \"a\"}\n{\"text\": \"b\"}\n")); },
                              {"nolabel.jsonl", "'label'"});
        testutil::expectError([&] { prepare(write("empty.jsonl", "{\"text\": \"\", \"label\": \"a\"}\n"
                                                                 "{\"text\": \"b\", \"label\": \"c\"}\n")); },
                              {"empty.jsonl: record 1", "the text is empty"});
        core::TaskConfig regression;
        regression.numLabels = 1;
        testutil::expectError([&] { prepare(write("words.jsonl", "{\"text\": \"a\", \"label\": \"high\"}\n"), regression); },
                              {"words.jsonl: record 1", "regression needs a number", "'high'"});
        core::TaskConfig single;
        single.problemType = core::ProblemType::SingleLabel;
        testutil::expectError([&] { prepare(write("list.jsonl", "{\"text\": \"a\", \"label\": [\"x\", \"y\"]}\n"
                                                                "{\"text\": \"b\", \"label\": \"y\"}\n"), single); },
                              {"list.jsonl: record 1", "one label per record", "multi_label_classification"});
    }

    void oneClassWithNamedClassesTrainsWithAWarning()
    {
        core::TaskConfig named;
        named.labels = {"old", "new"};
        const auto data = prepare(write("onlyold.jsonl", "{\"text\": \"a\", \"label\": \"old\"}\n"
                                                         "{\"text\": \"b\", \"label\": \"old\"}\n"), named);
        QCOMPARE(data.train.size(), size_t(2));
        QCOMPARE(data.report.warnings.size(), size_t(1));
        QVERIFY(QString::fromStdString(data.report.warnings[0]).contains("every training record has the label 'old'"));
        const auto mixed = prepare(write("both.jsonl", "{\"text\": \"a\", \"label\": \"old\"}\n"
                                                       "{\"text\": \"b\", \"label\": \"new\"}\n"), named);
        QVERIFY(mixed.report.warnings.empty());
    }

    void csvAndColumnMappingWork()
    {
        core::DataConfig cfg;
        cfg.path = write("reviews.csv", "review,stars\n\"good, really\",pos\nbad,neg\n");
        cfg.format = core::DataFormat::SeqCls;
        cfg.columns = {{"review", "text"}, {"stars", "label"}};
        const core::PreparedData data = core::prepareData(cfg, *m_tok);
        QCOMPARE(data.train.size(), size_t(2));
        QCOMPARE(data.classes.names, (std::vector<std::string>{"neg", "pos"}));
        QCOMPARE(data.train[0].target, std::vector<float>{1});
        // A file without the fields says what it found and suggests a mapping.
        cfg.columns.clear();
        testutil::expectError([&] { core::prepareData(cfg, *m_tok); }, {"review", "'text'", "data.columns"});
    }

    void tokensAreThoseOfTheTokenizersPairTemplate()
    {
        // [BOS] + ids(text), then [BOS] + ids(text_pair); no EOS (the head reads the last text token).
        const core::Example e = core::tokenizeClassificationText("In the beginning", "God created", *m_tok, 0);
        std::vector<int64_t> want{m_tok->bosId()};
        for (int id : m_tok->encode("In the beginning"))
            want.push_back(id);
        want.push_back(m_tok->bosId());
        for (int id : m_tok->encode("God created"))
            want.push_back(id);
        QCOMPARE(e.inputIds, want);
        QVERIFY(std::all_of(e.labels.begin(), e.labels.end(), [](int64_t l) { return l == core::kIgnoreIndex; }));
        // longest_first: the longer side loses tokens from its end until the pair fits.
        const std::string longText = "and the earth was without form and void and darkness was upon the face";
        const core::Example cut = core::tokenizeClassificationText(longText, "of the deep", *m_tok, 8);
        QCOMPARE(cut.inputIds.size(), size_t(8));
        QVERIFY(cut.truncated);
        const auto pairIds = m_tok->encode("of the deep");
        QVERIFY(std::equal(pairIds.begin(), pairIds.end(), cut.inputIds.end() - static_cast<long>(pairIds.size())));
    }

    void missingPadTokenIsExplained()
    {
        QCOMPARE(core::classificationPadTokenId(5, 0, 1, 2), int64_t(5));
        QCOMPARE(core::classificationPadTokenId(-1, 0, 1, 2), int64_t(0));
        QCOMPARE(core::classificationPadTokenId(-1, -1, 1, 2), int64_t(1));
        testutil::expectError([] { core::classificationPadTokenId(-1, -1, -1, 2); },
                              {"needs a pad token id", "task.pad_token_id", "EOS id 2"});
    }

    void singleLabelScoresAsScikitLearn()
    {
        // y_true [0 0 1 1 2], y_pred [0 1 1 1 0]: accuracy 3/5; per-class F1 0.5, 0.8, 0 (class 2 never predicted
        // right); scikit-learn's f1_score(average="macro") = 1.3 / 3; confusion_matrix rows actual, columns predicted.
        const auto scores = core::scoreSingleLabel({0, 0, 1, 1, 2}, {0, 1, 1, 1, 0}, 3);
        QCOMPARE(scores.accuracy, 0.6);
        QVERIFY(std::abs(scores.macroF1 - 1.3 / 3) < 1e-12);
        QCOMPARE(scores.confusion, (std::vector<std::vector<int64_t>>{{1, 1, 0}, {0, 2, 0}, {1, 0, 0}}));
        // A class absent from both labels and predictions does not count (scikit-learn's labels=None).
        QCOMPARE(core::scoreSingleLabel({0, 1}, {0, 1}, 4).macroF1, 1.0);
    }
};

QTEST_GUILESS_MAIN(TestClassificationData)
#include "test_classification_data.moc"
