// The window and two `lorawb train` processes training at once into one run history (issue 16): the GUI's worker and
// the CLI write runs and per-step metrics through SQLite's WAL mode and busy timeout, so nobody may see "database is
// locked", every run must finish with every step's loss recorded, and the file must pass PRAGMA integrity_check.
#include "TinyWorkbenchFixture.h"
#include "common/FileBytes.h"

#include "core/history/RunDatabase.h"
#include "ui/data/DataPanel.h"
#include "ui/model/ModelPanel.h"
#include "ui/train/TrainingPanel.h"
#include "ui/train/TrainingSettingsForm.h"
#include "ui/window/MainWindow.h"

#include <sqlite3.h>

#include <QApplication>
#include <QDialog>
#include <QProcess>
#include <QSpinBox>
#include <QtTest>

#include <memory>
#include <vector>

class TestSharedHistory : public QObject {
    Q_OBJECT
private:
    fixture::TinyWorkbench m_fx;

private Q_SLOTS:
    void initTestCase() { m_fx.setUp(); }

    void windowAndTwoCliRunsShareOneHistory()
    {
        constexpr int kSteps = 30;
        const QString db = QString::fromStdString(core::RunDatabase::defaultPath()); // the suite's own (CMake sets it)
        QVERIFY(db.contains("test_shared_history"));
        QFile::remove(db);
        QFile::remove(db + "-wal");
        QFile::remove(db + "-shm");

        ui::MainWindow window(nullptr, /*restoreSession=*/false);
        window.trainingPanel()->settings()->setRunsFolder(m_fx.qpath("runs"));
        window.modelPanel()->loadModel(QString::fromStdString(m_fx.modelDir()));
        window.dataPanel()->setDatasetPath(QString::fromStdString(m_fx.datasetPath()));
        window.findChild<QSpinBox*>("maxSteps")->setValue(kSteps);
        window.findChild<QSpinBox*>("batchSize")->setValue(4);
        window.findChild<QSpinBox*>("evalEvery")->setValue(5);
        QTRY_VERIFY_WITH_TIMEOUT(window.modelPanel()->summary().isValid() && !window.dataPanel()->isBusy(), 30000);

        std::vector<std::unique_ptr<QProcess>> cli;
        for (int i = 0; i < 2; ++i) {
            const std::string yaml = m_fx.path("cli" + std::to_string(i) + ".yaml");
            testutil::writeBytes(yaml, "model: " + m_fx.modelDir() + "\ndata: {path: " + m_fx.datasetPath() +
                                           ", format: alpaca, validation_split: 0.2, max_length: 128}\n"
                                           "lora: {r: 4, lora_alpha: 8, target_modules: [q_proj, v_proj]}\n"
                                           "train: {max_steps: " + std::to_string(kSteps) +
                                           ", batch_size: 4, eval_every: 5, log_every: 1, device: cpu}\n"
                                           "output_dir: " + m_fx.path("cli-run" + std::to_string(i)) + "\n");
            auto process = std::make_unique<QProcess>();
            process->setProgram(QStringLiteral(LORAWB_CLI_PATH));
            process->setArguments({"train", QString::fromStdString(yaml), "--db", db});
            cli.push_back(std::move(process));
        }
        struct KillLeftovers { // a failed check returns early: the processes must not outlive the test
            std::vector<std::unique_ptr<QProcess>>& processes;
            ~KillLeftovers()
            {
                for (auto& p : processes)
                    if (p->state() != QProcess::NotRunning) {
                        p->kill();
                        p->waitForFinished(5000);
                    }
            }
        } killLeftovers{cli};

        window.trainingPanel()->start(); // the window's first writes and the processes' first opens collide
        for (auto& process : cli)
            process->start();
        QVERIFY(window.trainingPanel()->isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(!window.trainingPanel()->isRunning(), 240000);
        for (auto& process : cli) {
            QVERIFY(process->state() == QProcess::NotRunning || process->waitForFinished(240000));
            const QString err = QString::fromUtf8(process->readAllStandardError());
            QVERIFY2(process->exitStatus() == QProcess::NormalExit && process->exitCode() == 0,
                     qPrintable(err + QString::fromUtf8(process->readAllStandardOutput()).right(2000)));
            QVERIFY2(!err.contains("locked") && !err.contains("history off"), qPrintable(err));
        }
        for (QWidget* w : QApplication::topLevelWidgets()) // a failed GUI run would have opened a dialog
            QVERIFY2(!(qobject_cast<QDialog*>(w) && w->isVisible()), "a dialog opened during the shared run");
        QCOMPARE(window.trainingPanel()->lastSummary().steps, int64_t(kSteps));

        core::RunDatabase history(db.toStdString());
        const auto runs = history.runs();
        QCOMPARE(int(runs.size()), 3);
        for (const auto& run : runs) {
            QVERIFY2(run.status == core::RunStatus::Finished, run.outputDir.c_str());
            QCOMPARE(int(history.metrics(run.id, "train_loss").size()), kSteps);
            QVERIFY(!history.metrics(run.id, "eval_loss").empty());
        }
        sqlite3* raw = nullptr;
        QCOMPARE(sqlite3_open_v2(db.toUtf8().constData(), &raw, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
        sqlite3_stmt* check = nullptr;
        QCOMPARE(sqlite3_prepare_v2(raw, "PRAGMA integrity_check", -1, &check, nullptr), SQLITE_OK);
        QCOMPARE(sqlite3_step(check), SQLITE_ROW);
        const QString verdict = QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(check, 0)));
        sqlite3_finalize(check);
        sqlite3_close(raw);
        QCOMPARE(verdict, QString("ok"));
    }
};

QTEST_MAIN(TestSharedHistory)
#include "test_shared_history.moc"
