// Training from the window: Start → step signals → plot points; Stop within one step and Resume; the GUI thread is
// never blocked for long while training; worker errors end in one dialog with the controls enabled again; export
// writes an adapter that core::loadAdapter loads.
#include "TinyWorkbenchFixture.h"

#include "core/lora/AdapterIO.h"
#include "core/lora/LoraInjector.h"
#include "ui/data/DataPanel.h"
#include "ui/window/MainWindow.h"
#include "ui/model/ModelPanel.h"
#include "ui/train/TrainingCharts.h"
#include "ui/train/TrainingPanel.h"
#include "ui/train/TrainingSettingsForm.h"
#include "ui/workers/TrainingWorker.h"
#include "ui/tryit/TryItPanel.h"

#include <QElapsedTimer>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>

#include <atomic>

namespace {

// Records the longest gap between ticks of a 10 ms timer on the GUI thread.
class TickRecorder : public QObject {
public:
    TickRecorder()
    {
        m_timer.setInterval(10);
        connect(&m_timer, &QTimer::timeout, this, [this]() {
            const qint64 now = m_clock.elapsed();
            m_maxGap = std::max(m_maxGap, now - m_last);
            m_last = now;
        });
        m_clock.start();
        m_timer.start();
    }
    qint64 maxGapMs() const { return m_maxGap; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_maxGap = 0;
};

} // namespace

class TestTraining : public QObject {
    Q_OBJECT
private:
    fixture::TinyWorkbench m_fx;

    // A window with the tiny model and dataset loaded and the given number of steps.
    std::unique_ptr<ui::MainWindow> window(int steps, const std::string& dataset = {})
    {
        auto w = std::make_unique<ui::MainWindow>(nullptr, /*restoreSession=*/false);
        w->trainingPanel()->settings()->setRunsFolder(m_fx.qpath("runs"));
        w->modelPanel()->loadModel(QString::fromStdString(m_fx.modelDir()));
        w->dataPanel()->setDatasetPath(QString::fromStdString(dataset.empty() ? m_fx.datasetPath() : dataset));
        w->findChild<QSpinBox*>("maxSteps")->setValue(steps);
        w->findChild<QSpinBox*>("batchSize")->setValue(4);
        w->findChild<QSpinBox*>("evalEvery")->setValue(5);
        w->findChild<QSpinBox*>("warmupSteps")->setValue(2);
        [&] { QTRY_VERIFY_WITH_TIMEOUT(w->modelPanel()->summary().isValid() && !w->dataPanel()->isBusy(), 30000); }();
        return w;
    }

    static core::RunSummary waitForEnd(ui::MainWindow& w)
    {
        QSignalSpy finished(w.trainingPanel(), &ui::TrainingPanel::runFinished);
        if (w.trainingPanel()->isRunning())
            [&] { QTRY_VERIFY_WITH_TIMEOUT(!w.trainingPanel()->isRunning(), 120000); }();
        return w.trainingPanel()->lastSummary();
    }

private Q_SLOTS:
    void initTestCase() { m_fx.setUp(); }

    void startSendsStepsThatReachThePlot()
    {
        auto w = window(12);
        TickRecorder ticks;
        QSignalSpy steps(w->trainingPanel()->worker(), &ui::TrainingWorker::stepsReady);
        w->trainingPanel()->start();
        QVERIFY(w->trainingPanel()->isRunning());
        QVERIFY(!w->findChild<QPushButton*>("startButton")->isEnabled());
        const core::RunSummary summary = waitForEnd(*w);
        QVERIFY(steps.count() >= 1);
        QCOMPARE(summary.steps, int64_t(12));
        QVERIFY(!summary.stopped);
        QCOMPARE(w->trainingPanel()->charts()->trainPointCount(), 12); // every step, batched, none lost
        QVERIFY(w->trainingPanel()->charts()->evalPointCount() >= 2);   // steps 5 and 10 (and the end)
        QVERIFY(w->findChild<QPushButton*>("startButton")->isEnabled());
        QVERIFY(QFileInfo::exists(QString::fromStdString(summary.exportDir) + "/adapter_model.safetensors"));
        qInfo("longest GUI-thread gap while training: %lld ms", ticks.maxGapMs());
        QVERIFY2(ticks.maxGapMs() < 100, qPrintable(QString("GUI thread blocked %1 ms").arg(ticks.maxGapMs())));
    }

