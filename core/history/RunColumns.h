#pragma once
// The run history's columns, one row each: the name (the same in SQLite, the CSV header and `lorawb runs --json`),
// what it holds and how it is read from and written to a RunRecord. The database binds and reads every column by
// this name, the CSV and JSON take theirs from it, and sorting accepts the sortable ones — so adding a column means a
// row here, the schema's column (RunDatabase.cpp, with its migration) and the code that fills the field.
#include "core/history/RunRecord.h"

#include <functional>
#include <string>
#include <variant>
#include <vector>

namespace core {

// A column's value: NULL, an integer, a real or a text.
using RunValue = std::variant<std::monostate, int64_t, double, std::string>;

struct RunColumn {
    enum class Type { Integer, Real, Text };
    std::string name;
    Type type = Type::Text;
    std::function<RunValue(const RunRecord&)> get;
    // Takes what the database gave back (NULL as std::monostate); `where` names the database for messages.
    std::function<void(RunRecord&, const RunValue&, const std::string& where)> set;
    bool sortable = false; ///< RunFilter::sortBy may name it
};

// Every column of `runs` except id (the key SQLite assigns), in the schema's order.
const std::vector<RunColumn>& runColumns();
const RunColumn& runColumn(const std::string& name); ///< throws InternalError for a name that is not a column

// What RunFilter::sortBy may name besides "final:<metric>": id and the sortable columns.
std::vector<std::string> runSortColumns();

} // namespace core
