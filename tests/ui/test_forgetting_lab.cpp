// The forgetting lab: LoRA (bias none) and full fine-tuning of the same data, one after the other, on a tiny Qwen2-style
// model (q/k/v biases): every run draws its lines (+ the adapter-off line), LoRA's adapter-off row equals the base row
// exactly and the verdict says so; with bias all it does not; the gain-vs-forgetting plot gets a point per run; the
// explanation names both runs and says which forgot more; Stop ends with the runs done so far; bad settings are
// refused with a message.
#include "TinyWorkbenchFixture.h"

#include "core/history/RunDatabase.h"
#include "core/run/ProbeText.h"
#include "ui/forgetting/AdapterToggleTable.h"
#include "ui/forgetting/ForgettingCurves.h"
#include "ui/forgetting/ForgettingExplanation.h"
#include "ui/forgetting/ForgettingLabControls.h"
#include "ui/forgetting/ForgettingLabPanel.h"
#include "ui/forgetting/GainVsForgettingPlot.h"
#include "ui/common/QCustomPlotInclude.h"
#include "ui/workers/TrainingWorker.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTableWidget>

namespace {

constexpr int kTimeoutMs = 120000;

core::ComparisonPoint point(const std::string& finetune, int r, double taskBefore, double taskAfter, double retainBefore,
                            double retainAfter, double earlierBefore, double earlierAfter)
{
    core::ComparisonPoint p;
    p.finetune = finetune;
    p.r = r;
    p.label = finetune == "full" ? "full fine-tuning" : "LoRA r=" + std::to_string(r);
    p.trainedTask = "task_b_test";
    p.taskBefore = taskBefore;
    p.taskAfter = taskAfter;
    p.taskGain = taskAfter - taskBefore;
    p.retainPerplexityBefore = retainBefore;
    p.retainPerplexityAfter = retainAfter;
    p.retainIncreasePercent = 100.0 * (retainAfter / retainBefore - 1.0);
    p.otherTasks["task_a_test"] = {earlierBefore, earlierAfter};
    return p;
}

} // namespace

class TestForgettingLab : public QObject {
    Q_OBJECT
private:
    fixture::TinyWorkbench m_fx;

    // LoRA r=4 on q/k/v/o of the Qwen2-style model; the probe reads a short retain text and one task file.
    core::ExperimentConfig experiment(core::LoraBias bias, int steps) const
    {
        core::ExperimentConfig cfg;
        cfg.name = "lab";
        cfg.model = m_fx.qwenDir();
        cfg.lora.r = 4;
        cfg.lora.loraAlpha = 8;
        cfg.lora.bias = bias;
        cfg.lora.targetModules.names = {"q_proj", "k_proj", "v_proj", "o_proj"};
        cfg.data.path = m_fx.datasetPath();
        cfg.data.maxLength = 256;
        cfg.train.maxSteps = steps;
        cfg.train.batchSize = 4;
        cfg.train.learningRate = 1e-2;
        cfg.train.evalEvery = 1;
        cfg.train.device = "cpu";
        cfg.train.threads = 1;
        cfg.forgetting.retainPath = m_fx.path("retain.txt");
        cfg.forgetting.taskPaths = {m_fx.path("tasks_test.jsonl")};
        cfg.forgetting.accuracyLimit = 3;
        return cfg;
    }

    std::unique_ptr<ui::ForgettingLabPanel> panel(const core::ExperimentConfig& cfg, bool full) const
    {
        auto p = std::make_unique<ui::ForgettingLabPanel>(nullptr);
        p->setRunsFolder(m_fx.qpath("runs"));
        p->setExperiment(cfg);
        p->controls()->loraBox()->setChecked(true);
        p->controls()->fullBox()->setChecked(full);
        p->controls()->ranksBox()->setChecked(false);
        return p;
    }

    static bool waitForEnd(QSignalSpy& finished)
    {
        return finished.count() > 0 || finished.wait(kTimeoutMs);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_fx.setUp();
        std::ofstream(m_fx.path("retain.txt")) << "all that glitters is not gold\nto be or not to be that is the question\n";
        m_fx.writeDataset(m_fx.path("tasks_test.jsonl"), 3);
    }

