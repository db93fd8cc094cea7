#pragma once
// Writes one run into the run history while it trains: the record when it starts, every logged metric (buffered and
// written in batches, so SQLite never slows a step), the outcome when it ends. The history must never cost a run:
// when the database cannot be opened or written, the recorder says why once through `log` and records nothing more.
#include "core/history/RunRecord.h"

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace core {

class RunDatabase;

class RunRecorder {
public:
    using Log = std::function<void(const std::string&)>;
    // databasePath "": records nothing (and says nothing).
    RunRecorder(const std::string& databasePath, Log log);
    ~RunRecorder();

    bool active() const { return m_db != nullptr; }
    RunDatabase* database() { return m_db.get(); }
    int64_t runId() const { return m_record.id; }
    const RunRecord& record() const { return m_record; }

    // Adds the run (record.id == 0), or takes over an existing row to continue it (a resumed run: points logged
    // after `resumedAtStep` are dropped, since those steps run again).
    void begin(RunRecord record, int64_t resumedAtStep = 0);
    void add(int64_t step, const std::string& name, double value);
    void flush();
    // Status, steps and finals written; metrics flushed.
    void finish(RunStatus status, int64_t steps, int64_t totalSteps, const std::string& adapterPath,
                const std::map<std::string, double>& finals, const std::string& message);

private:
    template <typename Work>
    void guarded(Work&& work);

    std::unique_ptr<RunDatabase> m_db;
    Log m_log;
    RunRecord m_record;
    std::vector<MetricPoint> m_pending;
    std::chrono::steady_clock::time_point m_lastFlush;
};

} // namespace core
