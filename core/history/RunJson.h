#pragma once
// A run as one JSON object (snake_case keys, the column names of the database and the CSV; finals as an object,
// NaN as null): what `lorawb runs … --json` prints, so that scripts read the same names everywhere.
#include "core/history/RunRecord.h"

#include <nlohmann/json_fwd.hpp>

namespace core {

nlohmann::json runToJson(const RunRecord& run);

} // namespace core