    void loraAndFullSideBySide()
    {
        auto p = panel(experiment(core::LoraBias::None, 3), /*full=*/true);
        QSignalSpy finished(p.get(), &ui::ForgettingLabPanel::comparisonFinished);
        QSignalSpy recorded(p.get(), &ui::ForgettingLabPanel::runRecorded);
        p->runComparison();
        QVERIFY2(p->isRunning(), qPrintable(p->errorText()));
        QVERIFY(!p->runButton()->isEnabled());
        QVERIFY(waitForEnd(finished));
        QVERIFY2(p->errorText().isEmpty(), qPrintable(p->errorText()));
        QVERIFY(!p->isRunning());
        QCOMPARE(p->runCount(), 2);
        QCOMPARE(p->completedRunCount(), 2);
        QCOMPARE(recorded.count(), 2);

        // Curves: LoRA on + LoRA off + full = 3 lines per probe plot; the loss plot has one line per run.
        ui::ForgettingCurves* curves = p->curves();
        QCOMPARE(curves->graphCount("train_loss"), 2);
        for (const QString& metric : {QString("retain_perplexity"), QString("retain_kl"), QString("accuracy/tasks_test")}) {
            QCOMPARE(curves->graphCount(metric), 3);
            QCOMPARE(curves->pointCount(metric, 0, false), 4); // step 0 (base) and steps 1..3
            QCOMPARE(curves->pointCount(metric, 0, true), 4);
            QCOMPARE(curves->pointCount(metric, 1, true), 0);  // full fine-tuning has no adapter to switch off
        }
        QCOMPARE(curves->pointCount("train_loss", 1, false), 3);
        curves->setShow(ui::ForgettingCurves::Show::AdapterOn);
        QVERIFY(!curves->plot("retain_perplexity")->graph(1)->visible());
        curves->setShow(ui::ForgettingCurves::Show::Both);

        // The table: LoRA (bias none) switched off is the base, bit for bit.
        ui::AdapterToggleTable* table = p->toggleTable();
        QCOMPARE(table->runCount(), 2);
        QCOMPARE(table->currentRun(), 0); // the comparison ends showing the LoRA run, not the last one
        const core::ProbeResult* base = table->measurement(0, ui::AdapterToggleTable::BaseRow);
        const core::ProbeResult* on = table->measurement(0, ui::AdapterToggleTable::OnRow);
        const core::ProbeResult* off = table->measurement(0, ui::AdapterToggleTable::OffRow);
        QVERIFY(base && on && off);
        QCOMPARE(off->maxAbsLogitDiff, 0.0);
        QCOMPARE(off->retainLoss, base->retainLoss);
        QCOMPARE(off->retainPerplexity, base->retainPerplexity);
        QVERIFY(on->maxAbsLogitDiff > 0);
        QVERIFY(table->offEqualsBase(0));
        for (int column = 0; column < table->table()->columnCount(); ++column)
            QCOMPARE(table->table()->item(ui::AdapterToggleTable::OffRow, column)->text(),
                     table->table()->item(ui::AdapterToggleTable::BaseRow, column)->text());
        core::LoraConfig loraNone;
        QCOMPARE(table->verdictText(), QString::fromStdString(core::adapterOffVerdict(*base, *off, loraNone)));
        QVERIFY2(table->verdictText().contains("max |Δlogit| = 0)"), qPrintable(table->verdictText()));
        table->setCurrentRun(1);
        QVERIFY2(table->verdictText().contains("no adapter"), qPrintable(table->verdictText()));

        // One point per run, and the explanation names both with their numbers.
        QCOMPARE(p->gainPlot()->pointCount(), 2);
        QCOMPARE(static_cast<int>(p->points().size()), 2);
        const QString text = p->explanationLabel()->text();
        qInfo("%s", qPrintable(text));
        QVERIFY2(text.contains("LoRA r=4 trained") && text.contains("Full fine-tuning trained all of them"), qPrintable(text));
        QVERIFY2(text.contains("retain perplexity") && text.contains("tasks went"), qPrintable(text));
        QVERIFY2(text.contains("LoRA forgot") || text.contains("Here LoRA forgot more"), qPrintable(text));

        // Both runs are in the history with the probe's finals.
        core::RunDatabase db(core::RunDatabase::defaultPath());
        for (const core::ComparisonPoint& pt : p->points()) {
            const auto run = db.run(pt.runId);
            QVERIFY(run.has_value());
            QVERIFY(run->finals.count("base_retain_perplexity"));
            QVERIFY(run->finals.count("accuracy/tasks_test"));
        }
        // The history checkbox finds the first comparison's runs once a second one ran; here it has none but these.
        p->gainPlot()->setShowHistory(true);
        QCOMPARE(p->gainPlot()->pointCount(), 2);
    }

