#pragma once
// Runs a sweep's grid one run after another through ExperimentRunner, every run recorded in the run history with the
// sweep's id and its index. The history is also the sweep's memory: started again (after Ctrl-C, a crash or a closed
// app), the same sweep file skips the runs that finished, resumes an interrupted run from its newest checkpoint, and
// goes on with the rest. A changed sweep file (other values, other base experiment) is a new sweep.
#include "core/run/ExperimentRunner.h"
#include "core/run/SweepSpec.h"

#include <functional>
#include <string>
#include <vector>

namespace core {

struct SweepItemState {
    int index = 0;
    int total = 0;
    std::string label;
    std::string state;     ///< "done" (finished earlier), "starting", "resuming", "finished", "stopped", "failed"
    std::string message;   ///< why it failed
    int64_t runId = 0;
};

struct SweepObserver {
    std::function<void(const SweepItemState&)> onItem; ///< before and after each run
    std::function<void(int64_t sweepId)> onSweep;       ///< the sweep's history row, once known
    RunObserver run;                                    ///< each run's steps, evals, probes
};

struct SweepOutcome {
    int64_t sweepId = 0;
    bool stopped = false;
    int finished = 0;      ///< finished in this call
    int skipped = 0;       ///< finished before this call
    int failed = 0;
    std::vector<SweepItemState> items;
};

struct SweepOptions {
    std::string databasePath;  ///< required: the sweep's progress lives there
    bool retryFailed = false;  ///< run again the runs that failed before (default: leave them failed)
};

class SweepRunner {
public:
    // control: stop/pause for the whole sweep, owned by the caller and outliving run(); each run reads the same
    // flags, and no further run starts once a stop was asked for. none: the sweep's own.
    SweepRunner(SweepSpec spec, SweepOptions options, RunControl* control = nullptr);
    void setObserver(SweepObserver observer) { m_observer = std::move(observer); }
    // Thread-safe: the current run stops within a step (checkpoint kept) and no further run starts.
    RunControl& control() { return *m_control; }
    void requestStop() { m_control->requestStop(); }
    const SweepSpec& spec() const { return m_spec; }

    // Runs the pending runs on the calling thread. A run that fails (bad data, diverged loss) is recorded as failed
    // and the sweep goes on; errors of the sweep itself (no database) throw core::Error.
    SweepOutcome run();

private:
    SweepSpec m_spec;
    SweepOptions m_options;
    SweepObserver m_observer;
    RunControl m_ownControl;
    RunControl* m_control;
};

} // namespace core
