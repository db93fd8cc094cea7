#pragma once
// What a worker thread reports of the experiment runs it drives (TrainingWorker: one run; SweepWorker: a sweep's
// runs): core::RunObserver's callbacks turned into queued signals, step metrics batched at the source (StepBatch).
// One wiring for every worker, so that the Train tab, the labs and the sweep tab see the same signals.
#include "core/run/ExperimentRunner.h"
#include "ui/common/MetaTypes.h"
#include "ui/workers/StepBatch.h"

#include <QList>
#include <QObject>
#include <QString>

namespace ui {

class RunSignals : public QObject {
    Q_OBJECT
public:
    explicit RunSignals(QObject* parent = nullptr);

    // Step metrics are batched and sent at most every `ms` milliseconds (and always at the end of a run).
    void setThrottleMs(int ms) { m_steps.setIntervalMs(ms); }

Q_SIGNALS:
    void phase(const QString& text);                        ///< "Loading the model…", "Preparing the data…"
    void stepsReady(const QList<core::StepMetrics>& steps); ///< every logged step, in order, batched
    void evalReady(const core::EvalMetrics& metrics);
    void logLine(const QString& line);
    void checkpointWritten(const QString& path);
    // The forgetting probe (experiments with a forgetting: section): step 0 is the base; adapterOff: the same
    // measurement with the LoRA adapter switched off.
    void probeReady(qint64 step, const core::ProbeResult& result, bool adapterOff);
    void recorded(qint64 runId); ///< the run's row in the history

protected:
    // Callbacks that emit the signals above; the engine calls them on the worker thread.
    core::RunObserver runObserver();
    void resetSteps() { m_steps.reset(); }
    void flushSteps(bool force);

private:
    StepBatch m_steps; // worker thread only
};

} // namespace ui
