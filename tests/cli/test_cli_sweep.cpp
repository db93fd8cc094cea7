// lorawb sweep and the run history through the real binary: a sweep of three tiny runs finishes and lands in the
// database, the same command again finds them all done, --dry-run only lists, a bad sweep file is exit 2 naming it, a
// failing run is exit 1 with the sweep finished around it; SIGINT stops the running run with its checkpoint and starts
// no other; lorawb train records its run (--db) or nothing (--no-history).
#include "CliFixture.h"

#include "core/history/RunDatabase.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>

#include <csignal>

using clitest::Result;
using clitest::runLorawb;

class TestCliSweep : public clitest::CliSuite {
    Q_OBJECT
    QString m_experiment;

    // A sweep of `grid` over the suite's experiment, two steps a run, each run under dir/<name>-out.
    QString sweepFile(const QString& name, const QString& grid, const QString& extra = "")
    {
        const QString file = path(name + ".yaml");
        testutil::writeBytes(file, QString("name: %1\nexperiment: %2\nset: {train.max_steps: 2}\n%3grid:\n%4"
                                           "output_dir: %5\n")
                                       .arg(name, m_experiment, extra, grid, path(name + "-out"))
                                       .toUtf8());
        return file;
    }
    static size_t rowsIn(const QString& db)
    {
        return core::RunDatabase(db.toStdString()).runs().size();
    }

private Q_SLOTS:
    void initTestCase()
    {
        makeFixtures();
        m_experiment = path("exp.yaml");
        testutil::writeBytes(m_experiment, clitest::experimentYaml(m_model, m_records, path("unused")).toUtf8());
    }

    void aSweepRunsEveryCombinationAndRecordsIt()
    {
        const QString file = sweepFile("three", "  lora.r: [1, 2, 4]\n");
        const QString db = path("sweep.sqlite");
        const Result r = runLorawb({"sweep", file, "--db", db, "--json"}, 600000);
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        const QJsonObject json = r.json();
        QCOMPARE(json["finished"].toInt(), 3);
        QCOMPARE(json["skipped"].toInt(), 0);
        QCOMPARE(json["failed"].toInt(), 0);
        QCOMPARE(json["stopped"].toBool(), false);
        QCOMPARE(json["name"].toString(), QString("three"));
        QCOMPARE(json["database"].toString(), db);
        const int sweepId = json["sweep_id"].toInt();
        QVERIFY(sweepId > 0);
        const QJsonArray runs = json["runs"].toArray();
        QCOMPARE(runs.size(), 3);
        QList<int> runIds;
        for (int i = 0; i < 3; ++i) {
            const QJsonObject run = runs[i].toObject();
            QCOMPARE(run["index"].toInt(), i);
            QCOMPARE(run["state"].toString(), QString("finished"));
            QCOMPARE(run["label"].toString(), QString("r=%1").arg(1 << i));
            QVERIFY(run["run_id"].toInt() > 0);
            QVERIFY(run["finals"].toObject().contains("train_loss"));
            QVERIFY(QFile::exists(run["adapter_path"].toString() + "/adapter_model.safetensors"));
            runIds << run["run_id"].toInt();
        }
        // Progress went to stderr, stdout holds only the object.
        QVERIFY(r.err.contains("[3/3] r=4: finished"));

        core::RunDatabase history(db.toStdString());
        core::RunFilter filter;
        filter.sweepId = sweepId;
        const auto rows = history.runs(filter);
        QCOMPARE(rows.size(), size_t(3));
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(rows[i].sweepIndex, i);
            QCOMPARE(int(rows[i].id), runIds[i]);
            QCOMPARE(history.metrics(rows[i].id, "train_loss").size(), size_t(2));
        }
        QCOMPARE(history.sweep(sweepId)->status, std::string("finished"));

