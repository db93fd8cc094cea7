// QUESTION_ANS through the CLI on the bundled demo model: `lorawb train` of resources/experiments/demo_places_qa.yaml
// (a qa_outputs head pointing at the first person or place a verse names, or at nothing) writes a PEFT adapter with
// the head under PEFT's keys, the history gets eval_exact_match / eval_f1 from step 0 on, `lorawb eval` reports the
// official SQuAD scores and writes the script's predictions file, `lorawb data preview / stats` show the answer as
// training targets it, and every bad setting or file ends in exit 2 with the key, the question and the fix.
#include "CliFixture.h"

#include "core/io/JsonFile.h"
#include "core/io/Safetensors.h"

#include <QFileInfo>
#include <QJsonArray>

namespace {

const QString kSource = QStringLiteral(LORAWB_SOURCE_DIR);
const QString kDemoModel = kSource + "/resources/demo/model";
const QString kTest = kSource + "/resources/demo/datasets/places_qa_test.json";

} // namespace

class TestCliQuestionAnswering : public clitest::DemoExperimentSuite {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { prepareDemo("demo_places_qa.yaml"); }

    void trainsSavesAndAnswers()
    {
        clitest::Result run;
        const QString out = train("qa", {"train.max_steps=120", "train.eval_every=60"}, &run);
        QVERIFY2(run.finished && !run.crashed && run.exitCode == 0, qPrintable(run.describe()));
        QVERIFY2((run.out + run.err).contains("task: extractive question answering"), qPrintable(run.describe()));
        QVERIFY2(run.out.contains("eval at step 0: eval_loss"), qPrintable(run.out));
        QVERIFY2(run.out.contains("eval_exact_match"), qPrintable(run.out));

        const std::string adapter = (out + "/adapter").toStdString();
        const auto config = core::readJsonFile(adapter + "/adapter_config.json", "adapter config");
        QCOMPARE(config.at("task_type").get<std::string>(), std::string("QUESTION_ANS"));
        QCOMPARE(config.at("modules_to_save"), nlohmann::json({"qa_outputs"})); // as PEFT writes it
        QVERIFY(!config.contains("num_labels"));
        const auto weights = core::SafetensorsFile::open(adapter + "/adapter_model.safetensors");
        QCOMPARE(weights->entry("base_model.model.qa_outputs.weight").shape, (std::vector<int64_t>{2, 256}));
        QCOMPARE(weights->entry("base_model.model.qa_outputs.bias").shape, (std::vector<int64_t>{2}));
        // Llama's question-answering model keeps its backbone under "transformer." (PEFT's keys follow).
        QVERIFY(weights->contains("base_model.model.transformer.layers.0.self_attn.q_proj.lora_A.weight"));

        const QString predictions = m_dir.filePath("predictions.json");
        const clitest::Result eval = clitest::runLorawb({"eval", "--model", kDemoModel, "--adapter", out + "/adapter",
                                                         "--data", kTest, "--predictions", predictions, "--json"});
        QVERIFY2(eval.exitCode == 0, qPrintable(eval.describe()));
        const QJsonObject scores = eval.json();
        QCOMPARE(scores["task_type"].toString(), QString("QUESTION_ANS"));
        QCOMPARE(scores["questions"].toInt(), 110);
        QCOMPARE(scores["has_answer_total"].toInt(), 55);
        QCOMPARE(scores["no_answer_total"].toInt(), 55);
        // Answering nothing scores 50 (the unanswerable half); the trained head also finds names.
        QVERIFY2(scores["exact_match"].toDouble() > 60 && scores["has_answer_f1"].toDouble() > 25,
                 qPrintable(QJsonDocument(scores).toJson()));
        QFile file(predictions);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject answers = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(answers.size(), 110);
        QVERIFY(answers.contains("test-0001-per") || answers.contains("test-0001-loc"));

        // A QUESTION_ANS adapter reads questions, not text; the QA options belong to it alone.
        const clitest::Result text = clitest::runLorawb({"eval", "--model", kDemoModel, "--adapter", out + "/adapter",
                                                         "--text", kSource + "/resources/demo/retain.txt"});
        QCOMPARE(text.exitCode, 2);
        QVERIFY2(text.err.contains("SQuAD"), qPrintable(text.err));
        const clitest::Result stride = clitest::runLorawb(
            {"eval", "--model", kDemoModel, "--text", kSource + "/resources/demo/retain.txt", "--doc-stride", "8"});
        QCOMPARE(stride.exitCode, 2);
        QVERIFY2(stride.err.contains("QUESTION_ANS adapters only"), qPrintable(stride.err));

        // The head has no place in a merged language model: refused, nothing written.
        const clitest::Result merged = clitest::runLorawb(
            {"export", "merged", "--model", kDemoModel, "--adapter", out + "/adapter", "--output", m_dir.filePath("m")});
        QCOMPARE(merged.exitCode, 2);
        QVERIFY2(merged.err.contains("AutoModelForQuestionAnswering"), qPrintable(merged.err));
        QVERIFY(!QFileInfo::exists(m_dir.filePath("m")));
    }

