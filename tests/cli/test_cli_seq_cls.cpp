// SEQ_CLS through the CLI on the bundled demo model: `lorawb train` of resources/experiments/demo_testament.yaml (a
// score head on Old vs New Testament verses) writes a PEFT adapter with the head and the classes, the history gets
// eval_accuracy / eval_macro_f1, `lorawb eval` reports the head's scores with the confusion matrix, and every bad
// setting ends in exit 2 with the key and the fix.
#include "CliFixture.h"

#include "core/io/JsonFile.h"
#include "core/io/Safetensors.h"

#include <torch/torch.h>

#include <QFileInfo>
#include <QJsonArray>

namespace {

const QString kSource = QStringLiteral(LORAWB_SOURCE_DIR);
const QString kDemoModel = kSource + "/resources/demo/model";
const QString kTest = kSource + "/resources/demo/datasets/testament_test.jsonl";

} // namespace

class TestCliSeqCls : public clitest::DemoExperimentSuite {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { prepareDemo("demo_testament.yaml"); }

    void trainsSavesAndEvaluatesTheHead()
    {
        clitest::Result run;
        const QString out = train("testament", {"train.max_steps=60", "train.eval_every=30"}, &run);
        QVERIFY2(run.finished && !run.crashed && run.exitCode == 0, qPrintable(run.describe()));
        QVERIFY2((run.out + run.err).contains("task: single_label_classification with 2 output(s) (old, new)"),
                 qPrintable(run.describe()));
        // The untrained head is measured first (step 0), then at every eval point: the run's before and after.
        QVERIFY2(run.out.contains("eval at step 0: eval_loss"), qPrintable(run.out));
        QVERIFY2(run.out.contains("eval_accuracy"), qPrintable(run.out));

        const std::string adapter = (out + "/adapter").toStdString();
        const auto config = core::readJsonFile(adapter + "/adapter_config.json", "adapter config");
        QCOMPARE(config.at("task_type").get<std::string>(), std::string("SEQ_CLS"));
        QCOMPARE(config.at("modules_to_save"), nlohmann::json({"classifier", "score"})); // as PEFT writes them
        QCOMPARE(config.at("num_labels").get<int>(), 2);
        QCOMPARE(config.at("id2label"), nlohmann::json({{"0", "old"}, {"1", "new"}}));
        QCOMPARE(config.at("label2id"), nlohmann::json({{"old", 0}, {"new", 1}}));
        QCOMPARE(config.at("problem_type").get<std::string>(), std::string("single_label_classification"));
        const auto weights = core::SafetensorsFile::open(adapter + "/adapter_model.safetensors");
        QCOMPARE(weights->entry("base_model.model.score.weight").shape, (std::vector<int64_t>{2, 256}));

        const clitest::Result eval = clitest::runLorawb({"eval", "--model", kDemoModel, "--adapter", out + "/adapter",
                                                         "--data", kTest, "--json"});
        QVERIFY2(eval.exitCode == 0, qPrintable(eval.describe()));
        const QJsonObject scores = eval.json();
        QCOMPARE(scores["records"].toInt(), 278);
        QCOMPARE(scores["labels"].toArray(), QJsonArray({"old", "new"}));
        const QJsonArray confusion = scores["confusion_matrix"].toArray();
        QCOMPARE(confusion.size(), 2);
        int counted = 0, right = 0;
        for (int r = 0; r < 2; ++r)
            for (int c = 0; c < 2; ++c) {
                counted += confusion[r].toArray()[c].toInt();
                right += r == c ? confusion[r].toArray()[c].toInt() : 0;
            }
        QCOMPARE(counted, 278);
        QCOMPARE(scores["accuracy"].toDouble(), right / 278.0);
        // Both classes hold 139 test verses, so always answering one scores 0.5; sixty steps already beat that.
        QVERIFY2(scores["accuracy"].toDouble() > 0.6, qPrintable(eval.out));
        QVERIFY(scores["macro_f1"].toDouble() > 0.5);
    }

