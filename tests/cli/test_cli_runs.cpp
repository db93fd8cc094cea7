// lorawb runs: list / show / diff / export-csv over a run history this suite fills through RunDatabase, with --json,
// filters and sorts, and the bad input the CLI contract promises to refuse cleanly (exit 2, the file named).
#include "cli/CliFixture.h"
#include "common/ErrorCapture.h"
#include "common/FileBytes.h"
#include "core/history/RunDatabase.h"

#include <QFile>
#include <QJsonArray>
#include <QtTest>

using clitest::Result;
using clitest::runLorawb;

namespace {

QList<qint64> idsOf(const QJsonObject& json)
{
    QList<qint64> ids;
    for (const auto& run : json["runs"].toArray())
        ids.append(run.toObject()["id"].toInteger());
    return ids;
}

} // namespace

class TestCliRuns : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_db;
    qint64 m_a = 0, m_b = 0, m_c = 0, m_sweep = 0;

    Result runs(QStringList args)
    {
        args.prepend("runs");
        if (!args.contains("--db"))
            args << "--db" << m_db;
        return runLorawb(args, 60000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath("history/runs.sqlite");
        core::RunDatabase db(m_db.toStdString());
        core::SweepRecord sweep;
        sweep.name = "rank sweep";
        sweep.specHash = "h";
        sweep.items = 2;
        m_sweep = db.addSweep(sweep);

        core::RunRecord a;
        a.name = "alpaca r8";
        a.status = core::RunStatus::Finished;
        a.startedAt = "2026-11-28T10:00:00Z";
        a.finishedAt = "2026-11-28T10:05:00Z";
        a.configYaml = "model: models/tiny\nlora: {r: 8, lora_alpha: 16, target_modules: [q_proj, v_proj]}\n"
                       "train: {max_steps: 3, seed: 1}\n";
        a.model = "models/tiny";
        a.r = 8;
        a.loraAlpha = 16;
        a.loraDropout = 0.05;
        a.targets = "q_proj,v_proj";
        a.bias = "none";
        a.learningRate = 2e-4;
        a.seed = 1;
        a.trainableParams = 2048;
        a.allParams = 100000;
        a.modelHash = "modelhash";
        a.dataHash = "datahash";
        a.templateHash = "templatehash";
        a.lorawbVersion = "0.9.0";
        a.torchVersion = "1.13.0";
        a.device = "cpu";
        a.outputDir = "runs/a";
        a.adapterPath = "runs/a/adapter";
        a.steps = 3;
        a.totalSteps = 3;
        a.finals = {{"eval_loss", 1.5}, {"accuracy/task", 0.5}};
        m_a = db.addRun(a);
        db.appendMetrics(m_a, {{1, "train_loss", 3.0}, {2, "train_loss", 2.5}, {3, "train_loss", 2.0},
                               {2, "eval_loss", 1.75}});

        core::RunRecord b = a;
        b.name = "alpaca r4";
        b.configYaml = "model: models/tiny\nlora: {r: 4, lora_alpha: 16, target_modules: [q_proj, k_proj, v_proj]}\n"
                       "train: {max_steps: 3, seed: 1}\n";
        b.r = 4;
        b.targets = "q_proj,k_proj,v_proj";
        b.finals = {{"eval_loss", 1.25}};
        b.sweepId = m_sweep;
        b.sweepIndex = 0;
        m_b = db.addRun(b);

        core::RunRecord c = a;
        c.name = "full, \"baseline\"";
        c.status = core::RunStatus::Failed;
        c.finetune = "full";
        c.r = 0;
        c.targets = "";
        c.message = "NaN loss at step 2";
        c.finals.clear();
        m_c = db.addRun(c);
    }

    void listJsonHasEveryField()
    {
        const Result r = runs({"list", "--json"});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        const QJsonObject json = r.json();
        QCOMPARE(json["database"].toString(), m_db);
        QCOMPARE(idsOf(json), (QList<qint64>{m_a, m_b, m_c}));
        const QJsonObject a = json["runs"].toArray()[0].toObject();
        for (const char* key : {"id", "name", "status", "started_at", "finished_at", "finetune", "config_yaml", "model",
                                "r", "lora_alpha", "lora_dropout", "targets", "bias", "learning_rate", "seed",
                                "trainable_params", "all_params", "model_hash", "data_hash", "template_hash",
                                "lorawb_version", "torch_version", "device", "output_dir", "adapter_path", "steps",
                                "total_steps", "message", "finals", "sweep_id", "sweep_index"})
            QVERIFY2(a.contains(key), key);
        QCOMPARE(a["name"].toString(), QString("alpaca r8"));
        QCOMPARE(a["status"].toString(), QString("finished"));
        QCOMPARE(a["r"].toInt(), 8);
        QCOMPARE(a["learning_rate"].toDouble(), 2e-4);
        QCOMPARE(a["trainable_params"].toInteger(), 2048);
        QCOMPARE(a["template_hash"].toString(), QString("templatehash"));
        QCOMPARE(a["finals"].toObject()["eval_loss"].toDouble(), 1.5);
        QCOMPARE(a["finals"].toObject()["accuracy/task"].toDouble(), 0.5);
        QVERIFY(a["config_yaml"].toString().contains("lora_alpha: 16"));
        QCOMPARE(json["runs"].toArray()[1].toObject()["sweep_id"].toInteger(), m_sweep);
    }

    void listFiltersAndSorts()
    {
        QCOMPARE(idsOf(runs({"list", "--json", "--sort", "final:eval_loss"}).json()), (QList<qint64>{m_b, m_a, m_c}));
        QCOMPARE(idsOf(runs({"list", "--json", "--sort", "r", "--desc", "--limit", "1"}).json()), QList<qint64>{m_a});
        QCOMPARE(idsOf(runs({"list", "--json", "--filter", "K_PROJ"}).json()), QList<qint64>{m_b});
        QCOMPARE(idsOf(runs({"list", "--json", "--status", "failed"}).json()), QList<qint64>{m_c});
        QCOMPARE(idsOf(runs({"list", "--json", "--sweep", QString::number(m_sweep)}).json()), QList<qint64>{m_b});
    }

    void listTableIsReadable()
    {
        const Result r = runs({"list"});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        const QStringList lines = r.out.split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4); // header + 3 runs
        VERIFY_CONTAINS(lines[0], "trainable");
        VERIFY_CONTAINS(lines[0], "eval_loss");
        VERIFY_CONTAINS(lines[1], "alpaca r8");
        VERIFY_CONTAINS(lines[1], "q_proj,v_proj");
        VERIFY_CONTAINS(lines[1], "1.5");
        VERIFY_CONTAINS(lines[3], "failed");
    }

    void showGivesRecordFinalsAndCurves()
    {
        Result r = runs({"show", QString::number(m_a), "--json"});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        QJsonObject json = r.json();
        QCOMPARE(json["run"].toObject()["id"].toInteger(), m_a);
        const QJsonArray metrics = json["metrics"].toArray();
        QCOMPARE(metrics.size(), 2);
        QCOMPARE(metrics[1].toObject()["name"].toString(), QString("train_loss"));
        QCOMPARE(metrics[1].toObject()["last_step"].toInt(), 3);
        QCOMPARE(metrics[1].toObject()["last_value"].toDouble(), 2.0);
        QCOMPARE(metrics[1].toObject()["points"].toInt(), 3);
        QVERIFY(!json.contains("curves"));

        r = runs({"show", QString::number(m_a), "--json", "--metrics"});
        json = r.json();
        const QJsonObject loss = json["curves"].toObject()["train_loss"].toObject();
        QCOMPARE(loss["steps"].toArray().size(), 3);
        QCOMPARE(loss["values"].toArray()[0].toDouble(), 3.0);

        r = runs({"show", QString::number(m_a)});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        VERIFY_CONTAINS(r.out, "alpaca r8");
        VERIFY_CONTAINS(r.out, "eval_loss = 1.5");
        VERIFY_CONTAINS(r.out, "train_loss = 2 at step 3");
        VERIFY_CONTAINS(r.out, "target_modules: [q_proj, v_proj]"); // the experiment file itself
        VERIFY_CONTAINS(r.out, "modelhash");
    }

    void diffShowsConfigAndFinals()
    {
        const Result r = runs({"diff", QString::number(m_a), QString::number(m_b), "--json"});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        const QJsonObject json = r.json();
        const QJsonArray config = json["config"].toArray();
        QCOMPARE(config.size(), 2);
        QCOMPARE(config[0].toObject()["key"].toString(), QString("lora.r"));
        QCOMPARE(config[0].toObject()["left"].toString(), QString("8"));
        QCOMPARE(config[0].toObject()["right"].toString(), QString("4"));
        QCOMPARE(config[1].toObject()["key"].toString(), QString("lora.target_modules"));
        QCOMPARE(config[1].toObject()["right"].toString(), QString("[q_proj, k_proj, v_proj]"));
        const QJsonArray finals = json["finals"].toArray();
        QCOMPARE(finals.size(), 2);
        QCOMPARE(finals[0].toObject()["name"].toString(), QString("accuracy/task"));
        QVERIFY(finals[0].toObject()["right"].isNull()); // run b has none
        QCOMPARE(finals[1].toObject()["left"].toDouble(), 1.5);
        QCOMPARE(finals[1].toObject()["right"].toDouble(), 1.25);

        const Result text = runs({"diff", QString::number(m_a), QString::number(m_b)});
        QVERIFY2(text.finished && text.exitCode == 0, qPrintable(text.describe()));
        VERIFY_CONTAINS(text.out, "lora.r");
        VERIFY_CONTAINS(text.out, "eval_loss");
    }

    void exportCsvToStdoutAndFile()
    {
        const Result r = runs({"export-csv", "--sort", "id"});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        const QStringList lines = r.out.split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);
        QVERIFY(lines[0].startsWith("id,name,status,"));
        QVERIFY(lines[0].endsWith(",accuracy/task,eval_loss"));
        QVERIFY2(lines[3].startsWith(QString::number(m_c) + ",\"full, \"\"baseline\"\"\",failed,"), qPrintable(lines[3]));

        const QString file = m_dir.filePath("out/runs.csv");
        QDir().mkpath(m_dir.filePath("out"));
        const Result written = runs({"export-csv", file, "--status", "finished"});
        QVERIFY2(written.finished && written.exitCode == 0, qPrintable(written.describe()));
        QFile csv(file);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(csv.readAll()).split('\n', Qt::SkipEmptyParts).size(), 3);
    }

    void unknownIdIsBadInput()
    {
        for (const QStringList& args : {QStringList{"show", "99"}, QStringList{"diff", QString::number(m_a), "99"}}) {
            const Result r = runs(args);
            QVERIFY2(r.finished && !r.crashed && r.exitCode == 2, qPrintable(r.describe()));
            VERIFY_CONTAINS(r.err, "run 99 is not in " + m_db);
            VERIFY_CONTAINS(r.err, "lorawb runs list");
        }
        const Result notNumber = runs({"show", "abc"});
        QVERIFY2(notNumber.finished && notNumber.exitCode == 2, qPrintable(notNumber.describe()));
        VERIFY_CONTAINS(notNumber.err, "'abc'");
    }

    void badSortStatusAndSubcommandAreBadInput()
    {
        Result r = runs({"list", "--sort", "nonsense"});
        QVERIFY2(r.finished && !r.crashed && r.exitCode == 2, qPrintable(r.describe()));
        VERIFY_CONTAINS(r.err, "'nonsense'");
        VERIFY_CONTAINS(r.err, "learning_rate");
        VERIFY_CONTAINS(r.err, "final:");
        r = runs({"export-csv", "--status", "done"});
        QVERIFY2(r.finished && r.exitCode == 2, qPrintable(r.describe()));
        VERIFY_CONTAINS(r.err, "running, finished, stopped, failed");
        r = runs({"remove", "1"});
        QVERIFY2(r.finished && r.exitCode == 2, qPrintable(r.describe()));
        VERIFY_CONTAINS(r.err, "list, show, diff or export-csv");
    }

    void garbageDatabaseIsNamed()
    {
        const QString garbage = m_dir.filePath("garbage.sqlite");
        testutil::writeBytes(garbage, QByteArray(2048, '\x07'));
        for (const QStringList& args : {QStringList{"list"}, QStringList{"show", "1"}, QStringList{"diff", "1", "2"},
                                        QStringList{"export-csv"}, QStringList{"list", "--json"}}) {
            const Result r = runs(args + QStringList{"--db", garbage});
            QVERIFY2(r.finished && !r.crashed && r.exitCode == 2, qPrintable(r.describe()));
            VERIFY_CONTAINS(r.err, garbage);
            VERIFY_CONTAINS(r.err, "not a LoRA Workbench run database");
        }
        QCOMPARE(QFileInfo(garbage).size(), qint64(2048)); // left alone
    }

    void missingDatabaseIsAnEmptyHistory()
    {
        const QString missing = m_dir.filePath("nowhere/runs.sqlite");
        const Result r = runs({"list", "--json", "--db", missing});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(r.json()["runs"].toArray().size(), 0);
        QVERIFY(!QFileInfo::exists(missing)); // reading never creates a history
    }
};

QTEST_APPLESS_MAIN(TestCliRuns)
#include "test_cli_runs.moc"
