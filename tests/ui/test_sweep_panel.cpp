// The sweep tab: the form validates inline and writes sweep files that core::loadSweep (hence `lorawb sweep`) expands
// to the same runs and that the form reads back; a 3-run sweep lands 3 runs with curves in the history; Cancel
// leaves the sweep paused, and a new panel on the same history resumes it without duplicating the interrupted run.
#include "TinyWorkbenchFixture.h"

#include "core/history/RunDatabase.h"
#include "core/run/SweepSpec.h"
#include "ui/sweeps/SweepGrid.h"
#include "ui/sweeps/SweepGridForm.h"
#include "ui/sweeps/SweepLossPlot.h"
#include "ui/sweeps/SweepPanel.h"
#include "ui/sweeps/SweepQueueTable.h"
#include "ui/workers/SweepWorker.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSpinBox>

#include <atomic>

class TestSweepPanel : public QObject {
    Q_OBJECT
private:
    fixture::TinyWorkbench m_fx;
    QString m_base; // a tiny experiment file

    // The grid r ∈ {1, 2, 4}, targets qv, 2 steps a run.
    void setUpGrid(ui::SweepPanel& panel, const QString& name)
    {
        ui::SweepGridForm* form = panel.form();
        form->nameEdit()->setText(name);
        form->outputEdit()->setText(m_fx.qpath("sweeps/" + name.toStdString()));
        form->rEdit()->setText("1, 2, 4");
        form->alphaEdit()->setText("2r");
        for (const QString& preset : ui::targetPresetNames())
            form->targetBox(preset)->setChecked(preset == "qv");
        form->dropoutEdit()->setText("0");
        form->learningRateEdit()->setText("1e-3");
        form->maxStepsBox()->setValue(2);
    }

    static QStringList specLabels(const core::SweepSpec& spec)
    {
        QStringList labels;
        for (const auto& item : spec.items)
            labels << QString::fromStdString(item.label);
        return labels;
    }

    static QStringList queueLabels(ui::SweepQueueTable* queue)
    {
        QStringList labels;
        for (int i = 0; i < queue->rowCount(); ++i)
            labels << queue->labelAt(i);
        return labels;
    }

    static void waitForEnd(ui::SweepPanel& panel)
    {
        QTRY_VERIFY_WITH_TIMEOUT(!panel.isRunning(), 180000);
    }

    static std::vector<core::RunRecord> sweepRuns(const QString& db, int64_t sweepId)
    {
        core::RunFilter filter;
        filter.sweepId = sweepId;
        return core::RunDatabase(db.toStdString()).runs(filter);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_fx.setUp();
        m_base = m_fx.qpath("base.yaml");
        std::ofstream(m_base.toStdString())
            << "model: " << m_fx.modelDir() << "\n"
            << "task_type: CAUSAL_LM\n"
            << "lora: {r: 4, lora_alpha: 8, lora_dropout: 0.0, bias: none, target_modules: [q_proj, v_proj]}\n"
            << "data: {path: " << m_fx.datasetPath() << ", format: alpaca, validation_split: 0.25, max_length: 256}\n"
            << "train: {max_steps: 7, batch_size: 4, learning_rate: 2.0e-3, lr_scheduler: constant, seed: 1, "
               "device: cpu, threads: 1}\n"
            << "output_dir: " << m_fx.path("base-run") << "\n";
    }

