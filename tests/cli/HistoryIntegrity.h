#pragma once
// SQLite's own verdict on a run-history file: "ok", or what PRAGMA integrity_check found ("cannot open" when the file
// cannot be opened read-only). For the suites that hit the history with several writers, kills and a full disk.
#include <sqlite3.h>

#include <QString>

namespace clitest {

inline QString historyIntegrity(const QString& db)
{
    sqlite3* raw = nullptr;
    QString verdict = "cannot open";
    if (sqlite3_open_v2(db.toUtf8().constData(), &raw, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        verdict = "cannot check";
        sqlite3_stmt* check = nullptr;
        if (sqlite3_prepare_v2(raw, "PRAGMA integrity_check", -1, &check, nullptr) == SQLITE_OK &&
            sqlite3_step(check) == SQLITE_ROW)
            verdict = QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(check, 0)));
        sqlite3_finalize(check);
    }
    sqlite3_close(raw);
    return verdict;
}

} // namespace clitest
