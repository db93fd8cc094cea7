#pragma once
// Runs a sweep file on its own QThread, exactly as `lorawb sweep FILE` does: core::loadSweep + core::SweepRunner,
// every run recorded in the run history, finished runs skipped and an interrupted one resumed from its checkpoint.
// Reports through queued signals, step metrics batched at the source like TrainingWorker. Stop is the worker's
// core::RunControl, set directly from the GUI thread and read by the sweep and each of its runs between steps (a
// queued slot would never run while a run holds this thread). QtCore only.
#include "core/train/Metrics.h"
#include "core/train/RunControl.h"
#include "ui/workers/RunSignals.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QVariantMap>

#include <atomic>

namespace ui {

class SweepWorker : public RunSignals {
    Q_OBJECT
public:
    explicit SweepWorker(QObject* parent = nullptr);
    ~SweepWorker() override;

    // Thread-safe. clearStop before queuing run(), so that a Cancel pressed right after Start still counts.
    core::RunControl& control() { return m_control; }
    void clearStop() { m_control.reset(); }
    void requestStop() { m_control.requestStop(); } ///< the current run stops within a step; no further run starts
    bool isRunning() const { return m_running.load(); }

public Q_SLOTS:
    // Runs (or resumes) the sweep file, recording into databasePath. Call it on the worker's thread.
    void run(const QString& sweepFile, const QString& databasePath);

Q_SIGNALS:
    void sweepStarted(qint64 sweepId); ///< the sweep's row in the history
    // state: core::SweepItemState's — "done" (finished earlier), "starting", "resuming", "finished", "stopped",
    // "failed" (message says why). runId: the run's history row (0 before it exists).
    void itemState(int index, int total, const QString& label, const QString& state, const QString& message,
                   qint64 runId);
    // A run's final evaluation from the history (train_loss, eval_loss, accuracy/<task>…), once it ended or was done.
    void itemFinals(int index, qint64 runId, const QVariantMap& finals);
    // phase, stepsReady, evalReady, logLine, probeReady, recorded (the running item's): see RunSignals.
    void finished(bool stopped, int finishedCount, int skipped, int failed);
    void failed(const QString& message, const QString& detail); ///< the sweep itself failed (bad file, no database)

private:
    void emitFinals(int index, qint64 runId, const QString& databasePath);

    std::atomic<bool> m_running{false};
    core::RunControl m_control;
};

} // namespace ui
