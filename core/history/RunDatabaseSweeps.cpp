// The sweeps in the run database (RunDatabase.h): one row per grid, found again by name and spec hash to resume it.
#include "core/history/RunDatabase.h"

#include "core/common/Error.h"
#include "core/history/SqliteStatement.h"

#include <sqlite3.h>

namespace core {
namespace {

const char* const kSelectSweeps =
    "SELECT id, name, spec_path, spec_hash, spec_yaml, output_dir, items, status, created_at FROM sweeps";

// ?1…?8 in the column order of kSelectSweeps after id.
void bindSweep(SqliteStatement& statement, const SweepRecord& sweep)
{
    statement.bindText(1, sweep.name);
    statement.bindText(2, sweep.specPath);
    statement.bindText(3, sweep.specHash);
    statement.bindText(4, sweep.specYaml);
    statement.bindText(5, sweep.outputDir);
    statement.bindInt(6, sweep.items);
    statement.bindText(7, sweep.status);
    statement.bindText(8, sweep.createdAt);
}

SweepRecord readSweep(const SqliteStatement& row)
{
    SweepRecord sweep;
    sweep.id = row.integer(0);
    sweep.name = row.text(1);
    sweep.specPath = row.text(2);
    sweep.specHash = row.text(3);
    sweep.specYaml = row.text(4);
    sweep.outputDir = row.text(5);
    sweep.items = static_cast<int>(row.integer(6));
    sweep.status = row.text(7);
    sweep.createdAt = row.text(8);
    return sweep;
}

} // namespace

int64_t RunDatabase::addSweep(const SweepRecord& sweep)
{
    SqliteStatement insert(m_db, m_path,
                           "INSERT INTO sweeps (name, spec_path, spec_hash, spec_yaml, output_dir, items, status, "
                           "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                           "adding sweep '" + sweep.name + "'");
    bindSweep(insert, sweep);
    insert.run();
    return static_cast<int64_t>(sqlite3_last_insert_rowid(m_db));
}

void RunDatabase::updateSweep(const SweepRecord& sweep)
{
    SqliteStatement update(m_db, m_path,
                           "UPDATE sweeps SET name = ?1, spec_path = ?2, spec_hash = ?3, spec_yaml = ?4, "
                           "output_dir = ?5, items = ?6, status = ?7, created_at = ?8 WHERE id = ?9",
                           "updating sweep " + std::to_string(sweep.id));
    bindSweep(update, sweep);
    update.bindInt(9, sweep.id);
    update.run();
    LORAWB_CHECK(sqlite3_changes(m_db) == 1, "sweep ", sweep.id, " is not in the run database '", m_path,
                 "'; another database may be open (--db / $LORAWB_DB)");
}

std::optional<SweepRecord> RunDatabase::sweep(int64_t id) const
{
    SqliteStatement query(m_db, m_path, std::string(kSelectSweeps) + " WHERE id = ?1",
                          "reading sweep " + std::to_string(id));
    query.bindInt(1, id);
    if (!query.step())
        return std::nullopt;
    return readSweep(query);
}

std::optional<SweepRecord> RunDatabase::findSweep(const std::string& name, const std::string& specHash) const
{
    SqliteStatement query(m_db, m_path,
                          std::string(kSelectSweeps) + " WHERE name = ?1 AND spec_hash = ?2 ORDER BY id DESC LIMIT 1",
                          "looking up sweep '" + name + "'");
    query.bindText(1, name);
    query.bindText(2, specHash);
    if (!query.step())
        return std::nullopt;
    return readSweep(query);
}

std::vector<SweepRecord> RunDatabase::sweeps() const
{
    SqliteStatement query(m_db, m_path, std::string(kSelectSweeps) + " ORDER BY id", "listing sweeps");
    std::vector<SweepRecord> result;
    while (query.step())
        result.push_back(readSweep(query));
    return result;
}

} // namespace core
