#pragma once
// Runs one training run on its own QThread (DESIGN.md, "Threads"): core::ExperimentRunner loads the model, prepares
// the data, measures forgetting when the experiment asks for it, trains and records the run in the run history, all
// on that thread (libtorch's grad mode is thread-local); the worker reports through queued signals, throttled at the
// source. QtCore only. Stop and pause live in the worker's core::RunControl, which the GUI thread sets directly and
// the training loop reads between steps (a queued slot would never run while the loop holds this thread).
#include "core/experiment/ExperimentConfig.h"
#include "core/train/Metrics.h"
#include "core/train/RunControl.h"
#include "ui/workers/RunSignals.h"

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>

#include <atomic>

namespace ui {

class TrainingWorker : public RunSignals {
    Q_OBJECT
public:
    explicit TrainingWorker(QObject* parent = nullptr);
    ~TrainingWorker() override;

    // The run history runs are recorded in ("" records nothing). Set before run().
    void setDatabasePath(const QString& path) { m_databasePath = path; }
    QString databasePath() const { return m_databasePath; }

    // Thread-safe; take effect within one optimizer step.
    core::RunControl& control() { return m_control; }
    void clearStop() { m_control.reset(); } ///< before queuing a new run, so a Stop pressed right after Start counts
    void requestStop() { m_control.requestStop(); }
    void setPaused(bool paused) { m_control.setPaused(paused); }
    bool isRunning() const { return m_running.load(); }

public Q_SLOTS:
    // Trains cfg to the end or until stopped, in cfg.outputDir. resume: continue from its newest checkpoint.
    // Call it on the worker's thread (QMetaObject::invokeMethod with a queued connection).
    void run(const core::ExperimentConfig& cfg, bool resume);

Q_SIGNALS:
    // phase, stepsReady, evalReady, logLine, checkpointWritten, probeReady, recorded: see RunSignals.
    void finished(const core::RunSummary& summary);
    void failed(const QString& message, const QString& detail);

private:

    std::atomic<bool> m_running{false};
    core::RunControl m_control;
    QString m_databasePath;
};

} // namespace ui