        // The same command again: nothing left to do.
        const Result again = runLorawb({"sweep", file, "--db", db, "--json"}, 120000);
        QVERIFY2(again.finished && again.exitCode == 0, qPrintable(again.describe()));
        const QJsonObject second = again.json();
        QCOMPARE(second["sweep_id"].toInt(), sweepId);
        QCOMPARE(second["finished"].toInt(), 0);
        QCOMPARE(second["skipped"].toInt(), 3);
        for (const auto& run : second["runs"].toArray()) {
            QCOMPARE(run.toObject()["state"].toString(), QString("done"));
            QVERIFY(runIds.contains(run.toObject()["run_id"].toInt()));
        }
        QCOMPARE(history.runs().size(), size_t(3));
    }

    void interruptStopsTheRunningRunKeepsItsCheckpointAndStartsNoOther()
    {
        const QString file = path("long-sweep.yaml");
        testutil::writeBytes(file, QString("name: long\nexperiment: %1\n"
                                           "set: {train.max_steps: 100000, train.eval_every: 0, train.save_every: 1}\n"
                                           "grid:\n  lora.r: [1, 2]\noutput_dir: %2\n")
                                       .arg(m_experiment, path("long-out"))
                                       .toUtf8());
        const QString db = path("long.sqlite");
        QProcess process;
        process.setProgram(QStringLiteral(LORAWB_CLI_PATH));
        process.setArguments({"sweep", file, "--db", db});
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start();
        QVERIFY(process.waitForStarted(20000));
        QByteArray out;
        QElapsedTimer timer;
        timer.start();
        while (!out.contains("step 3/") && timer.elapsed() < 120000 && process.state() == QProcess::Running) {
            process.waitForReadyRead(1000);
            out += process.readAll();
        }
        QVERIFY2(out.contains("step 3/"), out.constData());
        ::kill(static_cast<pid_t>(process.processId()), SIGINT);
        QVERIFY2(process.waitForFinished(120000), "lorawb sweep did not stop after SIGINT");
        out += process.readAll();
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        QVERIFY2(out.contains("[1/2] r=1: stopped"), out.constData());
        QVERIFY2(out.contains("stopped — run the same command to resume"), out.constData());
        QVERIFY2(!out.contains("[2/2] r=2: starting"), out.constData());

        // One row, stopped, with the step it reached; its checkpoint is on disk; the sweep waits to be resumed.
        core::RunDatabase history(db.toStdString());
        const auto rows = history.runs();
        QCOMPARE(rows.size(), size_t(1));
        QVERIFY(rows[0].status == core::RunStatus::Stopped);
        QVERIFY(history.metrics(rows[0].id, "train_loss").size() >= 3);
        const QString checkpoints = QString::fromStdString(rows[0].outputDir) + "/checkpoints";
        QVERIFY2(!QDir(checkpoints).entryList(QDir::Dirs | QDir::NoDotAndDotDot).isEmpty(), qPrintable(checkpoints));
        QCOMPARE(history.sweep(rows[0].sweepId)->status, std::string("paused"));
    }

    void dryRunOnlyLists()
    {
        const QString file = sweepFile("dry", "  lora.r: [1, 2]\n  lora.target_modules: [qv, mlp]\n");
        const QString db = path("dry.sqlite");
        const Result r = runLorawb({"sweep", file, "--db", db, "--dry-run"});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(r.out.contains("4 runs"), qPrintable(r.out));
        QVERIFY(r.out.contains("1. r=1, targets=qv"));
        QVERIFY(r.out.contains("4. r=2, targets=mlp"));
        QVERIFY(r.out.contains(path("dry-out")));
        QVERIFY(!QFile::exists(db));
        QVERIFY(!QDir(path("dry-out")).exists());
    }

    void aBadSweepFileIsExit2NamingIt()
    {
        const QString typo = sweepFile("typo", "  lora.r: [1]\n", "grdi: {}\n");
        Result r = runLorawb({"sweep", typo, "--db", path("bad.sqlite")});
        QVERIFY2(r.finished && r.exitCode == 2, qPrintable(r.describe()));
        QVERIFY2(r.err.contains(typo) && r.err.contains("unknown key 'grdi'"), qPrintable(r.err));

        const QString badValue = sweepFile("badvalue", "  lora.r: [2, -1]\n");
        r = runLorawb({"sweep", badValue, "--db", path("bad.sqlite")});
        QVERIFY2(r.finished && r.exitCode == 2, qPrintable(r.describe()));
        QVERIFY2(r.err.contains(badValue) && r.err.contains("run 2 of the grid (r=-1)"), qPrintable(r.err));

        r = runLorawb({"sweep", path("no-such-sweep.yaml"), "--db", path("bad.sqlite")});
        QVERIFY2(r.finished && r.exitCode == 2, qPrintable(r.describe()));
        QVERIFY(r.err.contains(path("no-such-sweep.yaml")));
        QVERIFY(!QFile::exists(path("bad.sqlite")));
        QVERIFY(!r.crashed);
    }

    void aFailingRunIsExit1AndTheOthersStillRun()
    {
        const QString file = sweepFile("onefails", "  lora.target_modules: [no_such_proj, qv]\n");
        const QString db = path("fails.sqlite");
        const Result r = runLorawb({"sweep", file, "--db", db, "--json", "--set", "train.max_steps=1"});
        QVERIFY2(r.finished && r.exitCode == 1, qPrintable(r.describe()));
        const QJsonArray runs = r.json()["runs"].toArray();
        QCOMPARE(runs.size(), 2);
        QCOMPARE(runs[0].toObject()["state"].toString(), QString("failed"));
        QVERIFY(runs[0].toObject()["message"].toString().contains("target_modules"));
        QCOMPARE(runs[1].toObject()["state"].toString(), QString("finished"));
        QCOMPARE(rowsIn(db), size_t(2));
    }

    void trainRecordsItsRunOrNothing()
    {
        const QString yaml = path("train.yaml");
        testutil::writeBytes(yaml, clitest::experimentYaml(m_model, m_records, path("train-run")).toUtf8());
        const QString db = path("train.sqlite");
        Result r = runLorawb({"train", yaml, "--db", db, "--set", "train.max_steps=2"}, 300000);
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(r.out.contains("run history: run 1 in " + db), qPrintable(r.out));
        {
            core::RunDatabase history(db.toStdString());
            const auto rows = history.runs();
            QCOMPARE(rows.size(), size_t(1));
            QCOMPARE(core::toString(rows[0].status), std::string("finished"));
            QCOMPARE(QString::fromStdString(rows[0].outputDir), path("train-run"));
            QCOMPARE(rows[0].r, 4);
            QCOMPARE(rows[0].sweepId, int64_t(0));
            QCOMPARE(history.metrics(rows[0].id, "train_loss").size(), size_t(2));
        }

        // --no-history: no row anywhere, not in --db, not in $LORAWB_DB.
        const QString suiteDb = clitest::suiteDatabasePath();
        const size_t suiteRows = QFile::exists(suiteDb) ? rowsIn(suiteDb) : 0;
        const QString other = path("nohistory.sqlite");
        r = runLorawb({"train", yaml, "--no-history", "--db", other, "--output", path("train-quiet"), "--set",
                       "train.max_steps=1"},
                      300000);
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY(!r.out.contains("run history:"));
        QVERIFY(QFile::exists(path("train-quiet/adapter/adapter_config.json")));
        QVERIFY(!QFile::exists(other));
        QCOMPARE(QFile::exists(suiteDb) ? rowsIn(suiteDb) : 0, suiteRows);
        QCOMPARE(rowsIn(db), size_t(1));
    }
};

QTEST_APPLESS_MAIN(TestCliSweep)
#include "test_cli_sweep.moc"