    void formValidatesInline()
    {
        ui::SweepPanel panel(nullptr);
        panel.setDatabasePath(m_fx.qpath("validation.sqlite"));
        panel.setBaseExperimentFile(m_base);
        // The base experiment's rate and steps are suggested for the fields not typed in.
        QCOMPARE(panel.form()->learningRateEdit()->text(), QString("0.002"));
        QCOMPARE(panel.form()->maxStepsBox()->value(), 7);
        setUpGrid(panel, "validation");
        QCOMPARE(panel.form()->countLabel()->text(), QString("3 runs"));
        QTRY_VERIFY(panel.startButton()->isEnabled());
        QCOMPARE(panel.previewLabels().size(), 3);
        panel.form()->alphaEdit()->setText("8, 2r");
        QCOMPARE(panel.form()->countLabel()->text(), QString("6 runs"));
        panel.form()->targetBox("all")->setChecked(true);
        QCOMPARE(panel.form()->countLabel()->text(), QString("12 runs"));

        const struct {
            QLineEdit* edit;
            const char* text;
            const char* expected;
        } bad[] = {{panel.form()->rEdit(), "", "r values: write at least one value"},
                   {panel.form()->rEdit(), "1, two", "'two' is not a number"},
                   {panel.form()->rEdit(), "0, 2", "'0' is not a whole number of at least 1"},
                   {panel.form()->rEdit(), "2, 2", "appears twice"},
                   {panel.form()->alphaEdit(), "-4", "must be above 0"},
                   {panel.form()->alphaEdit(), "xr", "neither a number nor '<k>r'"},
                   {panel.form()->dropoutEdit(), "1", "at least 0 and below 1"},
                   {panel.form()->learningRateEdit(), "0", "learning rates: 0 must be above 0"}};
        for (const auto& c : bad) {
            const QString good = c.edit->text();
            c.edit->setText(c.text);
            QVERIFY2(panel.form()->errorLabel()->text().contains(c.expected), qPrintable(panel.form()->errorLabel()->text()));
            QCOMPARE(panel.form()->countLabel()->text(), QString("— runs"));
            QVERIFY(!panel.startButton()->isEnabled());
            QVERIFY(!panel.startSweep());
            c.edit->setText(good);
            QTRY_VERIFY(panel.startButton()->isEnabled());
        }
        for (const QString& preset : ui::targetPresetNames())
            panel.form()->targetBox(preset)->setChecked(false);
        QVERIFY(panel.form()->errorLabel()->text().contains("tick at least one preset"));
        QVERIFY(!panel.startButton()->isEnabled());
        panel.form()->targetBox("mlp")->setChecked(true);
        QTRY_VERIFY(panel.startButton()->isEnabled());

        // A bad base experiment: loadSweep's message, naming the file and the key.
        const QString broken = m_fx.qpath("broken.yaml");
        std::ofstream(broken.toStdString()) << "model: " << m_fx.modelDir() << "\nlora: {rr: 4}\ndata: {path: x.jsonl}\n";
        panel.setBaseExperimentFile(broken);
        QTRY_VERIFY(!panel.errorText().isEmpty());
        QVERIFY2(panel.errorText().contains("broken.yaml") && panel.errorText().contains("rr"),
                 qPrintable(panel.errorText()));
        QVERIFY(!panel.startButton()->isEnabled());
        QVERIFY(!panel.startSweep());
        QVERIFY(!panel.isRunning());

        // No base at all.
        panel.setBaseExperimentFile("");
        QTRY_VERIFY(panel.errorText().contains("Base experiment"));
        QVERIFY(!panel.startButton()->isEnabled());
    }

    void gridYamlRoundTrips()
    {
        ui::SweepGrid grid;
        grid.name = "round trip";
        grid.experiment = "base.yaml";
        grid.outputDir = "/tmp/out dir";
        grid.rValues = "1 2, 16";
        grid.alphaValues = "2r, 32";
        grid.targets = {"all", "qv"};
        grid.dropoutValues = "0, 0.1";
        grid.learningRates = "1e-3";
        grid.maxSteps = 12;
        grid.extraSet = {{"train.eval_every", "5"}, {"forgetting.task_paths", "[a.jsonl, b.jsonl]"}};
        QString reason;
        const auto back = ui::gridFromSweepYaml(ui::sweepYaml(grid), &reason);
        QVERIFY2(back.has_value(), qPrintable(reason));
        QCOMPARE(back->name, grid.name);
        QCOMPARE(back->experiment, grid.experiment);
        QCOMPARE(back->outputDir, grid.outputDir);
        QCOMPARE(back->rValues, QString("1, 2, 16"));
        QCOMPARE(back->alphaValues, QString("2r, 32"));
        QCOMPARE(back->targets, grid.targets);
        QCOMPARE(back->dropoutValues, QString("0, 0.1"));
        QCOMPARE(back->learningRates, QString("1e-3"));
        QCOMPARE(back->maxSteps, 12);
        QCOMPARE(back->extraSet, grid.extraSet);
        // Files of another shape are run as they are.
        QVERIFY(!ui::gridFromSweepYaml("name: x\nexperiment: e.yaml\nset: {train.max_steps: 2}\n"
                                       "grid: {lora.r: [1], train.batch_size: [2, 4]}\noutput_dir: o\n",
                                       &reason));
        QVERIFY2(reason.contains("lora.r, train.batch_size"), qPrintable(reason));
        QVERIFY(!ui::gridFromSweepYaml("name: [unclosed", &reason));
    }

