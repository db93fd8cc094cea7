#include "ui/window/ScreenshotTour.h"

#include "ui/data/DataPanel.h"
#include "ui/window/DemoExperiment.h"
#include "ui/forgetting/ForgettingLabPanel.h"
#include "ui/history/HistoryPanel.h"
#include "ui/ranklab/RankLabPanel.h"
#include "ui/common/ResourcePaths.h"
#include "ui/sweeps/SweepPanel.h"
#include "ui/window/MainWindow.h"
#include "ui/model/ModelPanel.h"
#include "ui/train/TrainingPanel.h"
#include "ui/tryit/TryItPanel.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QTabWidget>
#include <QTimer>

#include <cstdio>

namespace ui {

ScreenshotTour::ScreenshotTour(MainWindow& window, const QString& folder, int trainSteps)
    : m_window(window), m_folder(folder), m_trainSteps(trainSteps)
{
}

void ScreenshotTour::start()
{
    QDir().mkpath(m_folder);
    m_window.resize(1360, 900);
    m_window.show();
    connect(m_window.modelPanel(), &ModelPanel::modelLoaded, this, [this] { QTimer::singleShot(500, this, [this] { afterModel(); }); },
            Qt::SingleShotConnection);
    connect(m_window.modelPanel(), &ModelPanel::modelFailed, this, [this](const QString& m) { fail(m); });
    if (!m_window.loadDemo())
        fail(QStringLiteral("no bundled demo model found (resources/demo/model)"));
}

void ScreenshotTour::shoot(int tab, const QString& name)
{
    m_window.tabs()->setCurrentIndex(tab);
    QCoreApplication::processEvents();
    const QString path = QDir(m_folder).filePath(name + QStringLiteral(".png"));
    if (!m_window.grab().save(path))
        fail(QStringLiteral("cannot write ") + path);
    std::printf("saved %s\n", qPrintable(path));
    std::fflush(stdout);
}

void ScreenshotTour::afterModel()
{
    shoot(0, QStringLiteral("1-model-and-lora"));
    auto* data = m_window.dataPanel();
    auto showPreview = [this, data] {
        data->showRecord(3);
        QTimer::singleShot(1500, this, [this] { afterData(); });
    };
    if (data->isBusy())
        connect(data, &DataPanel::statsReady, this, showPreview, Qt::SingleShotConnection);
    else
        showPreview();
}

void ScreenshotTour::afterData()
{
    shoot(1, QStringLiteral("2-data-preview"));
    m_window.tabs()->setCurrentIndex(2);
    connect(m_window.trainingPanel(), &TrainingPanel::runFailed, this, [this](const QString& m) { fail(m); });
    connect(m_window.trainingPanel(), &TrainingPanel::runFinished, this, [this] { afterTraining(); },
            Qt::SingleShotConnection);
    m_window.trainingPanel()->start();
    watchTraining();
}

// Stops the run after about m_trainSteps steps' worth of time (the demo trains ~2 steps/s on 2 cores).
void ScreenshotTour::watchTraining()
{
    auto* timer = new QTimer(this);
    auto* clock = new QElapsedTimer();
    clock->start();
    connect(timer, &QTimer::timeout, this, [this, timer, clock] {
        if (clock->elapsed() < m_trainSteps * 500)
            return;
        timer->stop();
        delete clock;
        shoot(2, QStringLiteral("3-training-live"));
        m_window.trainingPanel()->stop();
    });
    timer->start(250);
}

void ScreenshotTour::afterTraining()
{
    QTimer::singleShot(800, this, [this] {
        shoot(2, QStringLiteral("4-training-stopped"));
        auto* tryIt = m_window.tryItPanel();
        tryIt->setPrompt(QStringLiteral("Repeat the first number. 51 22 36")); // task A of the bundled demo
        connect(tryIt, &TryItPanel::generated, this, [this] { QTimer::singleShot(300, this, [this] { afterTryIt(); }); },
                Qt::SingleShotConnection);
        m_window.tabs()->setCurrentIndex(3);
        tryIt->generate();
    });
}

void ScreenshotTour::afterTryIt()
{
    shoot(3, QStringLiteral("5-try-it"));
    // The rank lab on the shipped task-A adapter: spectra and heatmap, then the truncation curve.
    auto* rank = m_window.rankLab();
    const int rankTab = m_window.tabs()->indexOf(rank);
    m_window.tabs()->setCurrentIndex(rankTab);
    rank->setAdapterDirectory(QDir(resourcesDir()).filePath(QStringLiteral("demo/adapters/task_a")));
    rank->setEvaluationData(QDir(resourcesDir()).filePath(QStringLiteral("demo/datasets/task_a_test.jsonl")));
    connect(rank, &RankLabPanel::analysisFinished, this, [this, rank, rankTab](bool ok) {
        if (!ok)
            return fail(QStringLiteral("rank lab: ") + rank->errorMessage());
        rank->tabs()->setCurrentIndex(1);
        shoot(rankTab, QStringLiteral("6-rank-lab-spectra"));
        connect(rank, &RankLabPanel::truncationFinished, this, [this, rank, rankTab](bool ok) {
            if (!ok)
                return fail(QStringLiteral("rank lab: ") + rank->errorMessage());
            rank->tabs()->setCurrentIndex(2);
            shoot(rankTab, QStringLiteral("7-rank-lab-truncation"));
            rank->tabs()->setCurrentIndex(0);
            shoot(rankTab, QStringLiteral("8-rank-lab-playground"));
            startForgettingLab();
        }, Qt::SingleShotConnection);
        rank->runTruncation();
    }, Qt::SingleShotConnection);
    rank->analyseAdapter();
}

// The forgetting lab's demo comparison, shortened (the full demo takes minutes): LoRA and full fine-tuning on task B
// from the model that learned task A.
void ScreenshotTour::startForgettingLab()
{
    auto* lab = m_window.forgettingLab();
    const int labTab = m_window.tabs()->indexOf(lab);
    m_window.tabs()->setCurrentIndex(labTab);
    try {
        core::ExperimentConfig cfg = core::loadExperiment(demoForgettingExperimentPath().toStdString(),
                                                          {"train.max_steps=" + std::to_string(m_labSteps),
                                                           "train.eval_every=" + std::to_string(m_labSteps / 4),
                                                           "forgetting.accuracy_limit=20"});
        rebaseInputsOnResources(cfg);
        lab->setExperiment(cfg);
    } catch (const std::exception& e) {
        return fail(QStringLiteral("forgetting lab: ") + QString::fromUtf8(e.what()));
    }
    connect(lab, &ForgettingLabPanel::comparisonFinished, this, [this, lab, labTab] {
        if (!lab->errorText().isEmpty())
            return fail(QStringLiteral("forgetting lab: ") + lab->errorText());
        QTimer::singleShot(800, this, [this, labTab] {
            shoot(labTab, QStringLiteral("9-forgetting-lab"));
            afterForgettingLab();
        });
    }, Qt::SingleShotConnection);
    lab->runComparison();
}

void ScreenshotTour::afterForgettingLab()
{
    auto* sweeps = m_window.sweepPanel();
    const int sweepTab = m_window.tabs()->indexOf(sweeps);
    m_window.tabs()->setCurrentIndex(sweepTab);
    sweeps->openSweepFile(QDir(resourcesDir()).filePath(QStringLiteral("sweeps/demo_rank_sweep.yaml")));
    QTimer::singleShot(1500, this, [this, sweepTab] {
        shoot(sweepTab, QStringLiteral("10-sweeps"));
        auto* history = m_window.historyPanel();
        const int historyTab = m_window.tabs()->indexOf(history);
        m_window.tabs()->setCurrentIndex(historyTab);
        history->refresh();
        // The two runs of the comparison: curves overlaid, configs diffed.
        const auto runs = m_window.forgettingLab()->recordedRunIds();
        history->selectRuns(runs);
        QTimer::singleShot(800, this, [this, historyTab] {
            shoot(historyTab, QStringLiteral("11-history"));
            Q_EMIT finished(0);
        });
    });
}

void ScreenshotTour::fail(const QString& message)
{
    std::fprintf(stderr, "screenshot tour: %s\n", qPrintable(message));
    Q_EMIT finished(1);
}

} // namespace ui
