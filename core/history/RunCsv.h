#pragma once
// The history view's and `lorawb runs export-csv`'s table: one row per run, RFC 4180 quoting, the record's columns
// then one column per final metric (union over the runs, sorted; empty where a run lacks it).
#include "core/history/RunRecord.h"

#include <string>
#include <vector>

namespace core {

std::string runsCsv(const std::vector<RunRecord>& runs);

} // namespace core
