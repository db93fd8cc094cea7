// The disk filling up during each kind of write lorawb makes, for real: the child runs under RLIMIT_FSIZE with SIGXFSZ
// ignored, so a write past the limit fails part-way with EFBIG, exactly where a full disk fails with ENOSPC (both are
// "out of space" to core/io/AtomicFile). Each case checks the clear message, that what was saved before is intact,
// and that the same command works once there is room again.
#include "CliFixture.h"
#include "HistoryIntegrity.h"
#include "core/train/Checkpoint.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QProcess>

#include <csignal>
#include <sys/resource.h>

namespace {

struct Limited {
    bool finished = false;
    int exitCode = -1;
    QString out, err;
    QString describe() const
    {
        return QString("exit %1\n--- stdout ---\n%2\n--- stderr ---\n%3").arg(exitCode).arg(out.right(2000), err.right(3000));
    }
};

// lorawb with every file it writes limited to `bytes` (0: no limit).
Limited runLimited(const QStringList& args, rlim_t bytes)
{
    QProcess process;
    process.setProgram(QStringLiteral(LORAWB_CLI_PATH));
    process.setArguments(args);
    process.setChildProcessModifier([bytes] {
        if (bytes == 0)
            return;
        std::signal(SIGXFSZ, SIG_IGN); // else the kernel ends the process instead of failing the write
        const rlimit limit{bytes, bytes};
        setrlimit(RLIMIT_FSIZE, &limit);
    });
    process.start();
    Limited result;
    if (!process.waitForStarted(20000))
        return result;
    process.closeWriteChannel();
    result.finished = process.waitForFinished(180000);
    if (!result.finished) {
        process.kill();
        process.waitForFinished(5000);
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

QByteArray digestOfFolder(const QString& dir)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QString& name : QDir(dir).entryList(QDir::Files, QDir::Name)) {
        QFile file(QDir(dir).filePath(name));
        if (file.open(QIODevice::ReadOnly))
            hash.addData(name.toUtf8() + file.readAll());
    }
    return hash.result();
}


} // namespace

class TestCliDiskFull : public clitest::CliSuite {
    Q_OBJECT
private:
    QString m_yaml;
    const QStringList m_settings{"--set", "train.max_steps=8", "--set", "train.save_every=2", "--set",
                                 "train.eval_every=4"};

    // Trains into `output` without a limit and stops it with Ctrl-C after its third step line: a checkpoint and an
    // adapter are kept, the state a later failed write must leave alone.
    void trainAndStop(const QString& output)
    {
        QProcess process;
        process.setProgram(QStringLiteral(LORAWB_CLI_PATH));
        process.setArguments(QStringList{"train", m_yaml, "--no-history", "--output", output} + m_settings);
        process.start();
        QVERIFY(process.waitForStarted(20000));
        QByteArray out;
        QElapsedTimer clock;
        clock.start();
        while (!out.contains("step 3/") && process.state() == QProcess::Running && clock.elapsed() < 120000) {
            process.waitForReadyRead(100);
            out += process.readAllStandardOutput();
        }
        ::kill(static_cast<pid_t>(process.processId()), SIGINT);
        QVERIFY(process.waitForFinished(60000));
        out += process.readAllStandardOutput();
        QVERIFY2(process.exitCode() == 0 && out.contains("stopped at step"), out.constData());
    }

private Q_SLOTS:
    void initTestCase()
    {
        makeFixtures();
        m_yaml = path("exp.yaml");
        testutil::writeBytes(m_yaml, clitest::experimentYaml(m_model, m_records, path("unused")).toUtf8());
    }

