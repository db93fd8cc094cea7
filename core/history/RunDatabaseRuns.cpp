// The runs and their metric curves in the run database (RunDatabase.h). User values only ever reach SQL as bound
// parameters; the only text put together here is program text (column names from kRunColumns, a whitelisted sort).
#include "core/history/RunDatabase.h"

#include "core/common/Error.h"
#include "core/common/Text.h"
#include "core/history/SqliteStatement.h"

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <cmath>
#include <limits>

namespace core {
namespace {

// Every column of `runs` but id, in the order bindRun binds them (?1…) and readRun reads them (after id).
const std::vector<std::string> kRunColumns = {
    "name", "status", "started_at", "finished_at", "finetune", "config_yaml", "model", "r", "lora_alpha",
    "lora_dropout", "targets", "bias", "learning_rate", "seed", "trainable_params", "all_params", "model_hash",
    "data_hash", "template_hash", "lorawb_version", "torch_version", "device", "output_dir", "adapter_path", "steps",
    "total_steps", "message", "finals", "sweep_id", "sweep_index"};

// What RunFilter::sortBy may name besides "final:<metric>".
const std::vector<std::string> kSortColumns = {
    "id", "name", "status", "started_at", "finished_at", "finetune", "model", "r", "lora_alpha", "lora_dropout",
    "targets", "bias", "learning_rate", "seed", "trainable_params", "all_params", "steps", "total_steps", "device",
    "sweep_id", "sweep_index"};

std::string selectRuns()
{
    return "SELECT id, " + joinedWithCommas(kRunColumns) + " FROM runs";
}

std::string finalsJson(const std::map<std::string, double>& finals)
{
    nlohmann::json object = nlohmann::json::object();
    for (const auto& [name, value] : finals)
        object[name] = value; // NaN is written as null and read back as NaN
    return object.dump();
}

void bindRun(SqliteStatement& statement, const RunRecord& run)
{
    int i = 1;
    statement.bindText(i++, run.name);
    statement.bindText(i++, toString(run.status));
    statement.bindText(i++, run.startedAt);
    statement.bindText(i++, run.finishedAt);
    statement.bindText(i++, run.finetune);
    statement.bindText(i++, run.configYaml);
    statement.bindText(i++, run.model);
    statement.bindInt(i++, run.r);
    statement.bindDouble(i++, run.loraAlpha);
    statement.bindDouble(i++, run.loraDropout);
    statement.bindText(i++, run.targets);
    statement.bindText(i++, run.bias);
    statement.bindDouble(i++, run.learningRate);
    statement.bindInt(i++, run.seed);
    statement.bindInt(i++, run.trainableParams);
    statement.bindInt(i++, run.allParams);
    statement.bindText(i++, run.modelHash);
    statement.bindText(i++, run.dataHash);
    statement.bindText(i++, run.templateHash);
    statement.bindText(i++, run.lorawbVersion);
    statement.bindText(i++, run.torchVersion);
    statement.bindText(i++, run.device);
    statement.bindText(i++, run.outputDir);
    statement.bindText(i++, run.adapterPath);
    statement.bindInt(i++, run.steps);
    statement.bindInt(i++, run.totalSteps);
    statement.bindText(i++, run.message);
    statement.bindText(i++, finalsJson(run.finals));
    if (run.sweepId > 0)
        statement.bindInt(i++, run.sweepId);
    else
        statement.bindNull(i++); // a foreign key: 0 would name a sweep that does not exist
    statement.bindInt(i++, run.sweepIndex);
    LORAWB_ASSERT(i == static_cast<int>(kRunColumns.size()) + 1, "bindRun and kRunColumns disagree");
}

RunRecord readRun(const SqliteStatement& row, const std::string& path)
{
    RunRecord run;
    int i = 0;
    run.id = row.integer(i++);
    run.name = row.text(i++);
    run.status = parseRunStatus(row.text(i++));
    run.startedAt = row.text(i++);
    run.finishedAt = row.text(i++);
    run.finetune = row.text(i++);
    run.configYaml = row.text(i++);
    run.model = row.text(i++);
    run.r = static_cast<int>(row.integer(i++));
    run.loraAlpha = row.real(i++);
    run.loraDropout = row.real(i++);
    run.targets = row.text(i++);
    run.bias = row.text(i++);
    run.learningRate = row.real(i++);
    run.seed = row.integer(i++);
    run.trainableParams = row.integer(i++);
    run.allParams = row.integer(i++);
    run.modelHash = row.text(i++);
    run.dataHash = row.text(i++);
    run.templateHash = row.text(i++);
    run.lorawbVersion = row.text(i++);
    run.torchVersion = row.text(i++);
    run.device = row.text(i++);
    run.outputDir = row.text(i++);
    run.adapterPath = row.text(i++);
    run.steps = row.integer(i++);
    run.totalSteps = row.integer(i++);
    run.message = row.text(i++);
    const auto finals = nlohmann::json::parse(row.text(i++), nullptr, /*allow_exceptions=*/false);
    LORAWB_CHECK(finals.is_object(), "run ", run.id, " in the run database '", path,
                 "' has damaged final metrics (not a JSON object); remove that run or pass another database with "
                 "--db / $LORAWB_DB");
    for (const auto& [name, value] : finals.items())
        run.finals[name] = value.is_number() ? value.get<double>() : std::numeric_limits<double>::quiet_NaN();
    run.sweepId = row.integer(i++); // NULL reads as 0
    run.sweepIndex = static_cast<int>(row.integer(i++));
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
    for (size_t i = 1; i <= kRunColumns.size(); ++i)
        placeholders += (i > 1 ? ", ?" : "?") + std::to_string(i);
    SqliteStatement insert(m_db, m_path,
                           "INSERT INTO runs (" + joinedWithCommas(kRunColumns) + ") VALUES (" + placeholders + ")",
                           "adding run '" + run.name + "'");
    bindRun(insert, run);
    insert.run();
    return static_cast<int64_t>(sqlite3_last_insert_rowid(m_db));
}

void RunDatabase::updateRun(const RunRecord& run)
{
    std::string assignments;
    for (size_t i = 0; i < kRunColumns.size(); ++i)
        assignments += (i ? ", " : "") + kRunColumns[i] + " = ?" + std::to_string(i + 1);
    const int idIndex = static_cast<int>(kRunColumns.size()) + 1;
    SqliteStatement update(m_db, m_path, "UPDATE runs SET " + assignments + " WHERE id = ?" + std::to_string(idIndex),
                           "updating run " + std::to_string(run.id));
    bindRun(update, run);
    update.bindInt(idIndex, run.id);
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
        bool known = false;
        for (const auto& column : kSortColumns)
            known = known || column == filter.sortBy;
        LORAWB_CHECK(known, "cannot sort runs by '", filter.sortBy, "'; sort by one of: ",
                     joinedWithCommas(kSortColumns), ", or final:<metric> (e.g. final:eval_loss)");
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
