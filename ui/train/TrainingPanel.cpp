#include "ui/train/TrainingPanel.h"

#include "core/common/Version.h"
#include "core/history/RunDatabase.h"
#include "ui/train/TrainingCharts.h"
#include "ui/train/TrainingSettingsForm.h"
#include "ui/workers/TrainingWorker.h"

#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QThread>
#include <QVBoxLayout>

namespace ui {

namespace {

QString clock(double seconds)
{
    const qint64 s = static_cast<qint64>(seconds + 0.5);
    return s >= 3600 ? QStringLiteral("%1:%2:%3").arg(s / 3600).arg(s / 60 % 60, 2, 10, QLatin1Char('0')).arg(s % 60, 2, 10, QLatin1Char('0'))
                     : QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

TrainingPanel::TrainingPanel(QWidget* parent)
    : QWidget(parent), m_thread(new QThread(this)), m_worker(new TrainingWorker)
{
    // Every run is recorded in the run history ($LORAWB_DB or the user's data folder), like `lorawb train` runs.
    m_worker->setDatabasePath(QString::fromStdString(core::RunDatabase::defaultPath()));
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread->setObjectName("TrainingThread");
    m_thread->start();

    auto* layout = new QHBoxLayout(this);
    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    m_settings = new TrainingSettingsForm(left);
    leftLayout->addWidget(m_settings);

    auto* buttons = new QHBoxLayout;
    m_start = new QPushButton(left);
    m_start->setObjectName("startButton");
    m_pause = new QPushButton(left);
    m_pause->setObjectName("pauseButton");
    m_pause->setCheckable(true);
    m_stop = new QPushButton(left);
    m_stop->setObjectName("stopButton");
    m_resume = new QPushButton(left);
    m_resume->setObjectName("resumeButton");
    for (QPushButton* b : {m_start, m_pause, m_stop, m_resume})
        buttons->addWidget(b);
    leftLayout->addLayout(buttons);
    m_progress = new QProgressBar(left);
    m_progress->setObjectName("progress");
    leftLayout->addWidget(m_progress);
    m_status = new QLabel(left);
    m_status->setObjectName("trainingStatus");
    m_status->setWordWrap(true);
    showStatus([] { return tr("Ready."); });
    leftLayout->addWidget(m_status);
    leftLayout->addStretch();

    auto* right = new QSplitter(Qt::Vertical, this);
    m_charts = new TrainingCharts(right);
    m_log = new QPlainTextEdit(right);
    m_log->setObjectName("trainingLog");
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(10000);
    right->addWidget(m_charts);
    right->addWidget(m_log);
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 1);
    layout->addWidget(left);
    layout->addWidget(right, 1);

    connect(m_start, &QPushButton::clicked, this, &TrainingPanel::start);
    connect(m_stop, &QPushButton::clicked, this, &TrainingPanel::stop);
    connect(m_pause, &QPushButton::clicked, this, &TrainingPanel::togglePause);
    connect(m_resume, &QPushButton::clicked, this, &TrainingPanel::resume);
    connect(m_worker, &TrainingWorker::stepsReady, this, &TrainingPanel::onSteps);
    connect(m_worker, &TrainingWorker::evalReady, this, &TrainingPanel::onEval);
    connect(m_worker, &TrainingWorker::logLine, this, &TrainingPanel::appendLog);
    // A phase is core's text ("Loading the model…"), shown as it comes.
    connect(m_worker, &TrainingWorker::phase, this,
            [this](const QString& text) { showStatus([text] { return text; }); });
    connect(m_worker, &TrainingWorker::finished, this, &TrainingPanel::onFinished);
    connect(m_worker, &TrainingWorker::failed, this, &TrainingPanel::onFailed);
    connect(m_settings, &TrainingSettingsForm::changed, this, &TrainingPanel::settingsChanged);
    updateButtons();
    retranslateUi();
}

void TrainingPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void TrainingPanel::retranslateUi()
{
    m_start->setText(tr("Start"));
    m_start->setToolTip(tr("Start a new run with the current settings (Ctrl+Return)."));
    m_pause->setText(tr("Pause"));
    m_stop->setText(tr("Stop"));
    m_stop->setToolTip(tr("Stop after the current step (Esc). A checkpoint and the adapter are written, so the run "
                          "can be resumed or exported."));
    m_resume->setText(tr("Resume"));
    m_resume->setToolTip(tr("Continue the stopped run exactly where it stopped, with the settings it started with."));
    m_status->setText(m_describeStatus());
}

void TrainingPanel::showStatus(std::function<QString()> describe)
{
    m_describeStatus = std::move(describe);
    m_status->setText(m_describeStatus());
}

TrainingPanel::~TrainingPanel()
{
    m_worker->requestStop();
    m_thread->quit();
    m_thread->wait();
}

void TrainingPanel::start()
{
    if (m_running)
        return;
    core::ExperimentConfig cfg = m_provider ? m_provider() : core::ExperimentConfig();
    m_settings->apply(cfg.train);
    // Leave a core to the window so that it stays responsive on small machines.
    if (cfg.train.threads == 0 && cfg.train.device == "cpu")
        cfg.train.threads = std::max(1, QThread::idealThreadCount() - 1);
    const QString name = cfg.name.empty() ? QStringLiteral("run") : QString::fromStdString(cfg.name);
    cfg.outputDir = QDir(m_settings->runsFolder())
                        .filePath(name + QLatin1Char('-') + QDateTime::currentDateTime().toString("yyyyMMdd-HHmmss-zzz"))
                        .toStdString();
    m_charts->clear();
    m_log->clear();
    launch(cfg, /*resume=*/false);
}

void TrainingPanel::resume()
{
    if (m_running || !m_canResume)
        return;
    launch(m_lastExperiment, /*resume=*/true);
}

void TrainingPanel::launch(const core::ExperimentConfig& cfg, bool resume)
{
    m_lastExperiment = cfg;
    m_lastSummary = core::RunSummary();
    m_paused = false;
    m_pause->setChecked(false);
    m_worker->setPaused(false);
    m_worker->clearStop();
    appendLog(resume ? tr("Resuming %1").arg(QString::fromStdString(cfg.outputDir))
                     : tr("Starting %1").arg(QString::fromStdString(cfg.outputDir)));
    setRunning(true);
    TrainingWorker* worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker, cfg, resume]() { worker->run(cfg, resume); }, Qt::QueuedConnection);
}