    void biasAllAdapterOffIsNotTheBase()
    {
        auto p = panel(experiment(core::LoraBias::All, 2), /*full=*/false);
        QSignalSpy finished(p.get(), &ui::ForgettingLabPanel::comparisonFinished);
        p->runComparison();
        QVERIFY(waitForEnd(finished));
        QVERIFY2(p->errorText().isEmpty(), qPrintable(p->errorText()));
        QCOMPARE(p->runCount(), 1);
        const ui::AdapterToggleTable* table = p->toggleTable();
        const core::ProbeResult* base = table->measurement(0, ui::AdapterToggleTable::BaseRow);
        const core::ProbeResult* off = table->measurement(0, ui::AdapterToggleTable::OffRow);
        QVERIFY(base && off);
        QVERIFY(off->maxAbsLogitDiff > 0);
        QVERIFY(off->retainLoss != base->retainLoss);
        QVERIFY(!table->offEqualsBase(0));
        core::LoraConfig loraAll;
        loraAll.bias = core::LoraBias::All;
        QCOMPARE(table->verdictText(), QString::fromStdString(core::adapterOffVerdict(*base, *off, loraAll)));
        QVERIFY2(!table->verdictText().contains("max |Δlogit| = 0)"), qPrintable(table->verdictText()));
        // The earlier comparison's runs (same trained task) are now comparable history points.
        p->gainPlot()->setShowHistory(true);
        QVERIFY2(p->gainPlot()->historyPointCount() >= 2, qPrintable(p->gainPlot()->historyMessage()));
    }

    void stopEndsWithTheRunsDoneSoFar()
    {
        auto p = panel(experiment(core::LoraBias::None, 400), /*full=*/true);
        QSignalSpy finished(p.get(), &ui::ForgettingLabPanel::comparisonFinished);
        QSignalSpy steps(p->worker(), &ui::TrainingWorker::stepsReady);
        p->runComparison();
        QVERIFY(steps.count() > 0 || steps.wait(kTimeoutMs));
        QVERIFY2(p->isRunning(), qPrintable(p->errorText()));
        p->stop();
        QVERIFY(waitForEnd(finished));
        QVERIFY(!p->isRunning());
        QCOMPARE(p->completedRunCount(), 1); // the LoRA run, stopped; full fine-tuning never started
        QCOMPARE(p->toggleTable()->runCount(), 1);
        QVERIFY2(p->progressLabel()->text().contains("Stopped"), qPrintable(p->progressLabel()->text()));
        QVERIFY2(p->explanationLabel()->text().contains("was stopped at step"), qPrintable(p->explanationLabel()->text()));
        QCOMPARE(p->gainPlot()->pointCount(), 0);
        QVERIFY(p->runButton()->isEnabled());
    }

    void badSettingsAreRefusedWithAMessage()
    {
        auto p = panel(experiment(core::LoraBias::None, 2), /*full=*/true);
        p->controls()->ranksBox()->setChecked(true);
        p->controls()->ranksEdit()->setText("1, four");
        p->runComparison();
        QVERIFY(!p->isRunning());
        QVERIFY2(p->errorText().contains("'four' is not a rank"), qPrintable(p->errorText()));

        p->controls()->ranksBox()->setChecked(false);
        p->controls()->retainEdit()->setText(m_fx.qpath("missing.txt"));
        p->runComparison();
        QVERIFY(!p->isRunning());
        QVERIFY2(p->errorText().contains("missing.txt") && p->errorText().contains("does not exist"),
                 qPrintable(p->errorText()));

        // A run that fails (here: its data file is missing) ends the comparison with the engine's message.
        core::ExperimentConfig missingData = experiment(core::LoraBias::None, 2);
        missingData.data.path = m_fx.path("no_such_data.jsonl");
        p->setExperiment(missingData);
        p->controls()->retainEdit()->setText(m_fx.qpath("retain.txt"));
        QSignalSpy finished(p.get(), &ui::ForgettingLabPanel::comparisonFinished);
        p->runComparison();
        QVERIFY(waitForEnd(finished));
        QVERIFY(!p->isRunning());
        QVERIFY2(p->errorText().contains("run 1 of 2: LoRA r=4 failed") && p->errorText().contains("no_such_data.jsonl"),
                 qPrintable(p->errorText()));
        QCOMPARE(p->completedRunCount(), 0);

        QCOMPARE(ui::parseRankList("1, 4, 16").value(), (std::vector<int>{1, 4, 16}));
        QVERIFY(!ui::parseRankList("0").has_value());
        QVERIFY(ui::parseRankList("").value().empty());
    }

