// The runs and their metric curves in the run database (RunDatabase.h). User values only ever reach SQL as bound
// parameters; the only text put together here is program text (column names from RunColumns.h, a whitelisted sort).
#include "core/history/RunDatabase.h"

#include "core/common/Error.h"
#include "core/common/Text.h"
#include "core/history/RunColumns.h"
#include "core/history/SqliteStatement.h"

#include <sqlite3.h>

#include <algorithm>

namespace core {
namespace {

std::string columnList()
{
    std::string list;
    for (const auto& column : runColumns())
        list += (list.empty() ? "" : ", ") + column.name;
    return list;
}

std::string selectRuns()
{
    return "SELECT id, " + columnList() + " FROM runs";
}

// Binds every column to its parameter of the same name (":name"), whatever order the SQL lists them in.
void bindRun(SqliteStatement& statement, const RunRecord& run)
{
    for (const auto& column : runColumns()) {
        const int index = statement.parameterIndex(":" + column.name);
        const RunValue value = column.get(run);
        if (const auto* integer = std::get_if<int64_t>(&value))
            statement.bindInt(index, *integer);
        else if (const auto* real = std::get_if<double>(&value))
            statement.bindDouble(index, *real);
        else if (const auto* text = std::get_if<std::string>(&value))
            statement.bindText(index, *text);
        else
            statement.bindNull(index);
    }
}

// Reads every column by its name in the result.
RunRecord readRun(const SqliteStatement& row, const std::string& path)
{
    RunRecord run;
    run.id = row.integer(row.columnIndex("id"));
    for (const auto& column : runColumns()) {
        const int index = row.columnIndex(column.name);
        RunValue value;
        if (!row.isNull(index)) {
            switch (column.type) {
            case RunColumn::Type::Integer: value = row.integer(index); break;
            case RunColumn::Type::Real: value = row.real(index); break;
            case RunColumn::Type::Text: value = row.text(index); break;
            }
        }
        column.set(run, value, path);
    }
    return run;
}

std::string likePattern(const std::string& text)
{
    std::string pattern = "%";
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\')
            pattern += '\\';
        pattern += c;
    }
    return pattern + "%";
}

} // namespace

int64_t RunDatabase::addRun(const RunRecord& run)
{
    std::string placeholders;
    for (const auto& column : runColumns())
        placeholders += (placeholders.empty() ? ":" : ", :") + column.name;
    SqliteStatement insert(m_db, m_path, "INSERT INTO runs (" + columnList() + ") VALUES (" + placeholders + ")",
                           "adding run '" + run.name + "'");
    bindRun(insert, run);
    insert.run();
    return static_cast<int64_t>(sqlite3_last_insert_rowid(m_db));
}

void RunDatabase::updateRun(const RunRecord& run)
{
    std::string assignments;
    for (const auto& column : runColumns())
        assignments += (assignments.empty() ? "" : ", ") + column.name + " = :" + column.name;
    SqliteStatement update(m_db, m_path, "UPDATE runs SET " + assignments + " WHERE id = :id",
                           "updating run " + std::to_string(run.id));
    bindRun(update, run);
    update.bindInt(update.parameterIndex(":id"), run.id);
    update.run();
    LORAWB_CHECK(sqlite3_changes(m_db) == 1, "run ", run.id, " is not in the run database '", m_path,
                 "'; it was removed, or another database is open (--db / $LORAWB_DB)");
}

std::optional<RunRecord> RunDatabase::run(int64_t id) const
{
    SqliteStatement query(m_db, m_path, selectRuns() + " WHERE id = ?1", "reading run " + std::to_string(id));
    query.bindInt(1, id);
    if (!query.step())
        return std::nullopt;
    return readRun(query, m_path);
}

