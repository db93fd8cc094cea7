#include "ui/TrainingWorker.h"

#include "core/common/Error.h"
#include "core/run/ExperimentRunner.h"
#include "ui/ErrorText.h"


namespace ui {

TrainingWorker::TrainingWorker(QObject* parent) : QObject(parent)
{
    registerEngineMetaTypes();
}

TrainingWorker::~TrainingWorker() = default;

void TrainingWorker::requestStop()
{
    m_stop.store(true);
    std::lock_guard<std::mutex> lock(m_trainerMutex);
    if (m_runner)
        m_runner->requestStop();
}

void TrainingWorker::setPaused(bool paused)
{
    m_paused.store(paused);
    std::lock_guard<std::mutex> lock(m_trainerMutex);
    if (m_runner)
        m_runner->setPaused(paused);
}

void TrainingWorker::flushSteps(bool force)
{
    const QList<core::StepMetrics> batch = m_steps.take(force);
    if (!batch.isEmpty())
        Q_EMIT stepsReady(batch);
}

void TrainingWorker::run(const core::ExperimentConfig& cfg, bool resume)
{
    m_running.store(true);
    m_steps.reset();
    try {
        core::RunOptions options;
        options.resume = resume;
        options.databasePath = m_databasePath.toStdString();
        core::ExperimentRunner runner(cfg, options);
        core::RunObserver observer;
        observer.onPhase = [this](const std::string& text) { Q_EMIT phase(QString::fromStdString(text)); };
        observer.trainer.onStep = [this](const core::StepMetrics& m) {
            m_steps.add(m);
            flushSteps(m.step >= m.totalSteps);
        };
        observer.trainer.onEval = [this](const core::EvalMetrics& m) {
            flushSteps(true);
            Q_EMIT evalReady(m);
        };
        observer.trainer.onLog = [this](const std::string& line) { Q_EMIT logLine(QString::fromStdString(line)); };
        observer.trainer.onCheckpoint = [this](const std::string& path) {
            Q_EMIT checkpointWritten(QString::fromStdString(path));
        };
        observer.onProbe = [this](int64_t step, const core::ProbeResult& result, bool adapterOff) {
            flushSteps(true);
            Q_EMIT probeReady(step, result, adapterOff);
        };
        observer.onRecorded = [this](int64_t id) { Q_EMIT recorded(id); };
        runner.setObserver(std::move(observer));
        {
            std::lock_guard<std::mutex> lock(m_trainerMutex);
            m_runner = &runner;
            runner.setPaused(m_paused.load());
            if (m_stop.load())
                runner.requestStop();
        }
        core::ExperimentOutcome outcome;
        try {
            outcome = runner.run();
        } catch (...) {
            std::lock_guard<std::mutex> lock(m_trainerMutex);
            m_runner = nullptr;
            throw;
        }
        {
            std::lock_guard<std::mutex> lock(m_trainerMutex);
            m_runner = nullptr;
        }
        flushSteps(true);
        m_running.store(false);
        Q_EMIT finished(outcome.summary);
    } catch (...) {
        flushSteps(true);
        const ErrorText error = describeException(std::current_exception());
        m_running.store(false);
        Q_EMIT failed(error.message, error.detail);
    }
}

} // namespace ui
