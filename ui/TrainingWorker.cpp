#include "ui/TrainingWorker.h"

#include "core/common/Error.h"
#include "core/run/ExperimentRunner.h"
#include "ui/ErrorText.h"

namespace ui {

TrainingWorker::TrainingWorker(QObject* parent) : RunSignals(parent) {}

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

void TrainingWorker::run(const core::ExperimentConfig& cfg, bool resume)
{
    m_running.store(true);
    resetSteps();
    try {
        core::RunOptions options;
        options.resume = resume;
        options.databasePath = m_databasePath.toStdString();
        core::ExperimentRunner runner(cfg, options);
        runner.setObserver(runObserver());
        {
            std::lock_guard<std::mutex> lock(m_trainerMutex);
            m_runner = &runner;
            runner.setPaused(m_paused.load());
            if (m_stop.load())
                runner.requestStop();
        }
        struct Forget { // the runner dies with this scope: never leave requestStop() a dangling pointer
            TrainingWorker* self;
            ~Forget()
            {
                std::lock_guard<std::mutex> lock(self->m_trainerMutex);
                self->m_runner = nullptr;
            }
        } forget{this};
        const core::ExperimentOutcome outcome = runner.run();
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
