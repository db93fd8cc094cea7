// lorawb train through the real binary: progress lines, the adapter it writes (and eval reads), --set and --output,
// and SIGINT stopping a run with its checkpoint kept.
#include "CliFixture.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <cmath>
#include <csignal>

using clitest::Result;
using clitest::runLorawb;

class TestCliTrain : public clitest::CliSuite {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { makeFixtures(); }

    void trainWritesAnAdapterThatEvalLoads()
    {
        const QString yaml = path("train.yaml");
        testutil::writeBytes(yaml, clitest::experimentYaml(m_model, m_records, path("run")).toUtf8());
        const Result r = runLorawb({"train", yaml}, 300000);
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY(r.out.contains("trainable params: "));
        QVERIFY(r.out.contains("step 1/3"));
        QVERIFY(r.out.contains("step 3/3"));
        QVERIFY(r.out.contains("eval at step 2"));
        QVERIFY(r.out.contains("adapter written to: "));
        QVERIFY(QFile::exists(path("run/adapter/adapter_config.json")));
        QVERIFY(QFile::exists(path("run/adapter/adapter_model.safetensors")));

        const Result eval = runLorawb({"eval", "--model", m_model, "--adapter", path("run/adapter"), "--data",
                                       m_records, "--json", "--loss-only"});
        QVERIFY2(eval.finished && eval.exitCode == 0, qPrintable(eval.describe()));
        QVERIFY(std::isfinite(eval.json()["loss"].toDouble()));
    }

    void trainOverridesAndOutput()
    {
        const QString yaml = path("train2.yaml");
        testutil::writeBytes(yaml, clitest::experimentYaml(m_model, m_records, path("unused")).toUtf8());
        const Result r = runLorawb({"train", yaml, "--set", "train.max_steps=2", "--output", path("run2")}, 300000);
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY(r.out.contains("step 2/2"));
        QVERIFY(!r.out.contains("step 3/"));
        QVERIFY(QFile::exists(path("run2/adapter/adapter_config.json")));
        QVERIFY(!QDir(path("unused")).exists());
    }

    void interruptStopsTrainingAndKeepsTheCheckpoint()
    {
        const QString yaml = path("long.yaml");
        testutil::writeBytes(yaml, clitest::experimentYaml(m_model, m_records, path("long")).toUtf8());
        QProcess process;
        process.setProgram(QStringLiteral(LORAWB_CLI_PATH));
        process.setArguments({"train", yaml, "--set", "train.max_steps=100000", "--set", "train.eval_every=0"});
        process.start();
        QVERIFY(process.waitForStarted(20000));
        QByteArray out;
        QElapsedTimer timer;
        timer.start();
        while (!out.contains("step 2/") && timer.elapsed() < 120000 && process.state() == QProcess::Running) {
            process.waitForReadyRead(1000);
            out += process.readAllStandardOutput();
        }
        QVERIFY2(out.contains("step 2/"), out.constData());
        ::kill(static_cast<pid_t>(process.processId()), SIGINT);
        QVERIFY2(process.waitForFinished(120000), "lorawb train did not stop after SIGINT");
        out += process.readAllStandardOutput();
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        QVERIFY2(out.contains("stopped at step"), out.constData());
        QVERIFY2(out.contains("(interrupted)"), out.constData()); // the reason travels from the signal handler
        QVERIFY(QFile::exists(path("long/adapter/adapter_config.json")));
        QVERIFY(!QDir(path("long/checkpoints")).entryList(QDir::Dirs | QDir::NoDotAndDotDot).isEmpty());
    }
};

QTEST_APPLESS_MAIN(TestCliTrain)
#include "test_cli_train.moc"