std::vector<RunRecord> RunDatabase::runs(const RunFilter& filter) const
{
    const std::string direction = filter.descending ? " DESC" : " ASC";
    std::string order;
    std::string finalPath;
    const std::string finalPrefix = "final:";
    if (filter.sortBy.rfind(finalPrefix, 0) == 0) {
        const std::string metric = filter.sortBy.substr(finalPrefix.size());
        LORAWB_CHECK(!metric.empty() && metric.find('"') == std::string::npos, "cannot sort by '", filter.sortBy,
                     "': write final:<metric>, e.g. final:eval_loss, with a metric name without quotes");
        finalPath = "$.\"" + metric + "\"";
        // Runs without that final metric go last in either direction.
        order = "json_extract(finals, ?5) IS NULL, json_extract(finals, ?5)" + direction + ", id" + direction;
    } else {
        const std::vector<std::string> sortColumns = runSortColumns();
        LORAWB_CHECK(std::find(sortColumns.begin(), sortColumns.end(), filter.sortBy) != sortColumns.end(),
                     "cannot sort runs by '", filter.sortBy, "'; sort by one of: ", joinedWithCommas(sortColumns),
                     ", or final:<metric> (e.g. final:eval_loss)");
        order = filter.sortBy + direction + (filter.sortBy == "id" ? "" : ", id" + direction);
    }
    if (!filter.status.empty())
        parseRunStatus(filter.status); // an unknown status is a mistake worth a message, not an empty list

    SqliteStatement query(m_db, m_path,
                          selectRuns() +
                              " WHERE (?1 IS NULL OR name LIKE ?1 ESCAPE '\\' OR model LIKE ?1 ESCAPE '\\'"
                              " OR targets LIKE ?1 ESCAPE '\\' OR bias LIKE ?1 ESCAPE '\\'"
                              " OR finetune LIKE ?1 ESCAPE '\\')"
                              " AND (?2 IS NULL OR sweep_id = ?2) AND (?3 IS NULL OR status = ?3)"
                              " ORDER BY " + order + " LIMIT ?4",
                          "listing runs");
    if (filter.text.empty())
        query.bindNull(1);
    else
        query.bindText(1, likePattern(filter.text));
    if (filter.sweepId > 0)
        query.bindInt(2, filter.sweepId);
    else
        query.bindNull(2);
    if (filter.status.empty())
        query.bindNull(3);
    else
        query.bindText(3, filter.status);
    query.bindInt(4, filter.limit > 0 ? filter.limit : -1); // a negative LIMIT is no limit
    if (!finalPath.empty())
        query.bindText(5, finalPath);
    std::vector<RunRecord> result;
    while (query.step())
        result.push_back(readRun(query, m_path));
    return result;
}

void RunDatabase::removeRun(int64_t id)
{
    // Its metrics go with it (ON DELETE CASCADE). Removing a run that is already gone is not an error: two views may
    // both offer to remove it.
    SqliteStatement remove(m_db, m_path, "DELETE FROM runs WHERE id = ?1", "removing run " + std::to_string(id));
    remove.bindInt(1, id);
    remove.run();
}

void RunDatabase::appendMetrics(int64_t runId, const std::vector<MetricPoint>& points)
{
    if (points.empty())
        return;
    const std::string action = "recording metrics of run " + std::to_string(runId);
    SqliteTransaction transaction(m_db, m_path, action);
    {
        SqliteStatement known(m_db, m_path, "SELECT 1 FROM runs WHERE id = ?1", action);
        known.bindInt(1, runId);
        LORAWB_CHECK(known.step(), "cannot record metrics of run ", runId, ": it is not in the run database '",
                     m_path, "'; it was removed, or another database is open (--db / $LORAWB_DB)");
    }
    SqliteStatement insert(m_db, m_path,
                           "INSERT OR REPLACE INTO metrics (run_id, step, name, value) VALUES (?1, ?2, ?3, ?4)",
                           action);
    for (const auto& point : points) {
        insert.bindInt(1, runId);
        insert.bindInt(2, point.step);
        insert.bindText(3, point.name);
        insert.bindDouble(4, point.value);
        insert.run();
        insert.reset();
    }
    transaction.commit();
}

void RunDatabase::deleteMetricsAfter(int64_t runId, int64_t step)
{
    SqliteStatement remove(m_db, m_path, "DELETE FROM metrics WHERE run_id = ?1 AND step > ?2",
                           "removing metrics of run " + std::to_string(runId));
    remove.bindInt(1, runId);
    remove.bindInt(2, step);
    remove.run();
}

std::vector<MetricPoint> RunDatabase::metrics(int64_t runId, const std::string& name) const
{
    SqliteStatement query(m_db, m_path,
                          "SELECT step, name, value FROM metrics WHERE run_id = ?1 AND (?2 IS NULL OR name = ?2)"
                          " ORDER BY step, name",
                          "reading metrics of run " + std::to_string(runId));
    query.bindInt(1, runId);
    if (name.empty())
        query.bindNull(2);
    else
        query.bindText(2, name);
    std::vector<MetricPoint> points;
    while (query.step())
        points.push_back({query.integer(0), query.text(1), query.real(2)});
    return points;
}

std::vector<std::string> RunDatabase::metricNames(int64_t runId) const
{
    SqliteStatement query(m_db, m_path, "SELECT DISTINCT name FROM metrics WHERE run_id = ?1 ORDER BY name",
                          "reading metric names of run " + std::to_string(runId));
    query.bindInt(1, runId);
    std::vector<std::string> names;
    while (query.step())
        names.push_back(query.text(0));
    return names;
}

std::vector<std::string> RunDatabase::finalMetricNames() const
{
    SqliteStatement query(m_db, m_path,
                          "SELECT DISTINCT f.key FROM runs, json_each(runs.finals) AS f ORDER BY f.key",
                          "reading final metric names");
    std::vector<std::string> names;
    while (query.step())
        names.push_back(query.text(0));
    return names;
}

} // namespace core
