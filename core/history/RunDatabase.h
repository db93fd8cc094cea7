#pragma once
// The run history: a SQLite database (SQLite's C library, in core, so that `lorawb train`, `lorawb sweep` and
// `lorawb runs` on a GPU server without Qt write and read the very same file the GUI shows). WAL mode and a busy
// timeout let the GUI read while a CLI run writes. Every problem (not a database, newer schema, read-only folder,
// locked for too long) is a core::Error that names the file and what to do.
#include "core/history/RunRecord.h"

#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace core {

struct RunFilter {
    std::string text;            ///< case-insensitive substring of name, model, targets, bias or finetune; "" = any
    int64_t sweepId = 0;         ///< only this sweep's runs; 0 = any
    std::string status;          ///< "finished" etc.; "" = any
    std::string sortBy = "id";   ///< a RunRecord column (id, name, r, lora_alpha, learning_rate, trainable_params,
                                 ///< started_at, status…) or "final:<metric>"; anything else is a core::Error
    bool descending = false;
    int64_t limit = 0;           ///< 0 = all
};

class RunDatabase {
public:
    // $LORAWB_DB if set, else $XDG_DATA_HOME/lora-workbench/runs.sqlite, else ~/.local/share/lora-workbench/runs.sqlite.
    static std::string defaultPath();

    // Opens the database, creating the file, its folder and the schema when missing.
    explicit RunDatabase(const std::string& path);
    ~RunDatabase();
    RunDatabase(const RunDatabase&) = delete;
    RunDatabase& operator=(const RunDatabase&) = delete;

    const std::string& path() const { return m_path; }

    // Runs. addRun ignores run.id and returns the new one; updateRun replaces every field (finals included) of run.id.
    int64_t addRun(const RunRecord& run);
    void updateRun(const RunRecord& run);
    std::optional<RunRecord> run(int64_t id) const;
    std::vector<RunRecord> runs(const RunFilter& filter = {}) const;
    void removeRun(int64_t id); ///< with its metrics

    // Curves. appendMetrics writes all points in one transaction. deleteMetricsAfter drops the points of steps > step
    // (a resumed run logs those steps again).
    void appendMetrics(int64_t runId, const std::vector<MetricPoint>& points);
    void deleteMetricsAfter(int64_t runId, int64_t step);
    std::vector<MetricPoint> metrics(int64_t runId, const std::string& name = "") const; ///< by step, then name
    std::vector<std::string> metricNames(int64_t runId) const;                         ///< sorted
    std::vector<std::string> finalMetricNames() const; ///< every name used in any run's finals, sorted

    // Sweeps.
    int64_t addSweep(const SweepRecord& sweep);
    void updateSweep(const SweepRecord& sweep);
    std::optional<SweepRecord> sweep(int64_t id) const;
    std::optional<SweepRecord> findSweep(const std::string& name, const std::string& specHash) const; ///< newest
    std::vector<SweepRecord> sweeps() const;

    // SHA-256 of a file, cached by (absolute path, size, modification time) so that a multi-GB model is read once.
    std::string fileHash(const std::string& path);

private:
    std::string m_path;
    sqlite3* m_db = nullptr;
};

// "2026-11-28T10:12:32Z", now.
std::string utcTimestamp();

} // namespace core
