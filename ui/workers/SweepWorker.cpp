#include "ui/workers/SweepWorker.h"

#include "core/history/RunDatabase.h"
#include "core/run/SweepRunner.h"
#include "ui/common/ErrorText.h"


namespace ui {

SweepWorker::SweepWorker(QObject* parent) : RunSignals(parent) {}

SweepWorker::~SweepWorker() = default;

void SweepWorker::emitFinals(int index, qint64 runId, const QString& databasePath)
{
    // Read here rather than on the GUI thread: a busy database must never stall the window.
    try {
        core::RunDatabase db(databasePath.toStdString());
        if (const auto run = db.run(runId)) {
            QVariantMap finals;
            for (const auto& [name, value] : run->finals)
                finals.insert(QString::fromStdString(name), value);
            Q_EMIT itemFinals(index, runId, finals);
        }
    } catch (const std::exception& e) {
        Q_EMIT logLine(tr("run history: could not read run %1: %2").arg(runId).arg(QString::fromUtf8(e.what())));
    }
}

void SweepWorker::run(const QString& sweepFile, const QString& databasePath)
{
    m_running.store(true);
    resetSteps();
    try {
        core::SweepOptions options;
        options.databasePath = databasePath.toStdString();
        core::SweepRunner runner(core::loadSweep(sweepFile.toStdString()), options, &m_control);
        core::SweepObserver observer;
        observer.onSweep = [this](int64_t id) { Q_EMIT sweepStarted(id); };
        observer.onItem = [this, databasePath](const core::SweepItemState& s) {
            flushSteps(true); // the steps of a run arrive before the run's end
            Q_EMIT itemState(s.index, s.total, QString::fromStdString(s.label), QString::fromStdString(s.state),
                             QString::fromStdString(s.message), s.runId);
            const bool ended = s.state == "done" || s.state == "finished" || s.state == "stopped" || s.state == "failed";
            if (ended && s.runId != 0)
                emitFinals(s.index, s.runId, databasePath);
        };
        observer.run = runObserver();
        runner.setObserver(std::move(observer));
        const core::SweepOutcome outcome = runner.run();
        flushSteps(true);
        m_running.store(false);
        Q_EMIT finished(outcome.stopped, outcome.finished, outcome.skipped, outcome.failed);
    } catch (...) {
        flushSteps(true);
        const ErrorText error = describeException(std::current_exception());
        m_running.store(false);
        Q_EMIT failed(error.message, error.detail);
    }
}

} // namespace ui