    void resumeAfterKillNineContinuesExactly()
    {
        // 30 steps straight; and 30 steps killed (SIGKILL) once the step-20 checkpoint exists, then --resume: the
        // same score head and adapter, bit for bit (the head's values and optimizer state are in the checkpoint).
        const QStringList sets{"train.max_steps=30", "train.eval_every=0", "train.save_every=10",
                               "data.validation_path="};
        clitest::Result straight;
        const QString a = train("straight", sets, &straight);
        QVERIFY2(straight.exitCode == 0, qPrintable(straight.describe()));

        const QString b = m_dir.filePath("killed");
        bool killedMidRun = false;
        const clitest::Result resumed =
            clitest::killAtCheckpointThenResume(m_experiment, b, sets, "step-000020", killedMidRun);
        QVERIFY2(killedMidRun, "the run ended before the kill; give it more steps");
        QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.describe()));
        QVERIFY2((resumed.out + resumed.err).contains("resumed from"), qPrintable(resumed.describe()));
        const auto one = core::SafetensorsFile::open((a + "/adapter/adapter_model.safetensors").toStdString());
        const auto two = core::SafetensorsFile::open((b + "/adapter/adapter_model.safetensors").toStdString());
        QCOMPARE(one->names(), two->names());
        for (const auto& name : one->names())
            QVERIFY2(torch::equal(one->tensor(name), two->tensor(name)), name.c_str());
    }

    void badSettingsAreRefusedWithTheFix_data()
    {
        QTest::addColumn<QStringList>("sets");
        QTest::addColumn<QString>("expected");
        QTest::newRow("format without task") << QStringList{"task_type=CAUSAL_LM", "task.labels=[]",
                                                            "task.pad_token_id=-1"}
                                             << "set task_type: SEQ_CLS";
        QTest::newRow("task without format") << QStringList{"data.format=alpaca"} << "data.format: seq_cls";
        QTest::newRow("label not in names") << QStringList{"task.labels=[old, newer]"}
                                            << "label 'new' is not one of the classes (old, newer)";
        QTest::newRow("num_labels disagrees") << QStringList{"task.num_labels=3"}
                                              << "task.num_labels is 3 but task.labels names 2";
        QTest::newRow("bad problem type") << QStringList{"task.problem_type=ordinal"} << "task.problem_type";
        QTest::newRow("pad outside vocabulary") << QStringList{"task.pad_token_id=99999"}
                                                << "is not a token of this model";
        QTest::newRow("full fine-tuning") << QStringList{"finetune=full"} << "use finetune: lora";
    }

    void badSettingsAreRefusedWithTheFix()
    {
        QFETCH(QStringList, sets);
        QFETCH(QString, expected);
        expectRefused(sets, expected);
    }

    void previewAndStatsShowTheRecordAsTheHeadReadsIt()
    {
        const QString data = kSource + "/resources/demo/datasets/testament_test.jsonl";
        const clitest::Result preview = clitest::runLorawb(
            {"data", "preview", data, "--format", "seq_cls", "--model", kDemoModel, "--index", "3", "--json"});
        QVERIFY2(preview.exitCode == 0, qPrintable(preview.describe()));
        const QJsonObject record = preview.json();
        QVERIFY(record["label"].toString() == "old" || record["label"].toString() == "new");
        const QJsonArray tokens = record["tokens"].toArray();
        QVERIFY(tokens.size() > 3);
        QCOMPARE(tokens.first().toObject()["piece"].toString(), QString("<s>"));
        int pooled = 0;
        for (const auto& t : tokens)
            pooled += t.toObject()["pooled"].toBool();
        QCOMPARE(pooled, 1);
        QVERIFY(tokens.last().toObject()["pooled"].toBool());

        const clitest::Result stats =
            clitest::runLorawb({"data", "stats", data, "--format", "seq_cls", "--model", kDemoModel, "--json"});
        QVERIFY2(stats.exitCode == 0, qPrintable(stats.describe()));
        const QJsonArray classes = stats.json()["classes"].toArray();
        QCOMPARE(classes.size(), 2);
        QCOMPARE(classes[0].toObject()["records"].toInt() + classes[1].toObject()["records"].toInt(), 278);
        QCOMPARE(classes[0].toObject()["records"].toInt(), 139);
    }

    void exportsThatWouldDropTheHeadAreRefused()
    {
        const QString adapter = m_dir.filePath("testament/adapter");
        const QList<QStringList> exports{
            {"export", "merged", "--model", kDemoModel, "--adapter", adapter, "--output", m_dir.filePath("merged")},
            {"export", "gguf", "--model", kDemoModel, "--adapter", adapter, "--output", m_dir.filePath("m.gguf")},
            {"export", "gguf-lora", "--model", kDemoModel, "--adapter", adapter, "--output", m_dir.filePath("a.gguf")}};
        for (const QStringList& args : exports) {
            const clitest::Result r = clitest::runLorawb(args);
            QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
            QVERIFY2(r.err.contains("task_type SEQ_CLS") && r.err.contains("AutoModelForSequenceClassification"),
                     qPrintable(r.err));
            QVERIFY(!QFileInfo::exists(args.at(args.indexOf("--output") + 1)));
        }
    }

    void evalNeedsClassificationRecords()
    {
        // The adapter of the first test: --text makes no sense for a classifier.
        const clitest::Result eval = clitest::runLorawb({"eval", "--model", kDemoModel, "--adapter",
                                                         m_dir.filePath("testament/adapter"), "--text", kTest});
        QCOMPARE(eval.exitCode, 2);
        QVERIFY2(eval.err.contains("give --data FILE"), qPrintable(eval.err));
    }
};

QTEST_GUILESS_MAIN(TestCliSeqCls)
#include "test_cli_seq_cls.moc"
