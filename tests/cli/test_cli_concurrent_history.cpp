// Several programs on one run history at once: three `lorawb train` processes write their runs and per-step metrics
// into one database while a fourth keeps reading it (`lorawb runs`, as the GUI's history tab does). SQLite's WAL mode
// and busy timeout (core/history/RunDatabase.cpp) must make that invisible: every process exits 0, nobody sees
// "database is locked", every run and every metric point is there, and the file passes PRAGMA integrity_check.
#include "CliFixture.h"
#include "HistoryIntegrity.h"
#include "core/history/RunDatabase.h"

#include <QElapsedTimer>
#include <QProcess>

#include <memory>
#include <vector>

using clitest::Result;
using clitest::runLorawb;

class TestCliConcurrentHistory : public clitest::CliSuite {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { makeFixtures(); }

    void threeTrainingsAndAReaderShareOneHistory()
    {
        const QString db = path("shared.sqlite");
        constexpr int kRuns = 3, kSteps = 36;
        std::vector<std::unique_ptr<QProcess>> trainings;
        for (int i = 0; i < kRuns; ++i) {
            const QString yaml = path(QString("run%1.yaml").arg(i));
            testutil::writeBytes(yaml,
                                 clitest::experimentYaml(m_model, m_records, path(QString("run%1").arg(i))).toUtf8());
            auto process = std::make_unique<QProcess>();
            process->setProgram(QStringLiteral(LORAWB_CLI_PATH));
            process->setArguments({"train", yaml, "--db", db, "--set", QString("train.max_steps=%1").arg(kSteps), "--set",
                                   "train.eval_every=3", "--set", "train.log_every=1"});
            trainings.push_back(std::move(process));
        }
        // A failed check returns early: the trainings must not outlive the test.
        struct KillLeftovers {
            std::vector<std::unique_ptr<QProcess>>& processes;
            ~KillLeftovers()
            {
                for (auto& process : processes)
                    if (process->state() != QProcess::NotRunning) {
                        process->kill();
                        process->waitForFinished(5000);
                    }
            }
        } killLeftovers{trainings};
        for (auto& process : trainings) // started together: their first opens and first rows collide
            process->start();
        int reads = 0;
        QElapsedTimer clock;
        clock.start();
        auto running = [&] {
            for (auto& process : trainings)
                if (process->state() != QProcess::NotRunning)
                    return true;
            return false;
        };
        while (running() && clock.elapsed() < 280000) {
            if (QFileInfo::exists(db)) {
                const Result r = runLorawb({"runs", "list", "--db", db, "--json"});
                QVERIFY2(r.finished && r.exitCode == 0 && !r.err.contains("locked"), qPrintable(r.describe()));
                ++reads;
            }
            QTest::qWait(50);
        }
        for (auto& process : trainings) {
            QVERIFY(process->state() == QProcess::NotRunning || process->waitForFinished(20000));
            const QString err = QString::fromUtf8(process->readAllStandardError());
            QVERIFY2(process->exitStatus() == QProcess::NormalExit && process->exitCode() == 0,
                     qPrintable(err + QString::fromUtf8(process->readAllStandardOutput()).right(2000)));
            QVERIFY2(!err.contains("locked"), qPrintable(err));
        }
        qInfo("%d reads of the history while %d trainings wrote it", reads, kRuns);
        QVERIFY(reads > 0);

        core::RunDatabase history(db.toStdString());
        const auto runs = history.runs();
        QCOMPARE(int(runs.size()), kRuns);
        for (const auto& run : runs) {
            QVERIFY(run.status == core::RunStatus::Finished);
            QCOMPARE(int(history.metrics(run.id, "train_loss").size()), kSteps);
            QCOMPARE(int(history.metrics(run.id, "eval_loss").size()), kSteps / 3);
        }
        QCOMPARE(clitest::historyIntegrity(db), QString("ok"));
    }
};

QTEST_GUILESS_MAIN(TestCliConcurrentHistory)
#include "test_cli_concurrent_history.moc"
