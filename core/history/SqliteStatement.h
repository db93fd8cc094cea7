#pragma once
// The run database's thin layer over SQLite's C API (private to core/history): a prepared statement that finalizes
// itself, a transaction that rolls back unless committed, and one place that turns a SQLite result code into a
// core::Error naming the database file and what to do about it.
#include <cstdint>
#include <string>

struct sqlite3;
struct sqlite3_stmt;

namespace core {

// Throws core::Error for SQLite result `code`, met while `action` ("reading run 3") on the database at `path`.
[[noreturn]] void throwSqliteError(sqlite3* db, int code, const std::string& path, const std::string& action);

class SqliteStatement {
public:
    // Prepares `sql` (program text only: user values go through the bind functions, never into `sql`).
    SqliteStatement(sqlite3* db, const std::string& path, const std::string& sql, std::string action);
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    // The 1-based index of the named parameter ":name" in the SQL; InternalError when the SQL has none of that name.
    int parameterIndex(const std::string& name) const;
    // The 0-based index of the result column `name`; InternalError when the query returns none of that name.
    int columnIndex(const std::string& name) const;

    // Parameters are 1-based, as in SQL's ?1.
    void bindInt(int index, int64_t value);
    void bindDouble(int index, double value); ///< NaN is stored as NULL (SQLite has no NaN) and read back as NaN
    void bindText(int index, const std::string& value);
    void bindNull(int index);

    bool step();  ///< true when a row is ready to read, false when the statement is done
    void run();   ///< steps to the end (statements that return no rows)
    void reset(); ///< to run it again with new bindings

    // Columns are 0-based.
    bool isNull(int column) const;
    int64_t integer(int column) const;
    double real(int column) const; ///< NULL reads as NaN
    std::string text(int column) const;

private:
    sqlite3* m_db;
    std::string m_path;
    std::string m_action;
    sqlite3_stmt* m_statement = nullptr;
};

// Runs SQL without results or parameters (pragmas, schema).
void executeSql(sqlite3* db, const std::string& path, const std::string& sql, const std::string& action);

// BEGIN IMMEDIATE (the write lock up front, so that two writers wait on the busy timeout instead of failing with a
// deadlock later), ROLLBACK when destroyed before commit(): a failed multi-row write leaves nothing half-done.
class SqliteTransaction {
public:
    SqliteTransaction(sqlite3* db, const std::string& path, const std::string& action);
    ~SqliteTransaction();
    SqliteTransaction(const SqliteTransaction&) = delete;
    SqliteTransaction& operator=(const SqliteTransaction&) = delete;
    void commit();

private:
    sqlite3* m_db;
    std::string m_path;
    std::string m_action;
    bool m_open = true;
};

} // namespace core