void TrainingPanel::stop()
{
    if (!m_running)
        return;
    m_worker->requestStop(); // an atomic flag: the loop sees it before its next step
    showStatus([] { return tr("Stopping after this step…"); });
}

void TrainingPanel::togglePause()
{
    if (!m_running) {
        m_pause->setChecked(false);
        return;
    }
    m_paused = !m_paused;
    m_pause->setChecked(m_paused);
    m_worker->setPaused(m_paused);
    const bool paused = m_paused;
    showStatus([paused] { return paused ? tr("Paused.") : tr("Training…"); });
}

void TrainingPanel::onSteps(const QList<core::StepMetrics>& steps)
{
    if (steps.isEmpty())
        return;
    m_charts->addSteps(steps);
    const core::StepMetrics& m = steps.last();
    m_progress->setRange(0, static_cast<int>(m.totalSteps));
    m_progress->setValue(static_cast<int>(m.step));
    if (!m_paused)
        showStatus([m] {
            const QLocale locale;
            return tr("step %1 / %2 · loss %3 · %4 tokens/s · elapsed %5 · ETA %6")
                .arg(locale.toString(m.step), locale.toString(m.totalSteps), locale.toString(m.loggedLoss, 'f', 4),
                     locale.toString(m.tokensPerSecond, 'f', 0), clock(m.elapsedSeconds), clock(m.etaSeconds));
        });
}

void TrainingPanel::onEval(const core::EvalMetrics& metrics)
{
    m_charts->addEval(metrics);
    const QLocale locale;
    if (!metrics.taskScores.empty()) { // a task head: its loss and scores, no next-token perplexity
        QString scores; // ", eval_accuracy 0.7500": the history's names, as the run records them
        for (const auto& [name, value] : metrics.taskScores)
            scores += QStringLiteral(", %1 %2").arg(QString::fromStdString(name), locale.toString(value, 'f', 4));
        appendLog(tr("step %1: eval_loss %2%3")
                      .arg(locale.toString(metrics.step), locale.toString(metrics.loss, 'f', 4), scores));
        return;
    }
    appendLog(tr("step %1: eval_loss %2 (mean of the batches' means, as HF), token mean %3, perplexity %4")
                  .arg(locale.toString(metrics.step), locale.toString(metrics.loss, 'f', 4),
                       locale.toString(metrics.tokenLoss, 'f', 4), locale.toString(metrics.perplexity, 'f', 2)));
}

void TrainingPanel::onFinished(const core::RunSummary& summary)
{
    m_lastSummary = summary;
    m_canResume = summary.stopped && !summary.checkpointDir.empty();
    showStatus([summary] {
        const QLocale locale;
        if (summary.stopped)
            return tr("Stopped at step %L1 of %L2. Resume continues from the checkpoint.")
                .arg(summary.steps)
                .arg(summary.totalSteps);
        const int steps = static_cast<int>(summary.steps);
        const QString mean = locale.toString(summary.meanTrainLoss, 'f', 4);
        const QString last = locale.toString(summary.finalTrainLoss, 'f', 4);
        if (summary.finalEvalLoss < 0) // no evaluation ran
            return tr("Finished %Ln step(s). train_loss %1 (mean over the run; last step %2).", nullptr, steps)
                .arg(mean, last);
        return tr("Finished %Ln step(s). train_loss %1 (mean over the run; last step %2), eval_loss %3.", nullptr,
                  steps)
            .arg(mean, last, locale.toString(summary.finalEvalLoss, 'f', 4));
    });
    setRunning(false);
    Q_EMIT runFinished(summary);
}

void TrainingPanel::onFailed(const QString& message, const QString& detail)
{
    appendLog(tr("Error: %1").arg(detail));
    showStatus([] { return tr("Failed."); });
    setRunning(false);
    // One dialog, not blocking the event loop (window-modal, open()).
    auto* box = new QMessageBox(QMessageBox::Critical, tr("Training failed"), message, QMessageBox::Ok, this);
    box->setObjectName("trainingErrorDialog");
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    Q_EMIT runFailed(message);
}

void TrainingPanel::appendLog(const QString& line)
{
    m_log->appendPlainText(QDateTime::currentDateTime().toString("HH:mm:ss  ") + line);
}

void TrainingPanel::setRunning(bool running)
{
    m_running = running;
    if (running)
        m_canResume = false;
    updateButtons();
    Q_EMIT runningChanged(running);
}

void TrainingPanel::updateButtons()
{
    m_start->setEnabled(!m_running);
    m_pause->setEnabled(m_running);
    m_stop->setEnabled(m_running);
    m_resume->setEnabled(!m_running && m_canResume);
    m_settings->setEnabled(!m_running);
}

} // namespace ui