    void savedFileLoadsWithTheSameLabelsAndOpensBack()
    {
        ui::SweepPanel panel(nullptr);
        panel.setDatabasePath(m_fx.qpath("save.sqlite"));
        // The main window's experiment: saved as base.yaml in the output folder.
        panel.setExperiment(core::loadExperiment(m_base.toStdString()));
        setUpGrid(panel, "saved");
        panel.form()->targetBox("attention")->setChecked(true);
        QTRY_VERIFY(panel.startButton()->isEnabled());
        const QStringList labels = panel.previewLabels();
        QCOMPARE(labels.size(), 6);
        const QString file = m_fx.qpath("elsewhere/saved-sweep.yaml");
        QVERIFY2(panel.saveSweepFile(file), qPrintable(panel.errorText()));
        QVERIFY(QFileInfo::exists(m_fx.qpath("sweeps/saved/base.yaml")));
        const core::SweepSpec spec = core::loadSweep(file.toStdString());
        QCOMPARE(specLabels(spec), labels);
        QCOMPARE(spec.items[0].config.train.maxSteps, int64_t(2));
        QCOMPARE(spec.items[0].config.model, m_fx.modelDir());
        QCOMPARE(QString::fromStdString(spec.items.back().config.outputDir), m_fx.qpath("sweeps/saved/06-r_4_alpha_2r_8_targets_qv"));

        ui::SweepPanel reopened(nullptr);
        QVERIFY(reopened.openSweepFile(file));
        QVERIFY(!reopened.isCustomFile());
        QCOMPARE(reopened.form()->rEdit()->text(), QString("1, 2, 4"));
        QCOMPARE(reopened.form()->grid().targets, QStringList({"attention", "qv"}));
        QCOMPARE(reopened.baseExperimentFile(), m_fx.qpath("sweeps/saved/base.yaml"));
        QTRY_VERIFY(reopened.startButton()->isEnabled());
        QCOMPARE(reopened.previewLabels(), labels);

        // The bundled demo sweep fills the form; what it leaves to its base experiment (dropout, learning rate)
        // comes from there, and its other settings ride along unchanged.
        const QString demo = QString(LORAWB_SOURCE_DIR) + "/resources/sweeps/demo_rank_sweep.yaml";
        QVERIFY(reopened.openSweepFile(demo));
        QVERIFY2(!reopened.isCustomFile(), qPrintable(reopened.findChild<QLabel*>("customSweepNote")->text()));
        QCOMPARE(reopened.form()->rEdit()->text(), QString("1, 2, 4, 8"));
        QCOMPARE(reopened.form()->maxStepsBox()->value(), 150);
        QCOMPARE(reopened.form()->learningRateEdit()->text(), QString("0.001"));
        QCOMPARE(reopened.form()->dropoutEdit()->text(), QString("0.05"));
        QVERIFY(reopened.findChild<QLabel*>("extraSettings")->text().contains("forgetting.retain_path"));
        QTRY_VERIFY(reopened.startButton()->isEnabled());
        QCOMPARE(reopened.previewLabels(), specLabels(core::loadSweep(demo.toStdString())));

        // A file the form has no fields for: shown, and run as it is.
        const QString custom = m_fx.qpath("elsewhere/custom.yaml");
        std::ofstream(custom.toStdString()) << "name: custom\nexperiment: " << m_base.toStdString()
                                            << "\ngrid: {train.batch_size: [2, 4]}\noutput_dir: "
                                            << m_fx.path("sweeps/custom") << "\n";
        QVERIFY(reopened.openSweepFile(custom));
        QVERIFY(reopened.isCustomFile());
        QVERIFY(reopened.findChild<QPlainTextEdit*>("customSweepText")->toPlainText().contains("train.batch_size"));
        QTRY_COMPARE(reopened.previewLabels(), QStringList({"batch_size=2", "batch_size=4"}));
        QVERIFY(reopened.startButton()->isEnabled());
    }

