// Opening the run database (folder, file, pragmas, schema and the checks that make a wrong file a clear message),
// the file-hash cache and the timestamps. The runs, curves and sweeps are in RunDatabaseRuns.cpp and
// RunDatabaseSweeps.cpp.
#include "core/history/RunDatabase.h"

#include "core/common/Error.h"
#include "core/history/Sha256.h"
#include "core/history/SqliteStatement.h"
#include "core/io/AtomicFile.h"

#include <sqlite3.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <pwd.h>
#include <unistd.h>

#include <sys/stat.h>

namespace fs = std::filesystem;

namespace core {
namespace {

constexpr int64_t kSchemaVersion = 1;
constexpr int kBusyTimeoutMs = 5000; // the messages for SQLITE_BUSY say "5 s"

// Version 1. A later version adds an upgrade step from the previous one in openSchema, never edits this text.
const char* const kSchema = R"sql(
CREATE TABLE sweeps (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL,
    spec_path   TEXT NOT NULL DEFAULT '',
    spec_hash   TEXT NOT NULL DEFAULT '',
    spec_yaml   TEXT NOT NULL DEFAULT '',
    output_dir  TEXT NOT NULL DEFAULT '',
    items       INTEGER NOT NULL DEFAULT 0,
    status      TEXT NOT NULL DEFAULT 'running',
    created_at  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sweeps_by_name_hash ON sweeps (name, spec_hash);
CREATE TABLE runs (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    name             TEXT NOT NULL,
    status           TEXT NOT NULL,
    started_at       TEXT NOT NULL DEFAULT '',
    finished_at      TEXT NOT NULL DEFAULT '',
    finetune         TEXT NOT NULL DEFAULT 'lora',
    config_yaml      TEXT NOT NULL DEFAULT '',
    model            TEXT NOT NULL DEFAULT '',
    r                INTEGER NOT NULL DEFAULT 0,
    lora_alpha       REAL,
    lora_dropout     REAL,
    targets          TEXT NOT NULL DEFAULT '',
    bias             TEXT NOT NULL DEFAULT '',
    learning_rate    REAL,
    seed             INTEGER NOT NULL DEFAULT 0,
    trainable_params INTEGER NOT NULL DEFAULT 0,
    all_params       INTEGER NOT NULL DEFAULT 0,
    model_hash       TEXT NOT NULL DEFAULT '',
    data_hash        TEXT NOT NULL DEFAULT '',
    template_hash    TEXT NOT NULL DEFAULT '',
    lorawb_version   TEXT NOT NULL DEFAULT '',
    torch_version    TEXT NOT NULL DEFAULT '',
    device           TEXT NOT NULL DEFAULT '',
    output_dir       TEXT NOT NULL DEFAULT '',
    adapter_path     TEXT NOT NULL DEFAULT '',
    steps            INTEGER NOT NULL DEFAULT 0,
    total_steps      INTEGER NOT NULL DEFAULT 0,
    message          TEXT NOT NULL DEFAULT '',
    finals           TEXT NOT NULL DEFAULT '{}',
    -- NULL for a run of its own; removing a sweep keeps its runs
    sweep_id         INTEGER REFERENCES sweeps (id) ON DELETE SET NULL,
    sweep_index      INTEGER NOT NULL DEFAULT -1
);
CREATE INDEX runs_by_sweep ON runs (sweep_id, sweep_index);
CREATE TABLE metrics (
    run_id  INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    step    INTEGER NOT NULL,
    name    TEXT NOT NULL,
    value   REAL, -- NULL = NaN (a diverged loss), which SQLite cannot store
    PRIMARY KEY (run_id, name, step)
) WITHOUT ROWID;
CREATE TABLE file_hashes (
    path      TEXT PRIMARY KEY,
    size      INTEGER NOT NULL,
    mtime_ns  INTEGER NOT NULL,
    sha256    TEXT NOT NULL
);
PRAGMA user_version = 1;
)sql";

// The first column of the first row (finalized before returning: no read stays open while the schema is written).
int64_t queryInteger(sqlite3* db, const std::string& path, const std::string& sql)
{
    SqliteStatement query(db, path, sql, "opening it");
    return query.step() ? query.integer(0) : 0;
}

void checkNotNewer(int64_t version, const std::string& path)
{
    LORAWB_CHECK(version <= kSchemaVersion, "the run database '", path,
                 "' was written by a newer LoRA Workbench (schema version ", version, "; this one reads version ",
                 kSchemaVersion, "); use that newer version, or pass another database with --db / $LORAWB_DB");
}

// Creates the schema in a new database, or checks that an existing one is ours and not newer. An existing database
// is only read here (a reader never waits for the write lock); a new one is created inside BEGIN IMMEDIATE, and the
// version read again there, so that two programs opening a new file at once do not both create it.
void openSchema(sqlite3* db, const std::string& path)
{
    int64_t version = queryInteger(db, path, "PRAGMA user_version");
    checkNotNewer(version, path);
    if (version == kSchemaVersion)
        return;
    SqliteTransaction transaction(db, path, "creating its tables");
    version = queryInteger(db, path, "PRAGMA user_version");
    checkNotNewer(version, path);
    if (version == kSchemaVersion) { // the other program was first
        transaction.commit();
        return;
    }
    LORAWB_CHECK(queryInteger(db, path, "SELECT count(*) FROM sqlite_master") == 0, "'", path,
                 "' is a SQLite database of another program, not a LoRA Workbench run database; move it away or "
                 "pass another with --db / $LORAWB_DB");
    executeSql(db, path, kSchema, "creating its tables");
    transaction.commit();
}

std::string environment(const char* name)
{
    const char* value = std::getenv(name);
    return value ? value : "";
}

} // namespace

std::string RunDatabase::defaultPath()
{
    if (const std::string db = environment("LORAWB_DB"); !db.empty())
        return db;
    // XDG base directories: a relative $XDG_DATA_HOME is invalid and ignored.
    const std::string dataHome = environment("XDG_DATA_HOME");
    if (!dataHome.empty() && dataHome[0] == '/')
        return (fs::path(dataHome) / "lora-workbench" / "runs.sqlite").string();
    std::string home = environment("HOME");
    if (home.empty()) { // e.g. a service without a login environment: the account's home from the password database
        if (const passwd* account = getpwuid(getuid()); account && account->pw_dir)
            home = account->pw_dir;
    }
    return (fs::path(home.empty() ? "." : home) / ".local" / "share" / "lora-workbench" / "runs.sqlite").string();
}

RunDatabase::RunDatabase(const std::string& path) : m_path(path)
{
    LORAWB_CHECK(!path.empty(), "the run database path is empty; pass a file with --db or set $LORAWB_DB");
    const std::string folder = fs::path(path).parent_path().string();
    if (!folder.empty()) {
        try {
            ensureDirectory(folder);
        } catch (const core::Error& e) {
            LORAWB_FAIL("cannot create the run database '", path, "': ", e.what(),
                        " (for the database: --db / $LORAWB_DB)");
        }
    }
    // NOMUTEX: one RunDatabase is used by one thread at a time (the GUI and the worker each open their own).
    const int code = sqlite3_open_v2(path.c_str(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                                                             SQLITE_OPEN_NOMUTEX, nullptr);
    try {
        if (code != SQLITE_OK)
            throwSqliteError(m_db, code, m_path, "opening it");
        sqlite3_extended_result_codes(m_db, 1);
        sqlite3_busy_timeout(m_db, kBusyTimeoutMs);
        // The first statement reads the file: a file of garbage is reported here (SQLITE_NOTADB).
        executeSql(m_db, m_path, "PRAGMA foreign_keys = ON", "opening it");
        openSchema(m_db, m_path);
        // WAL lets the GUI read while a CLI run writes. It is a property of the file, kept once set.
        SqliteStatement wal(m_db, m_path, "PRAGMA journal_mode = WAL", "switching it to WAL mode");
        wal.run();
    } catch (...) {
        sqlite3_close(m_db); // also on a failed open: SQLite hands out a handle to report the error with
        m_db = nullptr;
        throw;
    }
}

RunDatabase::~RunDatabase()
{
    sqlite3_close(m_db); // every statement is finalized by then (they are scoped), so this closes
}

std::string RunDatabase::fileHash(const std::string& path)
{
    std::error_code error;
    const std::string absolute = fs::absolute(path, error).lexically_normal().string();
    struct stat info {};
    LORAWB_CHECK(!error, "cannot hash '", path, "': ", error.message(), "; check the path");
    if (::stat(absolute.c_str(), &info) != 0) {
        const int code = errno;
        LORAWB_FAIL("cannot hash '", path, "': ", std::strerror(code), "; check the path");
    }
    const int64_t size = static_cast<int64_t>(info.st_size);
    const int64_t mtimeNs = static_cast<int64_t>(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec;
    {
        SqliteStatement cached(m_db, m_path, "SELECT size, mtime_ns, sha256 FROM file_hashes WHERE path = ?1",
                               "reading the hash of '" + absolute + "'");
        cached.bindText(1, absolute);
        if (cached.step() && cached.integer(0) == size && cached.integer(1) == mtimeNs)
            return cached.text(2);
    }
    const std::string hash = sha256OfFile(absolute);
    SqliteStatement store(m_db, m_path,
                          "INSERT OR REPLACE INTO file_hashes (path, size, mtime_ns, sha256) VALUES (?1, ?2, ?3, ?4)",
                          "storing the hash of '" + absolute + "'");
    store.bindText(1, absolute);
    store.bindInt(2, size);
    store.bindInt(3, mtimeNs);
    store.bindText(4, hash);
    store.run();
    return hash;
}

std::string utcTimestamp()
{
    const std::time_t now = std::time(nullptr);
    std::tm utc {};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

} // namespace core
