#include "core/run/SweepRunner.h"

#include "core/common/Error.h"
#include "core/history/RunDatabase.h"
#include "core/run/RunDescription.h"
#include "core/train/Checkpoint.h"

#include <filesystem>
#include <map>

namespace core {

namespace fs = std::filesystem;

namespace {

// A run that failed before ExperimentRunner wrote its row: the row it continued marked failed, else a new failed row
// with the settings. Best effort: the sweep goes on without it when the history cannot be written. Returns its id.
int64_t recordFailure(const std::string& databasePath, const SweepItem& item, int64_t sweepId, int64_t continuedId,
                      const std::string& message)
{
    try {
        RunDatabase db(databasePath);
        if (continuedId != 0)
            if (auto row = db.run(continuedId)) {
                row->status = RunStatus::Failed;
                row->finishedAt = utcTimestamp();
                row->message = message;
                db.updateRun(*row);
                return row->id;
            }
        RunRecord record;
        describeRun(record, item.config);
        record.status = RunStatus::Failed;
        record.finishedAt = utcTimestamp();
        record.message = message;
        record.sweepId = sweepId;
        record.sweepIndex = item.index;
        return db.addRun(record);
    } catch (const std::exception&) {
        return 0;
    }
}

} // namespace

SweepRunner::SweepRunner(SweepSpec spec, SweepOptions options, RunControl* control)
    : m_spec(std::move(spec)), m_options(std::move(options)), m_control(control ? control : &m_ownControl)
{
}

SweepOutcome SweepRunner::run()
{
    LORAWB_CHECK(!m_options.databasePath.empty(), m_spec.path, ": a sweep needs the run history (it is where its ",
                 "progress is kept for resuming); give a database path");
    SweepOutcome outcome;
    std::map<int, RunRecord> previous; // index → the newest history row of that run
    {
        RunDatabase db(m_options.databasePath);
        std::optional<SweepRecord> sweep = db.findSweep(m_spec.name, m_spec.hash);
        if (!sweep) {
            SweepRecord record;
            record.name = m_spec.name;
            record.specPath = m_spec.path;
            record.specHash = m_spec.hash;
            record.specYaml = m_spec.text;
            record.outputDir = m_spec.outputDir;
            record.items = static_cast<int>(m_spec.items.size());
            record.createdAt = utcTimestamp();
            record.id = db.addSweep(record);
            sweep = record;
        } else {
            sweep->status = "running";
            db.updateSweep(*sweep);
        }
        outcome.sweepId = sweep->id;
        RunFilter filter;
        filter.sweepId = sweep->id;
        for (const auto& run : db.runs(filter))
            if (run.sweepIndex >= 0)
                previous[run.sweepIndex] = run; // ascending ids: the newest row wins
    }
    if (m_observer.onSweep)
        m_observer.onSweep(outcome.sweepId);

    const int total = static_cast<int>(m_spec.items.size());
    for (const SweepItem& item : m_spec.items) {
        SweepItemState state;
        state.index = item.index;
        state.total = total;
        state.label = item.label;
        const auto before = previous.find(item.index);
        const bool hasRow = before != previous.end();
        if (hasRow && before->second.status == RunStatus::Finished) {
            state.state = "done";
            state.runId = before->second.id;
            ++outcome.skipped;
            outcome.items.push_back(state);
            if (m_observer.onItem)
                m_observer.onItem(state);
            continue;
        }
        if (hasRow && before->second.status == RunStatus::Failed && !m_options.retryFailed) {
            state.state = "failed";
            state.message = before->second.message;
            state.runId = before->second.id;
            ++outcome.failed;
            outcome.items.push_back(state);
            if (m_observer.onItem)
                m_observer.onItem(state);
            continue;
        }
        if (m_control->stopRequested())
            break;

        RunOptions options;
        options.databasePath = m_options.databasePath;
        options.sweepId = outcome.sweepId;
        options.sweepIndex = item.index;
        // Interrupted (stopped, or the process died while it ran): continue in the same row, from its checkpoint
        // when it got as far as one, else from the start (no second row for the same run).
        const bool interrupted = hasRow && (before->second.status == RunStatus::Stopped ||
                                            before->second.status == RunStatus::Running);
        if (interrupted) {
            options.continueRunId = before->second.id;
            options.resume = !latestCheckpoint((fs::path(item.config.outputDir) / "checkpoints").string()).empty();
        }
        state.state = options.resume ? "resuming" : "starting";
        if (m_observer.onItem)
            m_observer.onItem(state);

        ExperimentRunner runner(item.config, options, m_control);
        // The row the run writes, if it gets that far: a run that fails earlier (bad data, a target the model lacks)
        // gets a failed row below, so that the history, and a later call, know it failed.
        int64_t recordedId = 0;
        RunObserver runObserver = m_observer.run;
        runObserver.onRecorded = [&](int64_t id) {
            recordedId = id;
            if (m_observer.run.onRecorded)
                m_observer.run.onRecorded(id);
        };
        runner.setObserver(runObserver);
        try {
            const ExperimentOutcome result = runner.run();
            state.runId = result.runId;
            state.state = result.summary.stopped ? "stopped" : "finished";
            if (!result.summary.stopped)
                ++outcome.finished;
        } catch (const std::exception& e) {
            state.state = "failed";
            state.message = e.what();
            state.runId = recordedId != 0 ? recordedId
                                          : recordFailure(m_options.databasePath, item, outcome.sweepId, options.continueRunId, e.what());
            ++outcome.failed;
        }
        outcome.items.push_back(state);
        if (m_observer.onItem)
            m_observer.onItem(state);
        if (state.state == "stopped")
            break;
    }
    outcome.stopped = m_control->stopRequested();

    RunDatabase db(m_options.databasePath);
    if (auto sweep = db.sweep(outcome.sweepId)) {
        const bool complete = outcome.finished + outcome.skipped == total;
        sweep->status = complete ? "finished" : "paused";
        db.updateSweep(*sweep);
    }
    return outcome;
}

} // namespace core