    // A checkpoint does not fit (its optimizer.safetensors is ~8 KB here, the limit 6 KB): the run ends with the
    // message, the checkpoint and adapter kept before are untouched, no half-written step folder appears, and
    // --resume with room again finishes the run.
    void checkpointWriteOnAFullDisk()
    {
        const QString output = path("ckpt");
        trainAndStop(output);
        const QDir checkpoints(output + "/checkpoints");
        const QStringList before = checkpoints.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        QVERIFY(!before.isEmpty());
        const QByteArray checkpointDigest = digestOfFolder(checkpoints.filePath(before.last()));
        const QByteArray adapterDigest = digestOfFolder(output + "/adapter");

        const Limited full = runLimited(QStringList{"train", m_yaml, "--no-history", "--output", output, "--resume"} +
                                            m_settings,
                                        6000);
        QVERIFY2(full.finished && full.exitCode == 2, qPrintable(full.describe()));
        QVERIFY2(full.err.contains("free disk space") && full.err.contains("unchanged"), qPrintable(full.describe()));
        QCOMPARE(checkpoints.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name), before);
        QCOMPARE(digestOfFolder(checkpoints.filePath(before.last())), checkpointDigest);
        QCOMPARE(digestOfFolder(output + "/adapter"), adapterDigest);
        (void)core::loadCheckpoint(checkpoints.filePath(before.last()).toStdString());

        const Limited room = runLimited(QStringList{"train", m_yaml, "--no-history", "--output", output, "--resume"} +
                                            m_settings,
                                        0);
        QVERIFY2(room.exitCode == 0 && room.out.contains("finished at step 8"), qPrintable(room.describe()));
    }

    // A merged model (model.safetensors is larger than the 20 KB limit) does not fit: the message, no folder that
    // looks finished, and a merged folder written before stays as it was.
    void exportOnAFullDisk()
    {
        const QString output = path("export-run");
        const Limited trained = runLimited(QStringList{"train", m_yaml, "--no-history", "--output", output} + m_settings,
                                           0);
        QVERIFY2(trained.exitCode == 0, qPrintable(trained.describe()));
        const QStringList exportArgs{"export", "merged", "--model", m_model, "--adapter", output + "/adapter",
                                     "--output"};
        const QString fresh = path("merged-fresh");
        const Limited full = runLimited(exportArgs + QStringList{fresh}, 20000);
        QVERIFY2(full.finished && full.exitCode == 2, qPrintable(full.describe()));
        QVERIFY2(full.err.contains("free disk space"), qPrintable(full.describe()));
        QVERIFY2(!QFileInfo::exists(fresh), "a failed export must not leave a folder under its name");

        const QString kept = path("merged-kept");
        const Limited first = runLimited(exportArgs + QStringList{kept}, 0);
        QVERIFY2(first.exitCode == 0, qPrintable(first.describe()));
        const QByteArray digest = digestOfFolder(kept);
        // Replacing it (--overwrite) fails part-way: the earlier export is still there, whole.
        const Limited again = runLimited(exportArgs + QStringList{kept, "--overwrite"}, 20000);
        QVERIFY2(again.exitCode == 2 && again.err.contains("free disk space"), qPrintable(again.describe()));
        QCOMPARE(digestOfFolder(kept), digest);
    }

    // The run history does not fit: the training itself goes on and saves its adapter, the history says why it
    // stopped recording, and the database stays consistent.
    void historyOnAFullDisk()
    {
        const QString output = path("history-run"), db = path("small.sqlite");
        const Limited run = runLimited(QStringList{"train", m_yaml, "--db", db, "--output", output, "--set",
                                                   "train.max_steps=300", "--set", "train.log_every=1", "--set",
                                                   "train.save_every=0", "--set", "train.eval_every=0"},
                                       40000);
        QVERIFY2(run.finished && run.exitCode == 0, qPrintable(run.describe()));
        QVERIFY2(run.out.contains("run history off for the rest of this run") && run.out.contains("disk"),
                 qPrintable(run.describe()));
        QVERIFY(QFileInfo::exists(output + "/adapter/adapter_model.safetensors"));
        QCOMPARE(clitest::historyIntegrity(db), QString("ok"));
    }
};

QTEST_GUILESS_MAIN(TestCliDiskFull)
#include "test_cli_disk_full.moc"