    void stopTakesEffectWithinOneStepAndResumeFinishes()
    {
        auto w = window(400);
        ui::TrainingWorker* worker = w->trainingPanel()->worker();
        worker->setThrottleMs(0);
        // Stop from inside the step report of step 3 (on the worker thread): the loop must not run step 4.
        std::atomic<int64_t> stopAt{-1};
        auto connection = connect(worker, &ui::TrainingWorker::stepsReady, worker,
                                  [worker, &stopAt](const QList<core::StepMetrics>& steps) {
                                      if (stopAt.load() < 0 && steps.last().step >= 3) {
                                          stopAt.store(steps.last().step);
                                          worker->requestStop();
                                      }
                                  },
                                  Qt::DirectConnection);
        w->trainingPanel()->start();
        const core::RunSummary stopped = waitForEnd(*w);
        disconnect(connection);
        QVERIFY(stopped.stopped);
        QCOMPARE(stopped.steps, stopAt.load());
        QVERIFY(!stopped.checkpointDir.empty());
        QVERIFY(w->findChild<QPushButton*>("resumeButton")->isEnabled());

        // The Stop button from the GUI thread: at most one more step after the click.
        w->trainingPanel()->resume();
        QTRY_VERIFY_WITH_TIMEOUT(w->trainingPanel()->charts()->trainPointCount() >= 6, 60000);
        const int seen = w->trainingPanel()->charts()->trainPointCount();
        w->findChild<QPushButton*>("stopButton")->click();
        const core::RunSummary second = waitForEnd(*w);
        QVERIFY(second.stopped);
        QVERIFY2(second.steps <= seen + 2, qPrintable(QString("%1 steps after seeing %2").arg(second.steps).arg(seen)));

        // Resume to the end: the plot continues where it stopped.
        w->findChild<QSpinBox*>("maxSteps")->setValue(1); // ignored: resume keeps the run's own settings
        TickRecorder ticks; // a few seconds of training: the window keeps ticking
        w->trainingPanel()->resume();
        const core::RunSummary done = waitForEnd(*w);
        qInfo("longest GUI-thread gap over %d steps: %lld ms", 400 - second.steps, ticks.maxGapMs());
        QVERIFY2(ticks.maxGapMs() < 100, qPrintable(QString("GUI thread blocked %1 ms").arg(ticks.maxGapMs())));
        QVERIFY(!done.stopped);
        QCOMPARE(done.steps, int64_t(400));
        QCOMPARE(w->trainingPanel()->charts()->trainPointCount(), 400);
    }

    void exportWritesALoadableAdapter()
    {
        auto w = window(4);
        QVERIFY(!w->exportAdapterTo(m_fx.qpath("nothing-yet"), /*quiet=*/true).isEmpty());
        w->trainingPanel()->start();
        waitForEnd(*w);
        const QString target = m_fx.qpath("exported/adapter");
        QCOMPARE(w->exportAdapterTo(target, true), QString());
        for (const char* file : {"adapter_config.json", "adapter_model.safetensors", "README.md"})
            QVERIFY2(QFileInfo::exists(target + "/" + file), file);
        auto loaded = fixture::TinyWorkbench::load(m_fx.modelDir());
        const core::LoraConfig cfg = core::loadAdapter(*loaded.model, target.toStdString());
        QCOMPARE(cfg.r, w->currentExperiment().lora.r);
        QCOMPARE(int(core::loraLayers(*loaded.model).size()), 14); // 7 modules × 2 layers
        QCOMPARE(w->tryItPanel()->adapterDir(), w->trainingPanel()->lastAdapterDir());
    }

    void tryItGeneratesWithBaseAndAdapter()
    {
        auto w = window(3);
        w->trainingPanel()->start();
        waitForEnd(*w);
        ui::TryItPanel* tryIt = w->tryItPanel();
        QVERIFY(!tryIt->generateButton()->isEnabled()); // no prompt yet
        tryIt->setPrompt("Add one to the number 3");
        QVERIFY(tryIt->generateButton()->isEnabled());
        QSignalSpy generated(tryIt, &ui::TryItPanel::generated);
        tryIt->generate();
        QVERIFY(generated.wait(60000));
        QVERIFY(!tryIt->baseOutput().startsWith("Generating"));
        QVERIFY(!tryIt->adaptedOutput().startsWith("Generating"));
        QVERIFY(!tryIt->adaptedOutput().startsWith("(no adapter)"));
    }

    void shortcutsStartAndStop()
    {
        auto w = window(100000);
        w->show();
        QVERIFY(QTest::qWaitForWindowActive(w.get()));
        QTest::keyClick(w.get(), Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(w->trainingPanel()->isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(w->trainingPanel()->charts()->trainPointCount() >= 2, 60000);
        QTest::keyClick(w.get(), Qt::Key_Escape);
        const core::RunSummary summary = waitForEnd(*w);
        QVERIFY(summary.stopped);
        QVERIFY(summary.steps < 100000);
        QVERIFY(w->findChild<QPushButton*>("resumeButton")->isEnabled());
    }

    void workerErrorShowsOneDialogAndReenablesControls()
    {
        auto w = window(5, m_fx.corruptPath());
        QVERIFY(!w->dataPanel()->errorText().isEmpty());
        QSignalSpy failed(w->trainingPanel(), &ui::TrainingPanel::runFailed);
        w->trainingPanel()->start();
        QVERIFY(failed.wait(60000));
        QVERIFY2(failed.first().first().toString().contains("corrupt.jsonl"), qPrintable(failed.first().first().toString()));
        const auto boxes = w->findChildren<QMessageBox*>("trainingErrorDialog");
        QCOMPARE(boxes.size(), 1);
        QVERIFY(boxes.first()->isVisible());
        QVERIFY(!w->trainingPanel()->isRunning());
        QVERIFY(w->findChild<QPushButton*>("startButton")->isEnabled());
        QVERIFY(w->dataPanel()->isEnabled());
        boxes.first()->accept();
    }
};

QTEST_MAIN(TestTraining)
#include "test_training.moc"