    void sweepOfThreeRunsLandsInTheHistory()
    {
        const QString db = m_fx.qpath("three.sqlite");
        ui::SweepPanel panel(nullptr);
        panel.setDatabasePath(db);
        panel.setBaseExperimentFile(m_base);
        setUpGrid(panel, "three");
        QSignalSpy finished(&panel, &ui::SweepPanel::sweepFinished);
        QSignalSpy recorded(&panel, &ui::SweepPanel::runRecorded);
        QVERIFY2(panel.startSweep(), qPrintable(panel.errorText()));
        QVERIFY(panel.isRunning());
        QVERIFY(panel.cancelButton()->isEnabled());
        QVERIFY(!panel.startButton()->isEnabled());
        waitForEnd(panel);
        QCOMPARE(finished.count(), 1);
        QVERIFY2(panel.errorText().isEmpty(), qPrintable(panel.errorText()));

        const int64_t sweepId = panel.currentSweepId();
        QVERIFY(sweepId > 0);
        const auto runs = sweepRuns(db, sweepId);
        QCOMPARE(int(runs.size()), 3);
        core::RunDatabase history(db.toStdString());
        for (const auto& run : runs) {
            QVERIFY2(run.status == core::RunStatus::Finished, run.message.c_str());
            QCOMPARE(run.steps, int64_t(2));
            QCOMPARE(int(history.metrics(run.id, "train_loss").size()), 2);
            QVERIFY(run.finals.count("train_loss"));
        }
        QCOMPARE(runs[2].r, 4);
        QCOMPARE(runs[2].loraAlpha, 8.0);
        QCOMPARE(QString::fromStdString(runs[0].targets), QString("q_proj,v_proj"));
        QCOMPARE(QString::fromStdString(history.sweep(sweepId)->status), QString("finished"));
        QVERIFY(recorded.count() >= 3);

        ui::SweepQueueTable* queue = panel.queue();
        QCOMPARE(queue->rowCount(), 3);
        QCOMPARE(queue->countState("finished"), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(queue->runIdAt(i), qint64(runs[i].id));
            QVERIFY(!queue->text(i, ui::SweepQueueTable::TrainLossColumn).isEmpty());
            QVERIFY(!queue->text(i, ui::SweepQueueTable::EvalLossColumn).isEmpty());
        }
        QCOMPARE(panel.lossPlot()->currentPointCount(), 2);
        QCOMPARE(panel.lossPlot()->earlierRunCount(), 2);
        // The file Start wrote is what ran: the CLI expands it to the same runs.
        QCOMPARE(panel.lastSweepFile(), m_fx.qpath("sweeps/three/sweep.yaml"));
        QCOMPARE(specLabels(core::loadSweep(panel.lastSweepFile().toStdString())), queueLabels(queue));
        QCOMPARE(panel.resumeCombo()->count(), 0);

        // `lorawb sweep` on the same file and history sees the same sweep, all of it done (when the CLI is built).
        if (QFileInfo::exists(LORAWB_CLI_PATH)) {
            QProcess cli;
            cli.start(LORAWB_CLI_PATH, {"sweep", panel.lastSweepFile(), "--db", db, "--json"});
            QVERIFY(cli.waitForFinished(120000));
            const QByteArray out = cli.readAllStandardOutput();
            QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
            QVERIFY2(out.contains("\"skipped\":3") && out.contains(QByteArray("\"sweep_id\":") + QByteArray::number(sweepId)),
                     out.constData());
        }
    }

