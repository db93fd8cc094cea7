#include "ui/workers/RunSignals.h"

namespace ui {

RunSignals::RunSignals(QObject* parent) : QObject(parent)
{
    registerEngineMetaTypes();
}

void RunSignals::flushSteps(bool force)
{
    const QList<core::StepMetrics> batch = m_steps.take(force);
    if (!batch.isEmpty())
        Q_EMIT stepsReady(batch);
}

core::RunObserver RunSignals::runObserver()
{
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
    return observer;
}

} // namespace ui