    void demoIsTheDefault()
    {
        const QString demo = ui::ForgettingLabControls::demoExperimentPath();
        if (demo.isEmpty())
            QSKIP("no resources folder with experiments/ here");
        ui::ForgettingLabPanel p(nullptr);
        QCOMPARE(p.controls()->experimentEdit()->text(), demo);
        QVERIFY(p.controls()->usesDemo());
        QCOMPARE(p.runButton()->text(), QString("Run the demo comparison"));
        QVERIFY2(p.controls()->retainEdit()->text().endsWith("retain.txt"), qPrintable(p.controls()->retainEdit()->text()));
        QVERIFY(QFileInfo::exists(p.controls()->retainEdit()->text()));
        QCOMPARE(p.controls()->taskList()->count(), 2);
        QVERIFY(p.controls()->taskList()->item(1)->text().endsWith("task_b_test.jsonl"));
        p.setExperiment(experiment(core::LoraBias::None, 2));
        QVERIFY(!p.controls()->usesDemo());
        QCOMPARE(p.runButton()->text(), QString("Run comparison"));
    }

    void explanationIsWrittenFromThePoints()
    {
        std::vector<ui::ExplainedRun> runs(2);
        runs[0].point = point("lora", 8, 0.0, 0.91, 20.0, 20.8, 0.96, 0.96);
        runs[0].point.trainableParams = 9;
        runs[0].allParams = 1000;
        runs[1].point = point("full", 0, 0.0, 0.96, 20.0, 386.0, 0.96, 0.12);
        runs[1].point.trainableParams = runs[1].allParams = 1000;
        QString text = ui::explainComparison(runs);
        QVERIFY2(text.contains("LoRA r=8 trained 0.9 % of the weights: task B went 0 % → 91 %, task A stayed at 96 %, "
                               "retain perplexity rose 4.0 %."), qPrintable(text));
        QVERIFY2(text.contains("Full fine-tuning trained all of them: task B went 0 % → 96 %, task A fell from 96 % "
                               "to 12 %, retain perplexity rose 1,830 %."), qPrintable(text));
        QVERIFY2(text.contains("LoRA forgot less than full fine-tuning — but not nothing."), qPrintable(text));

        // A LoRA run that forgot more is reported as such, not hidden.
        runs[0].point = point("lora", 8, 0.0, 0.91, 20.0, 500.0, 0.96, 0.5);
        text = ui::explainComparison(runs);
        QVERIFY2(text.contains("Here LoRA forgot more than full fine-tuning: LoRA r=8 (retain perplexity +2,400 % "
                               "against +1,830 %)"), qPrintable(text));
        QVERIFY(!text.contains("LoRA forgot less"));

        // Full fine-tuning that improved an earlier task does not make LoRA's "no change" a loss.
        runs[0].point = point("lora", 8, 0.0, 0.91, 20.0, 20.0, 0.0, 0.0);
        runs[1].point = point("full", 0, 0.0, 0.96, 20.0, 19.0, 0.0, 0.05);
        text = ui::explainComparison(runs);
        QVERIFY2(text.contains("Neither LoRA nor full fine-tuning forgot anything measurable here."), qPrintable(text));
        QVERIFY2(text.contains("task A rose from 0 % to 5 %") && text.contains("retain perplexity fell 5.0 %"),
                 qPrintable(text));

        runs[1].stopped = true;
        runs[1].steps = 12;
        runs[1].totalSteps = 300;
        text = ui::explainComparison(runs);
        QVERIFY2(text.contains("Full fine-tuning was stopped at step 12 of 300"), qPrintable(text));
        QCOMPARE(ui::taskDisplayName("task_b_test"), QString("task B"));
    }

    void scatterJoinsRanksAndSkipsWhatWasNotMeasured()
    {
        ui::GainVsForgettingPlot plot(nullptr);
        std::vector<core::ComparisonPoint> points{point("lora", 16, 0, 0.9, 20, 21, 0.9, 0.8),
                                                  point("full", 0, 0, 0.95, 20, 40, 0.9, 0.1),
                                                  point("lora", 1, 0, 0.6, 20, 20.2, 0.9, 0.9)};
        plot.setPoints(points);
        QCOMPARE(plot.pointCount(), 3);
        QVERIFY(plot.plot()->legend->visible());
        auto* lora = qobject_cast<QCPCurve*>(plot.plot()->plottable(1));
        QVERIFY(lora);
        QCOMPARE(lora->dataCount(), 2);
        QCOMPARE(lora->data()->at(0)->mainValue(), 60.0); // r = 1 first: joined in order of r (gain 60 points)
        points[1].otherTasks.clear();
        plot.setPoints(points);
        plot.setMeasure(ui::GainVsForgettingPlot::Measure::EarlierTaskDrop);
        QCOMPARE(plot.pointCount(), 2);
        QCOMPARE(*ui::GainVsForgettingPlot::forgetting(points[0], ui::GainVsForgettingPlot::Measure::EarlierTaskDrop),
                 10.0);
    }
};

QTEST_MAIN(TestForgettingLab)
#include "test_forgetting_lab.moc"