    void cancelPausesAndANewPanelResumes()
    {
        const QString db = m_fx.qpath("resume.sqlite");
        int64_t sweepId = 0;
        int64_t firstRun = 0;
        {
            ui::SweepPanel panel(nullptr);
            panel.setDatabasePath(db);
            panel.setBaseExperimentFile(m_base);
            setUpGrid(panel, "resumable");
            ui::SweepWorker* worker = panel.worker();
            worker->setThrottleMs(0);
            // Cancel from the first step report (on the worker thread): the first run stops after step 1 of 2.
            std::atomic<bool> cancelled{false};
            connect(worker, &ui::SweepWorker::stepsReady, worker,
                    [worker, &cancelled](const QList<core::StepMetrics>& steps) {
                        if (!cancelled.load() && steps.last().step >= 1) {
                            cancelled.store(true);
                            worker->requestStop();
                        }
                    },
                    Qt::DirectConnection);
            QVERIFY(panel.startSweep());
            waitForEnd(panel);
            QVERIFY(cancelled.load());
            sweepId = panel.currentSweepId();
            const auto runs = sweepRuns(db, sweepId);
            QCOMPARE(int(runs.size()), 1);
            QCOMPARE(QString::fromStdString(core::toString(runs[0].status)), QString("stopped"));
            QCOMPARE(runs[0].steps, int64_t(1));
            firstRun = runs[0].id;
            QCOMPARE(QString::fromStdString(core::RunDatabase(db.toStdString()).sweep(sweepId)->status), QString("paused"));
            QVERIFY2(panel.queue()->stateAt(0).startsWith("stopped"), qPrintable(panel.queue()->stateAt(0)));
            QCOMPARE(panel.queue()->stateAt(1), QString("waiting"));
            QVERIFY(panel.statusText().contains("paused"));
            QCOMPARE(panel.resumeCombo()->count(), 1);
        }
        // As after a restart of the app, with the sweep file gone: the history keeps its text.
        QVERIFY(QFile::remove(m_fx.qpath("sweeps/resumable/sweep.yaml")));
        ui::SweepPanel panel(nullptr);
        panel.setDatabasePath(db);
        QCOMPARE(panel.resumeCombo()->count(), 1);
        QCOMPARE(panel.resumeCombo()->currentData().toLongLong(), qint64(sweepId));
        QVERIFY(panel.resumeCombo()->currentText().contains("paused"));
        QVERIFY(panel.resumeButton()->isEnabled());
        panel.resumeButton()->click();
        QVERIFY2(panel.isRunning(), qPrintable(panel.errorText()));
        waitForEnd(panel);
        QVERIFY2(panel.errorText().isEmpty(), qPrintable(panel.errorText()));
        QVERIFY(QFileInfo::exists(m_fx.qpath("sweeps/resumable/sweep.yaml")));
        QCOMPARE(panel.currentSweepId(), qint64(sweepId));

        const auto runs = sweepRuns(db, sweepId);
        QCOMPARE(int(runs.size()), 3); // the interrupted run continued in its own row, not a new one
        QCOMPARE(runs[0].id, firstRun);
        core::RunDatabase history(db.toStdString());
        for (const auto& run : runs) {
            QVERIFY2(run.status == core::RunStatus::Finished, run.message.c_str());
            QCOMPARE(run.steps, int64_t(2));
            QCOMPARE(int(history.metrics(run.id, "train_loss").size()), 2); // step 1 not logged twice
        }
        QCOMPARE(QString::fromStdString(history.sweep(sweepId)->status), QString("finished"));
        QCOMPARE(panel.queue()->countState("finished"), 3);
        QCOMPARE(panel.resumeCombo()->count(), 0);
    }
};

QTEST_MAIN(TestSweepPanel)
#include "test_sweep_panel.moc"
