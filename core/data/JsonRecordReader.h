#pragma once
#include "core/data/RecordCollector.h"

namespace core {

// Alpaca records from a JSON array ([{…}, {…}]) or from JSON Lines (one object per line). Each record is parsed on its
// own, so a bad one can be named (record number, line, column) and skipped; a broken array structure (a truncated
// file) is a file error with the line and column nlohmann reports.
void readJsonArray(RecordCollector& out);
void readJsonLines(RecordCollector& out);

} // namespace core
