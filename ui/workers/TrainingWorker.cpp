#include "ui/workers/TrainingWorker.h"

#include "core/common/Error.h"
#include "core/run/ExperimentRunner.h"
#include "ui/common/ErrorText.h"

namespace ui {

TrainingWorker::TrainingWorker(QObject* parent) : RunSignals(parent) {}

TrainingWorker::~TrainingWorker() = default;

void TrainingWorker::run(const core::ExperimentConfig& cfg, bool resume)
{
    m_running.store(true);
    resetSteps();
    try {
        core::RunOptions options;
        options.resume = resume;
        options.databasePath = m_databasePath.toStdString();
        core::ExperimentRunner runner(cfg, options, &m_control);
        runner.setObserver(runObserver());
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