    void badSettingsAreRefusedWithTheFix_data()
    {
        QTest::addColumn<QStringList>("sets");
        QTest::addColumn<QString>("expected");
        QTest::newRow("format without task") << QStringList{"task_type=CAUSAL_LM"} << "set task_type: QUESTION_ANS";
        QTest::newRow("task without format") << QStringList{"data.format=alpaca"} << "data.format: squad";
        QTest::newRow("classifier key") << QStringList{"task.num_labels=3"} << "apply to task_type SEQ_CLS";
        QTest::newRow("full fine-tuning") << QStringList{"finetune=full"} << "use finetune: lora";
        QTest::newRow("no room for the context") << QStringList{"data.max_length=12"} << "data.max_length";
    }

    void badSettingsAreRefusedWithTheFix()
    {
        QFETCH(QStringList, sets);
        QFETCH(QString, expected);
        expectRefused(sets, expected);
    }

    // An answer whose answer_start does not point at its text: the file, the question id and both texts.
    void misplacedAnswerIsRefused()
    {
        const QString bad = writeFile(
            "bad.json", R"({"version": "v2.0", "data": [{"title": "t", "paragraphs": [{"context": "Moses went to Egypt.",
                "qas": [{"id": "q1", "question": "Where?", "answers": [{"text": "Egypt", "answer_start": 3}]}]}]}]})");
        clitest::Result run;
        train("misplaced", {"data.path=" + bad}, &run);
        QVERIFY2(run.finished && !run.crashed && run.exitCode == 2, qPrintable(run.describe()));
        QVERIFY2(run.err.contains("bad.json") && run.err.contains("q1") && run.err.contains("Egypt"),
                 qPrintable(run.err));
    }

    void previewAndStatsShowTheAnswerAsTrainingTargetsIt()
    {
        const clitest::Result preview = clitest::runLorawb(
            {"data", "preview", kTest, "--format", "squad", "--model", kDemoModel, "--max-length", "96", "--json"});
        QVERIFY2(preview.exitCode == 0, qPrintable(preview.describe()));
        const QJsonObject record = preview.json();
        QVERIFY(!record["question"].toString().isEmpty());
        QVERIFY(!record["context"].toString().isEmpty());
        // The tokens from the start mark to the end mark spell the answer (or both sit on the BOS: no answer).
        QString spelled;
        bool inside = false;
        int starts = 0;
        for (const auto& value : record["tokens"].toArray()) {
            const QJsonObject t = value.toObject();
            starts += t["answer_start"].toBool();
            inside = inside || t["answer_start"].toBool();
            if (inside)
                spelled += t["text"].toString();
            if (t["answer_end"].toBool())
                break;
        }
        QCOMPARE(starts, 1);
        if (record["answer_offset"].toInt() >= 0)
            QCOMPARE(spelled.trimmed(), record["answer"].toString());
        else
            QCOMPARE(spelled, QString("<s>"));

        const clitest::Result text = clitest::runLorawb(
            {"data", "preview", kTest, "--format", "squad", "--model", kDemoModel, "--index", "2"});
        QVERIFY2(text.exitCode == 0 && text.out.contains("--- question ---") && text.out.contains("--- answer ---"),
                 qPrintable(text.describe()));

        const clitest::Result stats = clitest::runLorawb(
            {"data", "stats", kTest, "--format", "squad", "--model", kDemoModel, "--max-length", "96", "--json"});
        QVERIFY2(stats.exitCode == 0, qPrintable(stats.describe()));
        QCOMPARE(stats.json()["questions"].toInt(), 110);
        QCOMPARE(stats.json()["windows_with_answer"].toInt(), 55); // every verse fits one window
    }
};

QTEST_GUILESS_MAIN(TestCliQuestionAnswering)
#include "test_cli_question_answering.moc"
