#include "core/history/SqliteStatement.h"

#include "core/common/Error.h"

#include <sqlite3.h>

#include <cmath>
#include <filesystem>
#include <limits>

namespace core {
namespace {

std::string folderOf(const std::string& path)
{
    const std::string parent = std::filesystem::path(path).parent_path().string();
    return parent.empty() ? std::string(".") : parent;
}

} // namespace

void throwSqliteError(sqlite3* db, int code, const std::string& path, const std::string& action)
{
    // sqlite3_errmsg describes the connection's last error; for a failed open without a handle, the code's text.
    const std::string says = db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
    const std::string where = "the run database '" + path + "'";
    switch (code & 0xff) { // the primary code: extended codes refine it
    case SQLITE_NOTADB:
        LORAWB_FAIL("'", path, "' is not a LoRA Workbench run database (SQLite says: ", says,
                    "); move it away or pass another with --db / $LORAWB_DB");
    case SQLITE_CORRUPT:
        LORAWB_FAIL(where, " is damaged (SQLite says: ", says, ", while ", action,
                    "); move it away (a new, empty one is then created) or pass another with --db / $LORAWB_DB");
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        LORAWB_FAIL(where, " stayed locked by another program for more than 5 s while ", action, " (SQLite says: ",
                    says, "); wait for the other lorawb or the GUI to finish writing, then try again");
    case SQLITE_FULL:
        LORAWB_FAIL("cannot write ", where, " while ", action, ": the disk is full (SQLite says: ", says,
                    "); free disk space or pass another database with --db / $LORAWB_DB");
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
        LORAWB_FAIL("cannot use ", where, " while ", action, " (SQLite says: ", says, "); check that '", path,
                    "' and its folder '", folderOf(path),
                    "' exist and are writable, or pass another with --db / $LORAWB_DB");
    case SQLITE_IOERR:
        LORAWB_FAIL("cannot read or write ", where, " while ", action, " (SQLite says: ", says,
                    "); check the disk and the file's permissions, or pass another with --db / $LORAWB_DB");
    default:
        LORAWB_FAIL("error in ", where, " while ", action, ": SQLite says: ", says, " (code ", code,
                    "); if it persists, move the file away (a new one is created) or pass another with --db / "
                    "$LORAWB_DB");
    }
}

SqliteStatement::SqliteStatement(sqlite3* db, const std::string& path, const std::string& sql, std::string action)
    : m_db(db), m_path(path), m_action(std::move(action))
{
    const int code = sqlite3_prepare_v2(m_db, sql.c_str(), static_cast<int>(sql.size() + 1), &m_statement, nullptr);
    if (code != SQLITE_OK)
        throwSqliteError(m_db, code, m_path, m_action);
}

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(m_statement);
}

int SqliteStatement::parameterIndex(const std::string& name) const
{
    const int index = sqlite3_bind_parameter_index(m_statement, name.c_str());
    LORAWB_ASSERT(index > 0, "no parameter ", name, " in the statement for ", m_action);
    return index;
}

int SqliteStatement::columnIndex(const std::string& name) const
{
    for (int i = 0, n = sqlite3_column_count(m_statement); i < n; ++i)
        if (name == sqlite3_column_name(m_statement, i))
            return i;
    LORAWB_ASSERT(false, "no column ", name, " in the query for ", m_action);
    return -1;
}

void SqliteStatement::bindInt(int index, int64_t value)
{
    const int code = sqlite3_bind_int64(m_statement, index, static_cast<sqlite3_int64>(value));
    if (code != SQLITE_OK)
        throwSqliteError(m_db, code, m_path, m_action);
}

void SqliteStatement::bindDouble(int index, double value)
{
    if (std::isnan(value))
        return bindNull(index);
    const int code = sqlite3_bind_double(m_statement, index, value);
    if (code != SQLITE_OK)
        throwSqliteError(m_db, code, m_path, m_action);
}

void SqliteStatement::bindText(int index, const std::string& value)
{
    const int code = sqlite3_bind_text(m_statement, index, value.data(), static_cast<int>(value.size()),
                                       SQLITE_TRANSIENT);
    if (code != SQLITE_OK)
        throwSqliteError(m_db, code, m_path, m_action);
}

void SqliteStatement::bindNull(int index)
{
    const int code = sqlite3_bind_null(m_statement, index);
    if (code != SQLITE_OK)
        throwSqliteError(m_db, code, m_path, m_action);
}

bool SqliteStatement::step()
{
    const int code = sqlite3_step(m_statement);
    if (code == SQLITE_ROW)
        return true;
    if (code == SQLITE_DONE)
        return false;
    throwSqliteError(m_db, code, m_path, m_action);
}

void SqliteStatement::run()
{
    while (step()) {
    }
}

void SqliteStatement::reset()
{
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
}

bool SqliteStatement::isNull(int column) const
{
    return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
}

int64_t SqliteStatement::integer(int column) const
{
    return static_cast<int64_t>(sqlite3_column_int64(m_statement, column));
}

double SqliteStatement::real(int column) const
{
    if (isNull(column))
        return std::numeric_limits<double>::quiet_NaN();
    return sqlite3_column_double(m_statement, column);
}

std::string SqliteStatement::text(int column) const
{
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(m_statement, column));
    return data ? std::string(data, static_cast<size_t>(sqlite3_column_bytes(m_statement, column))) : std::string();
}

void executeSql(sqlite3* db, const std::string& path, const std::string& sql, const std::string& action)
{
    char* message = nullptr;
    const int code = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
    sqlite3_free(message); // sqlite3_errmsg(db) says the same, and throwSqliteError reads that
    if (code != SQLITE_OK)
        throwSqliteError(db, code, path, action);
}

SqliteTransaction::SqliteTransaction(sqlite3* db, const std::string& path, const std::string& action)
    : m_db(db), m_path(path), m_action(action)
{
    executeSql(m_db, m_path, "BEGIN IMMEDIATE", m_action);
}

SqliteTransaction::~SqliteTransaction()
{
    if (m_open)
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr); // may fail if SQLite rolled back already: fine
}

void SqliteTransaction::commit()
{
    executeSql(m_db, m_path, "COMMIT", m_action);
    m_open = false;
}

} // namespace core
