#pragma once
#include "core/data/RecordCollector.h"

namespace core {

// Alpaca records from CSV as RFC 4180 writes it: a header row naming the columns, fields separated by `delimiter`,
// quoted with " where they hold the delimiter, a quote ("") or line breaks. Rows end in LF or CRLF; a CRLF inside a
// quoted field becomes LF. Blank lines are ignored. A quoted field that never closes is a file error; a row with the
// wrong number of fields or a stray quote is a bad record (skippable).
void readCsv(RecordCollector& out, char delimiter = ',');

} // namespace core
