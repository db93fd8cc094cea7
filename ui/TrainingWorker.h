#pragma once
// Runs one training run on its own QThread (DESIGN.md, "Threads"): core::ExperimentRunner loads the model, prepares
// the data, measures forgetting when the experiment asks for it, trains and records the run in the run history, all
// on that thread (libtorch's grad mode is thread-local); the worker reports through queued signals, throttled at the
// source. QtCore only. Stop and pause are atomic flags the GUI thread sets directly: a queued slot would never run
// while the training loop holds this thread.
#include "core/export/ExperimentConfig.h"
#include "core/train/Metrics.h"
#include "ui/RunSignals.h"

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>

#include <atomic>
#include <mutex>

namespace core {
class ExperimentRunner;
}

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
    void clearStop() { m_stop.store(false); } ///< before queuing a new run, so a Stop pressed right after Start counts
    void requestStop();
    void setPaused(bool paused);
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
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_paused{false};
    std::mutex m_trainerMutex;
    core::ExperimentRunner* m_runner = nullptr; // guarded by m_trainerMutex; lives on the worker thread during run()
    QString m_databasePath;
};

} // namespace ui
