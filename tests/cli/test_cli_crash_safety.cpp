// kill -9 at 20 pseudo-random moments of `lorawb train` — loading, training steps, checkpoint writes every other step,
// history rows and metrics every step, the adapter export at the end — and after each: every folder named like a
// checkpoint loads, an adapter folder that exists is complete, the run history passes PRAGMA integrity_check, and the
// next start (--resume from the newest checkpoint, or a fresh run) works. A run that reaches its end is checked
// whole, and the next attempt starts a new one, so the later kills land in every phase again.
#include "CliFixture.h"
#include "HistoryIntegrity.h"
#include "core/history/RunDatabase.h"
#include "core/io/JsonFile.h"
#include "core/io/Safetensors.h"
#include "core/train/Checkpoint.h"

#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>

#include <random>
#include <set>

namespace {

constexpr int kSteps = 60;

} // namespace

class TestCliCrashSafety : public clitest::CliSuite {
    Q_OBJECT
private:
    QString m_db;

    // Empty when everything a killed run left in `output` is whole; else what is not.
    QString damageIn(const QString& output) const
    {
        const QDir checkpoints(output + "/checkpoints");
        static const QRegularExpression checkpointName("^step-\\d{6}$");
        for (const QString& name : checkpoints.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            if (!checkpointName.match(name).hasMatch())
                continue; // a staging folder: never taken for a checkpoint
            try {
                const auto data = core::loadCheckpoint(checkpoints.filePath(name).toStdString());
                if (data.position.step != name.mid(5).toLongLong())
                    return name + " holds step " + QString::number(data.position.step);
            } catch (const std::exception& e) {
                return name + " looks finished but does not load: " + e.what();
            }
        }
        const QString adapter = output + "/adapter";
        if (QFileInfo::exists(adapter)) {
            try {
                (void)core::readOrderedJsonFile((adapter + "/adapter_config.json").toStdString(), "adapter config");
                (void)core::SafetensorsFile::open((adapter + "/adapter_model.safetensors").toStdString());
                if (!QFileInfo::exists(adapter + "/README.md"))
                    return "adapter/ has no README.md";
            } catch (const std::exception& e) {
                return QString("adapter/ exists but is partial: ") + e.what();
            }
        }
        if (QFileInfo::exists(m_db)) {
            const QString verdict = clitest::historyIntegrity(m_db);
            if (verdict != "ok")
                return "run history: integrity_check says " + verdict;
        }
        return {};
    }

    QStringList trainArguments(const QString& yaml, const QString& output) const
    {
        QStringList args{"train", yaml, "--db", m_db, "--output", output};
        if (!core::latestCheckpoint((output + "/checkpoints").toStdString()).empty())
            args << "--resume";
        return args;
    }

    // The finished run of `output`: its adapter loads and its history row has every step's loss exactly once.
    void expectCompleteRun(const QString& output)
    {
        QVERIFY2(damageIn(output).isEmpty(), qPrintable(damageIn(output)));
        QVERIFY(QFileInfo::exists(output + "/adapter/adapter_model.safetensors"));
        core::RunDatabase history(m_db.toStdString());
        const core::RunRecord* finished = nullptr;
        const auto runs = history.runs();
        for (const auto& run : runs)
            if (QString::fromStdString(run.outputDir) == output && run.status == core::RunStatus::Finished)
                finished = &run;
        QVERIFY2(finished, qPrintable("no finished run for " + output + " in the history"));
        std::set<int64_t> steps;
        for (const auto& point : history.metrics(finished->id, "train_loss"))
            QVERIFY2(steps.insert(point.step).second, qPrintable("step logged twice: " + QString::number(point.step)));
        QCOMPARE(int(steps.size()), kSteps);
        QCOMPARE(*steps.rbegin(), int64_t(kSteps));
    }

private Q_SLOTS:
    void initTestCase()
    {
        makeFixtures();
        m_db = path("history.sqlite");
    }

    void killNineAtTwentyMoments()
    {
        const QString yaml = path("crash.yaml");
        testutil::writeBytes(yaml, clitest::experimentYaml(m_model, m_records, path("unused")).toUtf8());
        const QStringList settings{"--set", QString("train.max_steps=%1").arg(kSteps), "--set", "train.save_every=2",
                                   "--set", "train.eval_every=4", "--set", "train.log_every=1"};
        // The moments are counted in the run's own progress, not in milliseconds, so that they fall in the same
        // phases on a fast machine and a slow one: while loading (0–400 ms after the start), a few milliseconds after
        // the n-th step line of this attempt (steps, evaluations, checkpoint writes and history rows lie between),
        // or a few milliseconds after "finished at step" (the adapter export and the history's last update).
        std::mt19937 random(20261207);
        int run = 0, kills = 0, finishedRuns = 0;
        for (int attempt = 0; attempt < 20; ++attempt) {
            const QString output = path(QString("run%1").arg(run));
            QProcess process;
            process.setProgram(QStringLiteral(LORAWB_CLI_PATH));
            process.setArguments(trainArguments(yaml, output) + settings);
            process.start();
            QVERIFY(process.waitForStarted(20000));
            const int phase = int(random() % 10);
            const int steps = 1 + int(random() % 24);
            const int extraMs = int(random() % 40);
            QString moment;
            if (phase == 0) {
                moment = QString("%1 ms after the start").arg(extraMs * 10);
                process.waitForFinished(extraMs * 10);
            } else {
                const QByteArray marker = phase == 9 ? "finished at step" : "\nstep ";
                const int wanted = phase == 9 ? 1 : steps;
                moment = phase == 9 ? QString("%1 ms into the export").arg(extraMs)
                                    : QString("%1 ms after this attempt's step line %2").arg(extraMs).arg(steps);
                QByteArray out = "\n";
                QElapsedTimer clock;
                clock.start();
                while (out.count(marker) < wanted && process.state() == QProcess::Running && clock.elapsed() < 120000) {
                    process.waitForReadyRead(100);
                    out += process.readAllStandardOutput();
                }
                process.waitForFinished(extraMs);
            }
            if (process.state() == QProcess::NotRunning) { // ended before the kill: it must have finished the run
                QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0,
                         qPrintable(process.readAllStandardError() + process.readAllStandardOutput().right(1500)));
                expectCompleteRun(output);
                ++finishedRuns;
                ++run;
                continue;
            }
            process.kill(); // SIGKILL: no handler, no cleanup
            QVERIFY(process.waitForFinished(20000));
            ++kills;
            const QString damage = damageIn(output);
            QVERIFY2(damage.isEmpty(), qPrintable(QString("after kill -9 %1: %2").arg(moment, damage)));
        }
        // The last run goes on to its end from wherever it was killed.
        const QString output = path(QString("run%1").arg(run));
        const clitest::Result last = clitest::runLorawb(trainArguments(yaml, output) + settings, 180000);
        QVERIFY2(last.finished && last.exitCode == 0, qPrintable(last.describe()));
        expectCompleteRun(output);
        qInfo("%d kills, %d runs finished between them, then run %d resumed to its end", kills, finishedRuns, run);
        QVERIFY(kills >= 12); // most moments fell inside runs
    }
};

QTEST_GUILESS_MAIN(TestCliCrashSafety)
#include "test_cli_crash_safety.moc"
