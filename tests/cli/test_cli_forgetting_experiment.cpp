// lorawb forgetting EXPERIMENT.yaml through the real binary: --compare-full trains the same data with LoRA and with
// full fine-tuning, each measured against the same base; LoRA with bias none switches off to the base exactly, full
// fine-tuning has no adapter to switch off; both runs land in the history; a missing retain text is exit 2 naming it.
#include "CliFixture.h"

#include "core/history/RunDatabase.h"

#include <QFile>
#include <QJsonArray>

#include <cmath>

using clitest::Result;
using clitest::runLorawb;

class TestCliForgettingExperiment : public clitest::CliSuite {
    Q_OBJECT
    QString m_retain;
    QString m_task;

    // The suite's experiment with a forgetting section (`forgetting` = its flow mapping, "" for none).
    QString experiment(const QString& name, const QString& forgetting)
    {
        const QString file = path(name + ".yaml");
        QString text = clitest::experimentYaml(m_model, m_records, path(name + "-out"));
        if (!forgetting.isEmpty())
            text += "forgetting: " + forgetting + "\n";
        testutil::writeBytes(file, text.toUtf8());
        return file;
    }

private Q_SLOTS:
    void initTestCase()
    {
        makeFixtures();
        m_retain = path("retain.txt");
        testutil::writeBytes(m_retain, QByteArray("the quick brown fox jumps over the lazy dog.\n"
                                                  "name the colour of the sky. it is blue.\n"));
        // Named after the training data (records.jsonl), so it is the trained task.
        m_task = path("records_test.jsonl");
        clitest::writeRecords(m_task, 1);
    }

    void compareFullPutsLoraBesideFullFineTuning()
    {
        const QString yaml = experiment(
            "cmp", QString("{retain_path: %1, task_paths: [%2], accuracy_limit: 2, max_retain_tokens: 64}")
                       .arg(m_retain, m_task));
        const QString db = path("forgetting.sqlite");
        const Result r = runLorawb({"forgetting", yaml, "--compare-full", "--json", "--db", db}, 600000);
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        const QJsonObject json = r.json();
        QCOMPARE(json["trained_task"].toString(), QString("records_test"));
        const QJsonArray runs = json["runs"].toArray();
        QCOMPARE(runs.size(), 2);
        const QJsonObject lora = runs[0].toObject();
        const QJsonObject full = runs[1].toObject();

        QCOMPARE(lora["finetune"].toString(), QString("lora"));
        QCOMPARE(lora["r"].toInt(), 4);
        QVERIFY2(lora["off_equals_base"].toBool(), qPrintable(r.describe()));
        QCOMPARE(lora["adapter_off"].toObject()["max_abs_logit_diff"].toDouble(), 0.0);
        QCOMPARE(lora["adapter_off"].toObject()["retain_loss"].toDouble(),
                 lora["before"].toObject()["retain_loss"].toDouble());
        QVERIFY(lora["after"].toObject()["max_abs_logit_diff"].toDouble() > 0);

        QCOMPARE(full["finetune"].toString(), QString("full"));
        QVERIFY2(!full.contains("adapter_off") && !full.contains("off_equals_base"), qPrintable(r.out));
        QVERIFY(full["after"].toObject()["max_abs_logit_diff"].toDouble() > 0);
        QVERIFY(full["trainable_params"].toDouble() > lora["trainable_params"].toDouble());

        // Both measured against the same base.
        const double before = lora["retain_perplexity_before"].toDouble();
        QVERIFY(before > 1 && std::isfinite(before));
        QVERIFY2(full["retain_perplexity_before"].toDouble() == before,
                 qPrintable(QString("%1 vs %2").arg(full["retain_perplexity_before"].toDouble()).arg(before)));
        QCOMPARE(full["before"].toObject()["retain_loss"].toDouble(), lora["before"].toObject()["retain_loss"].toDouble());
        for (const QJsonObject& run : {lora, full}) {
            const double after = run["retain_perplexity_after"].toDouble();
            QVERIFY(after > 1 && std::isfinite(after));
            QVERIFY(std::abs(run["retain_increase_percent"].toDouble() - 100 * (after / before - 1)) < 1e-6);
            const double taskBefore = run["task_before"].toDouble();
            const double taskAfter = run["task_after"].toDouble();
            QVERIFY(taskBefore >= 0 && taskBefore <= 1 && taskAfter >= 0 && taskAfter <= 1);
            QCOMPARE(run["task_gain"].toDouble(), taskAfter - taskBefore);
            QVERIFY(run["run_id"].toInt() > 0);
        }
        QVERIFY(QFile::exists(lora["adapter_path"].toString() + "/adapter_model.safetensors"));
        QVERIFY(QFile::exists(full["adapter_path"].toString() + "/model.safetensors"));
        QVERIFY(full["adapter_path"].toString().startsWith(path("cmp-out-full")));
        // The summary table on stderr (stdout holds the JSON).
        QVERIFY(r.err.contains("full fine-tuning"));
        QVERIFY(r.err.contains("LoRA r=4"));

        core::RunDatabase history(db.toStdString());
        const auto rows = history.runs();
        QCOMPARE(rows.size(), size_t(2));
        QCOMPARE(rows[0].finetune, std::string("lora"));
        QCOMPARE(rows[1].finetune, std::string("full"));
        QCOMPARE(int(rows[0].id), lora["run_id"].toInt());
        QCOMPARE(int(rows[1].id), full["run_id"].toInt());
        QVERIFY(rows[0].finals.count("adapter_off_retain_max_abs_logit_diff") == 1);
        QVERIFY(rows[1].finals.count("adapter_off_retain_max_abs_logit_diff") == 0);
        QCOMPARE(rows[1].finals.at("base_retain_perplexity"), rows[0].finals.at("base_retain_perplexity"));
    }

    void aMissingRetainTextIsExit2()
    {
        const QString missing = path("no-such-retain.txt");
        Result r = runLorawb({"forgetting", experiment("missing", QString("{retain_path: %1}").arg(missing)),
                              "--db", path("missing.sqlite")});
        QVERIFY2(r.finished && r.exitCode == 2, qPrintable(r.describe()));
        QVERIFY2(r.err.contains(missing) && r.err.contains("not found"), qPrintable(r.err));
        QVERIFY(!QFile::exists(path("missing-out/adapter/adapter_config.json")));

        // No forgetting section and no --retain: nothing to measure on.
        r = runLorawb({"forgetting", experiment("none", ""), "--db", path("missing.sqlite")});
        QVERIFY2(r.finished && r.exitCode == 2, qPrintable(r.describe()));
        QVERIFY2(r.err.contains("retain") && r.err.contains("--retain"), qPrintable(r.err));
        QVERIFY(!r.crashed);

        // --retain with a missing file: the same.
        r = runLorawb({"forgetting", experiment("none2", ""), "--retain", missing, "--db", path("missing.sqlite")});
        QVERIFY2(r.finished && r.exitCode == 2, qPrintable(r.describe()));
        QVERIFY(r.err.contains(missing));
    }
};

QTEST_APPLESS_MAIN(TestCliForgettingExperiment)
#include "test_cli_forgetting_experiment.moc"
