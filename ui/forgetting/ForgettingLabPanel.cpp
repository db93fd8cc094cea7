#include "ui/forgetting/ForgettingLabPanel.h"

#include "core/history/RunDatabase.h"
#include "ui/forgetting/AdapterToggleTable.h"
#include "ui/common/ErrorText.h"
#include "ui/forgetting/ForgettingCurves.h"
#include "ui/forgetting/ForgettingExplanation.h"
#include "ui/forgetting/ForgettingLabControls.h"
#include "ui/forgetting/GainVsForgettingPlot.h"
#include "ui/workers/TrainingWorker.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QThread>
#include <QVBoxLayout>

#include <algorithm>

namespace ui {

ForgettingLabPanel::ForgettingLabPanel(QWidget* parent)
    : QWidget(parent), m_thread(new QThread(this)), m_worker(new TrainingWorker)
{
    // Every run is recorded in the run history, like the training tab's and `lorawb forgetting`'s runs.
    m_databasePath = QString::fromStdString(core::RunDatabase::defaultPath());
    m_worker->setDatabasePath(m_databasePath);
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread->setObjectName("ForgettingLabThread");
    m_thread->start();

    auto* layout = new QHBoxLayout(this);
    auto* left = new QWidget(this);
    left->setMaximumWidth(380);
    auto* leftLayout = new QVBoxLayout(left);
    m_controls = new ForgettingLabControls(left);
    m_controls->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    leftLayout->addWidget(m_controls);
    auto* buttons = new QHBoxLayout;
    m_run = new QPushButton(left);
    m_run->setObjectName("runComparison");
    m_stop = new QPushButton(left);
    m_stop->setObjectName("stopComparison");
    buttons->addWidget(m_run, 1);
    buttons->addWidget(m_stop);
    leftLayout->addLayout(buttons);
    m_progress = new QLabel(left);
    m_error = new QLabel(left);
    m_progress->setObjectName("comparisonProgress");
    m_error->setObjectName("comparisonError");
    for (QLabel* label : {m_progress, m_error}) {
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        leftLayout->addWidget(label);
    }
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #c62828; }"));
    m_error->hide();
    leftLayout->addStretch();

    // Right: the result in words on top, the curves, then gain vs forgetting beside the adapter on/off table.
    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    m_explanation = new ForgettingExplanation(right);
    m_explanation->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    rightLayout->addWidget(m_explanation);
    auto* plots = new QSplitter(Qt::Vertical, right);
    m_curves = new ForgettingCurves(plots);
    auto* bottom = new QSplitter(Qt::Horizontal, plots);
    m_gain = new GainVsForgettingPlot(bottom);
    m_gain->setDatabasePath(m_databasePath);
    m_table = new AdapterToggleTable(bottom);
    bottom->addWidget(m_gain);
    bottom->addWidget(m_table);
    bottom->setSizes({500, 500}); // the table needs room for a column per task
    plots->addWidget(m_curves);
    plots->addWidget(bottom);
    plots->setSizes({600, 400});
    rightLayout->addWidget(plots, 1);
    layout->addWidget(left);
    layout->addWidget(right, 1);

    connect(m_run, &QPushButton::clicked, this, &ForgettingLabPanel::runComparison);
    connect(m_stop, &QPushButton::clicked, this, &ForgettingLabPanel::stop);
    connect(m_controls, &ForgettingLabControls::currentExperimentRequested, this,
            &ForgettingLabPanel::currentExperimentRequested);
    connect(m_controls, &ForgettingLabControls::problem, this, [this](const QString& message) { showError(message); });
    connect(m_controls, &ForgettingLabControls::changed, this, &ForgettingLabPanel::nameRunButton);
    connect(m_worker, &TrainingWorker::stepsReady, this, &ForgettingLabPanel::onSteps);
    connect(m_worker, &TrainingWorker::probeReady, this, &ForgettingLabPanel::onProbe);
    connect(m_worker, &TrainingWorker::phase, this, [this](const QString& text) {
        // The worker's phase arrives worded; the run's part of the line follows the language.
        showProgress([this, index = m_current, text] { return tr("%1 — %2").arg(runPrefix(index), text); });
    });
    connect(m_worker, &TrainingWorker::recorded, this, [this](qint64 id) {
        if (m_current >= 0 && m_current < runCount())
            m_runs[static_cast<size_t>(m_current)].runId = id;
    });
    connect(m_worker, &TrainingWorker::finished, this, &ForgettingLabPanel::onFinished);
    connect(m_worker, &TrainingWorker::failed, this, &ForgettingLabPanel::onFailed);
    showProgress([] { return tr("Ready."); });
    retranslateUi();
    setRunning(false);
}

void ForgettingLabPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void ForgettingLabPanel::retranslateUi()
{
    nameRunButton();
    m_run->setToolTip(tr("Train the same data with each ticked method, one run after another, measuring forgetting "
                         "before, during and after."));
    m_stop->setText(tr("Stop"));
    m_stop->setToolTip(tr("Stop the current run after its step and skip the rest; the runs done so far are kept."));
    m_progress->setText(m_progressText());
    if (m_errorText)
        m_error->setText(m_errorText());
}

void ForgettingLabPanel::nameRunButton()
{
    m_run->setText(m_controls->usesDemo() ? tr("Run the demo comparison") : tr("Run comparison"));
}

void ForgettingLabPanel::showProgress(Phrase text)
{
    m_progressText = std::move(text);
    m_progress->setText(m_progressText());
}

ForgettingLabPanel::~ForgettingLabPanel()
{
    m_stopRequested = true;
    m_worker->requestStop();
    m_thread->quit();
    m_thread->wait();
}

QLabel* ForgettingLabPanel::explanationLabel() const { return m_explanation->label(); }
QString ForgettingLabPanel::errorText() const { return m_error->isHidden() ? QString() : m_error->text(); }

int ForgettingLabPanel::completedRunCount() const
{
    return static_cast<int>(std::count_if(m_runs.begin(), m_runs.end(), [](const ForgettingLabRun& r) { return r.ended && !r.failed; }));
}

std::vector<core::ComparisonPoint> ForgettingLabPanel::points() const
{
    std::vector<core::ComparisonPoint> out;
    for (const ForgettingLabRun& run : m_runs)
        if (run.point && !run.summary.stopped)
            out.push_back(*run.point);
    return out;
}

void ForgettingLabPanel::setExperiment(const core::ExperimentConfig& cfg) { m_controls->setExperiment(cfg); }

void ForgettingLabPanel::runComparison()
{
    if (m_running)
        return;
    showError(QString());
    core::ExperimentConfig cfg;
    std::vector<ForgettingLabRun> runs;
    try {
        cfg = m_controls->experiment();
        runs = labRuns(cfg, m_controls->loraChecked(), m_controls->fullChecked(), m_controls->ranks(), m_runsFolder);
    } catch (...) {
        showError(describeException(std::current_exception()).message);
        return;
    }
    m_trainedTask = core::trainedTaskName(cfg);
    m_runs = std::move(runs);
    m_curves->clear();
    m_table->clear();
    m_explanation->clear();
    m_gain->setTrainedTask(QString::fromStdString(m_trainedTask));
    m_gain->setPoints({});
    m_current = -1;
    m_stopRequested = false;
    setRunning(true);
    startNext();
}

void ForgettingLabPanel::stop()
{
    if (!m_running)
        return;
    m_stopRequested = true;
    m_worker->requestStop(); // an atomic flag: the training loop sees it before its next step
    showProgress([this, index = m_current] { return tr("%1 — stopping after this step…").arg(runPrefix(index)); });
}

void ForgettingLabPanel::startNext()
{
    if (m_stopRequested) {
        finishComparison([done = m_current + 1, runs = runCount()] {
            return tr("Stopped: %1 of %n run(s) done; the rest were skipped.", nullptr, runs).arg(done);
        });
        return;
    }
    if (++m_current >= runCount()) {
        finishComparison([runs = runCount()] {
            return tr("Done: %n run(s) compared, each recorded in the run history.", nullptr, runs);
        });
        return;
    }
    ForgettingLabRun& run = m_runs[static_cast<size_t>(m_current)];
    m_curves->addRun(run.label, run.lora);
    m_table->addRun(run.label, run.cfg.lora, run.lora);
    m_table->setCurrentRun(m_current);
    showProgress([this, index = m_current] { return tr("%1 — starting…").arg(runPrefix(index)); });
    m_worker->clearStop();
    TrainingWorker* worker = m_worker;
    const core::ExperimentConfig cfg = run.cfg;
    QMetaObject::invokeMethod(worker, [worker, cfg]() { worker->run(cfg, /*resume=*/false); }, Qt::QueuedConnection);
}

void ForgettingLabPanel::finishComparison(Phrase status)
{
    showProgress(std::move(status));
    showResults();
    // The on/off table is about the adapter: end on the first LoRA run rather than on full fine-tuning.
    const auto firstLora = std::find_if(m_runs.begin(), m_runs.end(), [](const ForgettingLabRun& r) { return r.lora && r.ended; });
    if (firstLora != m_runs.end())
        m_table->setCurrentRun(static_cast<int>(firstLora - m_runs.begin()));
    setRunning(false);
    Q_EMIT comparisonFinished();
}

QString ForgettingLabPanel::runPrefix(int run) const
{
    if (run < 0 || run >= runCount())
        return tr("Comparison");
    return tr("run %1 of %2: %3")
        .arg(QString::number(run + 1), QString::number(runCount()),
             runDisplayName(m_runs[static_cast<size_t>(run)].label));
}

void ForgettingLabPanel::onSteps(const QList<core::StepMetrics>& steps)
{
    if (steps.isEmpty() || m_current < 0 || m_current >= runCount())
        return;
    m_curves->addSteps(m_current, steps);
    if (!m_stopRequested)
        showProgress([this, index = m_current, step = steps.last().step, total = steps.last().totalSteps] {
            const QLocale locale;
            return tr("%1 — step %2/%3")
                .arg(runPrefix(index), locale.toString(static_cast<qlonglong>(step)),
                     locale.toString(static_cast<qlonglong>(total)));
        });
}

void ForgettingLabPanel::onProbe(qint64 step, const core::ProbeResult& result, bool adapterOff)
{
    if (m_current < 0 || m_current >= runCount())
        return;
    ForgettingLabRun& run = m_runs[static_cast<size_t>(m_current)];
    m_curves->addProbe(m_current, step, result, adapterOff);
    AdapterToggleTable::Row row = AdapterToggleTable::OnRow;
    if (step == 0 && !adapterOff) {
        run.base = result;
        row = AdapterToggleTable::BaseRow;
    } else if (adapterOff) {
        run.off = result;
        row = AdapterToggleTable::OffRow;
    } else {
        run.on = result;
    }
    m_table->setMeasurement(m_current, row, result);
}

void ForgettingLabPanel::onFinished(const core::RunSummary& summary)
{
    if (m_current < 0 || m_current >= runCount())
        return;
    ForgettingLabRun& run = m_runs[static_cast<size_t>(m_current)];
    run.summary = summary;
    run.ended = true;
    completeLabRun(run, m_databasePath, m_trainedTask);
    showResults();
    if (run.runId != 0)
        Q_EMIT runRecorded(run.runId);
    if (summary.stopped)
        m_stopRequested = true; // however it was stopped, the rest are skipped
    startNext();
}

void ForgettingLabPanel::onFailed(const QString& message, const QString& detail)
{
    if (!detail.isEmpty() && detail != message)
        qWarning("forgetting lab: %s", qPrintable(detail));
    if (m_current < 0 || m_current >= runCount())
        return;
    ForgettingLabRun& run = m_runs[static_cast<size_t>(m_current)];
    run.ended = run.failed = true;
    showError([this, failed = m_current, message] {
        return tr("%1 failed: %2 The remaining runs were skipped.").arg(runPrefix(failed), message);
    });
    if (run.runId != 0)
        Q_EMIT runRecorded(run.runId);
    finishComparison([failed = m_current + 1, runs = runCount()] {
        return tr("Ended by an error in run %1 of %2.").arg(failed).arg(runs);
    });
}

void ForgettingLabPanel::showResults()
{
    const std::vector<ExplainedRun> explained = explainedRuns(m_runs);
    std::vector<core::ComparisonPoint> done; // stopped runs are not comparable: no point on the plot
    for (const ExplainedRun& e : explained)
        if (!e.stopped)
            done.push_back(e.point);
    m_gain->setPoints(done);
    m_explanation->setRuns(explained);
}

void ForgettingLabPanel::showError(const QString& message)
{
    showError([message] { return message; });
}

void ForgettingLabPanel::showError(Phrase message)
{
    m_errorText = std::move(message);
    const QString text = m_errorText();
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

void ForgettingLabPanel::setRunning(bool running)
{
    const bool changed = m_running != running;
    m_running = running;
    m_run->setEnabled(!running);
    m_stop->setEnabled(running);
    m_controls->setEnabled(!running);
    if (changed)
        Q_EMIT runningChanged(running);
}

QList<qint64> ForgettingLabPanel::recordedRunIds() const
{
    QList<qint64> ids;
    for (const auto& run : m_runs)
        if (run.runId != 0)
            ids.append(run.runId);
    return ids;
}

} // namespace ui
